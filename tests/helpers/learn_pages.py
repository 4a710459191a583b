"""Reading the rep's pages: one course card, one progress bar, the Continue links."""

import re


def course_card(html: str, title: str) -> str:
    """The home page's card for one course."""
    cards = re.findall(
        r'<li class="course-card">.*?</li>\s*(?=<li class="course-card">|</ol>)', html, re.S
    )
    return next(card for card in cards if f">{title}</a></h3>" in card)


def progress(html: str, label: str) -> int:
    """The value of the progress bar with that accessible name."""
    return int(re.search(rf'<progress value="(\d+)" max="100" aria-label="{label}"', html).group(1))


def badge(html: str) -> str:
    """The text of the first status badge."""
    return re.search(r'<span class="badge[^"]*">([^<]+)</span>', html).group(1)


def continue_links(html: str) -> list[str]:
    """Where the page's Continue buttons lead."""
    return re.findall(r'<a class="button continue" href="([^"]+)">Continue', html)


def module_states(html: str) -> list[tuple[str, str, str]]:
    """The course page's module list: (title, meta, state) in order."""
    return re.findall(
        r'<li>\s*<(?:a|span)[^>]*>([^<]+)</(?:a|span)>\s*<span class="meta">([^<]+)</span>\s*'
        r'<span class="module-state[^"]*">([^<]+)</span>',
        html,
    )

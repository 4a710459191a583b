"""The one place Markdown becomes HTML: Python-Markdown settings plus the nh3 sanitizer."""

from __future__ import annotations

import gc
import html
import math
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, wraps

import markdown
import nh3
from markdown import htmlparser
from markdown.extensions.toc import slugify_unicode

from lms.content import limits
from lms.content.accessible import accessible_html
from lms.content.headings import PERMALINK_CLASS
from lms.content.lines import split_lines

ASSETS_PREFIX = "assets/"

RENDERER_VERSION = 2
"""Stored with the HTML. Bump it whenever the HTML for the same text changes (settings,
extensions, sanitizer, a Python-Markdown upgrade): the next import renders again every
module and course stored with an older number."""

_EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "admonition", "sane_lists"]

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TAGS = _HEADINGS | {
    "p", "br", "hr", "a", "img", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
    "pre", "code", "kbd", "samp", "em", "strong", "b", "i", "del", "s", "ins", "mark",
    "sub", "sup", "small", "abbr", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "caption", "div", "span", "details", "summary", "nav",
}  # fmt: skip
_ATTRIBUTES = {
    **{h: {"id"} for h in _HEADINGS},
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "pre": {"class"},
    "code": {"class"},
    "div": {"class"},
    "p": {"class"},
    "span": {"class"},
    "th": {"align", "scope"},
    "td": {"align"},
    "ol": {"start"},
    "abbr": {"title"},
    "details": {"open"},
    "nav": {"class", "aria-label"},
}
# Tags dropped together with their content: their text is never meant to be read.
_DROP_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "svg", "math", "form", "textarea",
    "select", "template", "noscript", "noembed", "noframes", "xmp", "title",
}  # fmt: skip
_URL_SCHEMES = {"http", "https", "mailto"}

# Block-level Markdown that would turn a one-line choice or prompt into a list or heading.
_BLOCK_START = re.compile(r"^(\s*)(#{1,6}|[>+*-](?=\s|$)|\d+[.)](?=\s|$))")
_SETEXT_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
_SINGLE_P = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)


class _ThreadState(threading.local):
    """Per thread: the render deadline and the Markdown instance; class values are defaults."""

    deadline: float | None = None
    message: str = ""
    # The wall-clock time before which the deadline cannot have passed; infinite without one,
    # so that the check before each Markdown step is a single comparison when there is none.
    quiet_until: float = math.inf
    md: markdown.Markdown | None = None
    # CPU seconds the renders answered from the cache below would have taken: added to the
    # clock, so a budget runs out where it would have if they had been rendered again.
    charged: float = 0.0
    # CPU seconds the garbage collector took on this thread (taken off the clock), and when
    # the collection under way began.
    collecting: float = 0.0
    collection_started: float | None = None
    # Inline renders of the current validation: (text, asset base) -> (HTML, CPU seconds).
    inline: dict[tuple[str, str], tuple[str, float]] | None = None


_local = _ThreadState()


class RenderError(Exception):
    """Markdown that could not be rendered in time or at all; the message says why."""

    def __init__(self, message: str, out_of_time: bool = False) -> None:
        super().__init__(message)
        self.out_of_time = out_of_time  # the budget is spent: later renders under it fail too


class _OutOfTime(Exception):
    pass


@contextmanager
def render_budget(seconds: float | None = None) -> Iterator[None]:
    """Give every render inside the block, together, this much time on this thread.

    Why a cooperative deadline: signal.setitimer works only on the main thread (not in a
    request thread), a thread cannot be killed, and a subprocess per render is far too
    slow. Python-Markdown's slow inputs are quadratic through many calls of its inline
    patterns and block processors, so a clock check before each call stops any of them
    within one call's time (milliseconds) of the deadline. The clock is this thread's CPU
    time, so a busy server gives the same verdict as an idle one.
    """
    budget = limits.RENDER_BUDGET_SECONDS if seconds is None else seconds
    message = (
        f"rendering took more than the {budget:g} s of CPU time one validation may spend on "
        f"it: long runs of [ or < in a paragraph are the usual cause; break them up"
    )
    outermost = _local.inline is None
    if outermost:
        _local.inline = {}
    try:
        with _deadline(_clock() + budget, message):
            yield
    finally:
        if outermost:
            _local.inline = None
            _local.charged = 0.0  # no deadline is left that counts it


def _clock() -> float:
    """This thread's CPU time, plus what the renders taken from the cache would have spent,
    minus what Python's garbage collector took on this thread meanwhile."""
    return time.thread_time() + _local.charged - _local.collecting


def _count_collections(phase: str, info: dict) -> None:
    """Keep the cyclic garbage collector's CPU time out of the render budget.

    A full collection runs in whichever thread allocates when it is due, and on a server
    (or a test run) holding a large heap it takes a second or more: a one-line course.md
    was refused "out of time" by it. The collector's time says nothing about the text.
    """
    if info.get("generation") != 2:
        return  # the young generations take well under a millisecond: not worth a clock read
    if phase == "start":
        _local.collection_started = time.thread_time()
    elif _local.collection_started is not None:
        _local.collecting += time.thread_time() - _local.collection_started
        _local.collection_started = None


gc.callbacks.append(_count_collections)


@contextmanager
def file_budget(chars: int) -> Iterator[None]:
    """Narrow the budget, for the renders of one file, to that file's own allowance."""
    seconds = limits.FILE_RENDER_SECONDS + limits.FILE_RENDER_SECONDS_PER_MB * chars / 1_000_000
    message = (
        f"rendering this file took more than its {seconds:.1f} s of CPU time "
        f"({limits.FILE_RENDER_SECONDS:g} s plus {limits.FILE_RENDER_SECONDS_PER_MB:g} s per "
        "MB): long runs of [ or < in a paragraph are the usual cause; break them up"
    )
    deadline = _clock() + seconds
    outer = _local.deadline
    if outer is not None and outer <= deadline:
        yield  # the validation's budget ends first: its message is the one that applies
        return
    with _deadline(deadline, message):
        yield


@contextmanager
def _deadline(deadline: float, message: str) -> Iterator[None]:
    previous = _local.deadline, _local.message
    _set_deadline(deadline)
    _local.message = message
    try:
        yield
    finally:
        _set_deadline(previous[0])
        _local.message = previous[1]


def _set_deadline(deadline: float | None) -> None:
    _local.deadline = deadline
    # With a deadline, read the CPU clock at the next check; without one, never.
    _local.quiet_until = math.inf if deadline is None else 0.0


def _check_deadline() -> None:
    # Reading this thread's CPU clock is a system call (about 25 us here, as long as a small
    # render step), while the wall clock is nearly free. A thread's CPU time grows no faster
    # than wall time, so the CPU clock need not be read again before the time left has
    # passed on the wall clock: the deadline is still met exactly.
    now = _monotonic()
    if now < _local.quiet_until:
        return  # always so without a deadline: quiet_until is infinite then
    left = _local.deadline - _clock()
    if left < 0:
        raise _OutOfTime
    _local.quiet_until = now + left


_monotonic = time.monotonic


def _checked(method: Callable) -> Callable:
    @wraps(method)
    def call(*args, **kwargs):
        # _check_deadline's first test, inlined: this runs before every Markdown step.
        if _monotonic() >= _local.quiet_until:
            _check_deadline()
        return method(*args, **kwargs)

    return call


@dataclass(frozen=True)
class RenderedMarkdown:
    """Sanitized HTML of a Markdown text and its table of contents (empty if < 2 headings)."""

    html: str
    toc_html: str


def _slugify(value: str, separator: str) -> str:
    """Keep unicode letters so Chinese headings get readable ids; never return an empty id."""
    return slugify_unicode(value, separator) or "section"


def _markdown() -> markdown.Markdown:
    """One configured Markdown instance per thread: building one per call is slow."""
    md = _local.md
    if md is None:
        md = markdown.Markdown(
            extensions=_EXTENSIONS,
            extension_configs={
                "toc": {
                    "permalink": True,
                    "permalink_title": "Link to this section",
                    "permalink_class": PERMALINK_CLASS,
                    "slugify": _slugify,
                },
                # align="..." instead of style="text-align: ...": style is never allowed.
                "tables": {"use_align_attribute": True},
            },
            output_format="html",
        )
        for processors in (md.preprocessors, md.treeprocessors, md.postprocessors):
            for processor in processors:
                processor.run = _checked(processor.run)
        for block in md.parser.blockprocessors:
            block.run = _checked(block.run)
        for pattern in md.inlinePatterns:
            pattern.handleMatch = _checked(pattern.handleMatch)
        _local.md = md
    return md


# The raw-HTML preprocessor runs html.parser over the whole text in one call, and its
# per-tag regexes can scan to the end of the text: thousands of "<a " take minutes. Its
# loop calls these once per tag, so they carry the clock check (no-op without a deadline).
for _name in ("parse_starttag", "updatepos"):
    setattr(htmlparser.HTMLExtractor, _name, _checked(getattr(htmlparser.HTMLExtractor, _name)))


def _convert(text: str) -> tuple[str, list[dict]]:
    """Markdown to raw HTML and toc tokens within the budget; RenderError if not.

    A failed conversion can leave state behind in the Markdown instance (a RecursionError
    did: every later render lost its <p> and <strong>), so the instance is dropped and the
    next render builds a fresh one.
    """
    if _local.deadline is None:
        with render_budget():
            return _convert(text)
    try:
        _check_deadline()
        md = _markdown()
        md.reset()
        return md.convert(text), md.toc_tokens
    except _OutOfTime:
        _local.md = None
        raise RenderError(_local.message, out_of_time=True) from None
    except RecursionError:
        _local.md = None
        raise RenderError("lists, block quotes or brackets nest too deeply: flatten them") from None
    except Exception as exc:
        _local.md = None
        raise RenderError(f"the text could not be rendered ({type(exc).__name__})") from exc


def _rewrite_assets(asset_base: str):
    def rewrite(url: str) -> str:
        rest = url[2:] if url.startswith("./") else url
        if rest.startswith(ASSETS_PREFIX):
            return asset_base + rest[len(ASSETS_PREFIX) :]
        return url

    return rewrite


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_URL_ATTRIBUTES = {"href", "src"}


def _drop_disguised_schemes(tag: str, attribute: str, value: str) -> str | None:
    """Second line of defence: refuse "java  script:" and kin even where nh3 sees a path."""
    if attribute in _URL_ATTRIBUTES:
        squeezed = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
        match = _SCHEME.match(squeezed)
        if match and match.group(1) not in _URL_SCHEMES:
            return None
    return value


@lru_cache(maxsize=128)
def _cleaner(asset_base: str) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        url_relative=_rewrite_assets(asset_base),
        attribute_filter=_drop_disguised_schemes,
    )


def sanitize(raw_html: str, asset_base: str = ASSETS_PREFIX) -> str:
    """Clean rendered HTML with the course-content allowlist; rewrite assets/ URLs."""
    return _cleaner(asset_base).clean(raw_html)


def _count(tokens: list[dict]) -> int:
    return sum(1 + _count(t["children"]) for t in tokens)


def _toc_list(tokens: list[dict]) -> str:
    items = []
    for token in tokens:
        # "name" is the heading's text, already HTML-escaped by the toc extension.
        link = f'<a href="#{html.escape(token["id"])}">{token["name"]}</a>'
        children = _toc_list(token["children"]) if token["children"] else ""
        items.append(f"<li>{link}{children}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def render_markdown(text: str, asset_base: str = ASSETS_PREFIX) -> RenderedMarkdown:
    """Render a Markdown document to sanitized HTML, with heading ids and a table of contents.

    Raises RenderError when the text takes too long or nests too deeply.
    """
    body, tokens = _convert(text)
    toc = ""
    if _count(tokens) >= 2:
        toc = f'<nav class="toc" aria-label="Contents">{_toc_list(tokens)}</nav>'
    # After sanitizing: row headers and hidden permalinks are ours, not the author's to forge.
    page = accessible_html(sanitize(body, asset_base))
    return RenderedMarkdown(html=page, toc_html=sanitize(toc, asset_base))


def _escape_blocks(line: str) -> str:
    if _SETEXT_UNDERLINE.match(line):
        text = line.lstrip()
        # "\=" is no Markdown escape and would show; "=" as a character reference does not.
        return "&#61;" + text[1:] if text.startswith("=") else "\\" + text
    match = _BLOCK_START.match(line)
    if not match:
        return line
    marker = match.group(2)
    # Python-Markdown needs no space after "#", so every "#" of a heading marker is escaped.
    escaped = "\\#" * len(marker) if marker.startswith("#") else marker[:-1] + "\\" + marker[-1]
    return line[: match.start(2)] + escaped + line[match.end(2) :]


def render_inline(text: str, asset_base: str = ASSETS_PREFIX) -> str:
    """Render a prompt, choice, feedback or explanation: inline Markdown, no wrapping <p>.

    Raises RenderError as render_markdown does. Within one validation the same text is
    rendered once: quizzes repeat their choices ("True", "None of these") across modules.
    The HTML depends on nothing but the text and the asset base, and a repeat is charged the
    CPU time of the first rendering, so every budget runs out where it did without the cache.
    """
    known = _local.inline
    if known is None:
        return _render_inline(text, asset_base)
    key = (text, asset_base)
    hit = known.get(key)
    if hit is None:
        started = _clock()
        html = _render_inline(text, asset_base)
        known[key] = (html, _clock() - started)
        return html
    _local.charged += hit[1]
    _local.quiet_until -= hit[1]  # the time left shrank by as much as the clock moved
    try:
        _check_deadline()
    except _OutOfTime:
        raise RenderError(_local.message, out_of_time=True) from None
    return hit[0]


def _render_inline(text: str, asset_base: str) -> str:
    source = "\n".join(_escape_blocks(line.strip()) for line in split_lines(text))
    rendered = _convert(source)[0].strip()
    # Inline text never gets headings, so the toc's permalink is not a concern here.
    match = _SINGLE_P.match(rendered)
    if match and "<p" not in match.group(1):
        rendered = match.group(1)
    return sanitize(rendered, asset_base)

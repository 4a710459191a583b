"""Answering the daily boost through the rep's home page (tests/reinforcement, the browser)."""

from __future__ import annotations

import re

# The basics quiz (tests/fixtures/courses/basics/02-quiz.md): how to tell each question in the
# boost, and a right and a wrong answer to it.
PROMPTS = {"capital": "capital of France", "colours": "primary colours", "funnel": "funnel stage"}
RIGHT = {"capital": "Paris", "colours": ["Red", "Blue"], "funnel": "purchase"}
WRONG = {"capital": "Lyon", "colours": ["Green"], "funnel": "nothing"}
# What only an answered question may show: explanations, feedback, accepted answers.
ANSWER_TEXTS = (
    "Paris has been the capital for centuries",
    "Lyon is the third largest city",
    "Green is secondary in paint",
    "Sales works the bottom of the funnel",
    "purchase",
    "buy(ing)",
    "Right.",
)


def boost_section(html: str) -> str | None:
    """The boost card of a home page, or None when there is none."""
    found = re.search(r'<section id="boost".*?</section>', html, re.S)
    return found.group(0) if found else None


def shown_key(section: str) -> str:
    """Which basics question the boost card shows."""
    return next(key for key, prompt in PROMPTS.items() if prompt in section)


def boost_form(section: str, answer) -> tuple[str, dict]:
    """The card's form action and the form data answering it with `answer` (labels or text)."""
    action = re.search(r'<form method="post" action="([^"]+)"', section).group(1)
    data = {"number": re.search(r'name="number" value="(\d+)"', section).group(1)}
    if 'type="text"' in section:
        data["answer"] = answer
    else:
        labels = answer if isinstance(answer, list) else [answer]
        data["answer"] = [
            re.search(
                rf'name="answer" value="([^"]+)"[^>]*>\s*<span>{re.escape(label)}</span>', section
            ).group(1)
            for label in labels
        ]
    return action, data


def answer_boost(client, right_keys=None, right: bool | None = None):
    """Answer the boost card on the home page; return (question key, response) or None.

    Right when `right` says so, else right for the keys in `right_keys` (None: every key).
    """
    section = boost_section(client.get("/").get_data(as_text=True))
    if section is None:
        return None
    key = shown_key(section)
    every = right_keys is None or key in right_keys
    is_right = every if right is None else right
    action, data = boost_form(section, (RIGHT if is_right else WRONG)[key])
    return key, client.post(action, data=data)

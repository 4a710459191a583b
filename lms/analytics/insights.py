"""Which questions a team gets wrong, from the snapshots kept with each attempt."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

TOP_MISSED = 10


@dataclass
class QuestionStat:
    """One question of one module, across the team's attempts."""

    module_id: int
    key: str
    prompt_html: str = ""
    first_answers: int = 0
    first_right: int = 0
    # A wrong answer's text (or sanitized choice HTML) and whether it is HTML, with its count.
    wrong: Counter = field(default_factory=Counter)

    @property
    def first_wrong(self) -> int:
        return self.first_answers - self.first_right

    @property
    def share_right(self) -> int | None:
        """Percent answered right at the rep's first attempt."""
        return round(100 * self.first_right / self.first_answers) if self.first_answers else None

    @property
    def most_chosen_wrong(self) -> tuple[str, bool, int] | None:
        """(answer, is_html, times chosen) for the commonest wrong answer, if any."""
        if not self.wrong:
            return None
        (answer, is_html), count = min(self.wrong.items(), key=lambda kv: (-kv[1], kv[0]))
        return answer, is_html, count


def _wrong_answers(item: dict[str, Any]) -> list[tuple[str, bool]]:
    """The wrong things a rep gave for one question: wrong choices picked, or a wrong text."""
    if item.get("correct"):
        return []
    if item.get("kind") == "short":
        answer = (item.get("answer") or "").strip().casefold()
        return [(answer or "(no answer)", False)]
    picked = [
        (c["html"], True)
        for c in item.get("choices", [])
        if c.get("picked") and not c.get("correct")
    ]
    # Missing one of the right choices of a select-all question is wrong without a wrong pick.
    return picked or [("(a right choice left out)", False)]


def question_stats(attempts: Iterable[tuple[int, int, list[dict[str, Any]]]]) -> list[QuestionStat]:
    """Stats per (module, question key) from (module id, attempt number, snapshot) rows."""
    stats: dict[tuple[int, str], QuestionStat] = {}
    for module_id, number, snapshot in attempts:
        for item in snapshot:
            stat = stats.setdefault((module_id, item["key"]), QuestionStat(module_id, item["key"]))
            # The newest wording wins, so the page shows the question as it reads now.
            stat.prompt_html = item.get("prompt_html", stat.prompt_html)
            if number == 1:
                stat.first_answers += 1
                stat.first_right += bool(item.get("correct"))
            stat.wrong.update(_wrong_answers(item))
    return list(stats.values())


def most_missed(stats: list[QuestionStat], limit: int = TOP_MISSED) -> list[QuestionStat]:
    """The questions most often wrong at a first attempt; a lower share right breaks ties."""
    missed = [s for s in stats if s.first_wrong > 0]
    return sorted(missed, key=lambda s: (-s.first_wrong, s.share_right or 0, s.key))[:limit]

"""Which questions a team gets wrong, from the snapshots kept with each attempt."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lms.assessment.question_types import question_type
from lms.assessment.record import read

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


def question_stats(attempts: Iterable[tuple[int, int, list[dict[str, Any]]]]) -> list[QuestionStat]:
    """Stats per (module, question key) from (module id, attempt number, snapshot) rows."""
    stats: dict[tuple[int, str], QuestionStat] = {}
    for module_id, number, snapshot in attempts:
        for item in read(snapshot):
            stat = stats.setdefault((module_id, item.key), QuestionStat(module_id, item.key))
            # The newest wording wins, so the page shows the question as it reads now.
            stat.prompt_html = item.prompt_html or stat.prompt_html
            if number == 1:
                stat.first_answers += 1
                stat.first_right += item.correct
            stat.wrong.update(question_type(item.kind).wrong_given(item))
    return list(stats.values())


def most_missed(stats: list[QuestionStat], limit: int = TOP_MISSED) -> list[QuestionStat]:
    """The questions most often wrong at a first attempt; a lower share right breaks ties."""
    missed = [s for s in stats if s.first_wrong > 0]
    return sorted(missed, key=lambda s: (-s.first_wrong, s.share_right or 0, s.key))[:limit]

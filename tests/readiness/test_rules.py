"""The readiness rules on hand-built facts: each status, its reason, and the tie-breaks."""

from datetime import UTC, date, datetime, timedelta

import pytest

from lms.progress.readiness import (
    CourseFacts,
    PathFacts,
    Status,
    assess_path,
    assess_rep,
    disagrees,
    expected_done,
)

TODAY = date(2026, 11, 20)


def at(days_ago: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), tzinfo=UTC)


def path(
    start_ago: int, done=(0, 0), started=None, last=None, locked=(), scores=(0, 0)
) -> PathFacts:
    """Two courses: Foundations (4 modules, due day 5), Product Essentials (5 modules, due day 12)."""
    start = TODAY - timedelta(days=start_ago)
    started = started or done
    courses = (
        CourseFacts(1, "Foundations", start + timedelta(days=5), 4, done[0], started[0]),
        CourseFacts(2, "Product Essentials", start + timedelta(days=12), 5, done[1], started[1]),
    )
    return PathFacts(
        "New AE",
        start,
        courses,
        scores[0],
        scores[1],
        3,
        None if last is None else at(last),
        tuple(locked),
    )


@pytest.mark.parametrize(
    ("facts", "status", "reason"),
    [
        (
            path(30, (4, 5), last=20, scores=(810, 9)),
            Status.READY,
            "Path complete: all 9 modules done; average best score 90%",
        ),
        (
            path(15, (4, 2), last=0),
            Status.OVERDUE,
            "Product Essentials was due 3 days ago; 2 of 5 modules done",
        ),
        (
            path(15, (3, 2), last=0),
            Status.OVERDUE,
            "Foundations was due 10 days ago; 3 of 4 modules done; 1 more course overdue",
        ),
        (path(-3), Status.NOT_STARTED, "Starts in 3 days; Foundations due in 8 days"),
        (
            path(2),
            Status.NOT_STARTED,
            "Started 2 days ago; no module opened yet; Foundations due in 3 days",
        ),
        (
            path(0),
            Status.NOT_STARTED,
            "Started today; no module opened yet; Foundations due in 5 days",
        ),
        (
            path(8, (4, 1), last=0, locked=["Pricing"]),
            Status.AT_RISK,
            "Out of attempts on the “Pricing” quiz without a pass; 5 of 9 modules done",
        ),
        (path(10, (4, 2), last=8), Status.AT_RISK, "No activity for 8 days; 6 of 9 modules done"),
        (
            path(10, (4, 0), started=(4, 1), last=1),
            Status.AT_RISK,
            "Behind pace: 4 of 9 modules done, 7 expected by today",
        ),
        (
            path(4, (0, 0), started=(1, 0), last=0),
            Status.AT_RISK,
            "Behind pace: 0 of 9 modules done, 3 expected by today",
        ),
        (
            path(8, (4, 1), last=0),
            Status.ON_TRACK,
            "5 of 9 modules done; Product Essentials due in 4 days",
        ),
        (path(4, (2, 0), last=0), Status.ON_TRACK, "2 of 9 modules done; Foundations due tomorrow"),
    ],
)
def test_status_and_reason(facts, status, reason):
    result = assess_path(facts, TODAY)
    assert (result.status, result.reason) == (status, reason)


def test_a_rep_who_never_started_is_at_risk_after_a_week():
    start = TODAY - timedelta(days=7)
    facts = PathFacts("Long path", start, (CourseFacts(1, "Slow", start + timedelta(days=90), 9),))
    result = assess_path(facts, TODAY)
    assert (result.status, result.reason) == (
        Status.AT_RISK,
        "No activity in the 7 days since the start; 0 of 9 modules done",
    )


@pytest.mark.parametrize(
    ("start_ago", "expected"), [(0, 0), (1, 0), (5, 4), (6, 4), (12, 9), (40, 9)]
)
def test_pace_spreads_each_course_up_to_its_due_date(start_ago, expected):
    assert expected_done(path(start_ago), TODAY) == expected


def test_the_most_urgent_path_decides_and_names_itself():
    ready = path(30, (4, 5), last=1)
    overdue = path(15, (4, 2), last=0)
    rep = assess_rep([ready, overdue], TODAY)
    assert rep.status is Status.OVERDUE
    assert rep.reason == "New AE: Product Essentials was due 3 days ago; 2 of 5 modules done"
    assert (rep.done, rep.total, rep.overdue, rep.days_since_start) == (15, 18, 1, 30)


def test_a_rep_without_a_path_is_not_started_and_says_so():
    rep = assess_rep([], TODAY, start_date=TODAY - timedelta(days=3))
    assert (rep.status, rep.reason, rep.percent, rep.days_since_start) == (
        Status.NOT_STARTED,
        "No path assigned yet",
        0,
        3,
    )


@pytest.mark.parametrize(
    ("status", "verdict", "flag"),
    [
        (Status.READY, "ready", False),
        (Status.READY, "not yet", True),
        (Status.AT_RISK, "ready", True),
        (Status.ON_TRACK, "not yet", False),
        (Status.OVERDUE, None, False),
    ],
)
def test_disagreement_between_data_and_judgement(status, verdict, flag):
    assert disagrees(status, verdict) is flag

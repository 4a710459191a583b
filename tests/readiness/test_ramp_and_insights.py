"""The ramp series and median, and question insights, on hand-built data."""

from datetime import date, timedelta

from lms.analytics.insights import most_missed, question_stats
from lms.progress.ramp import chart, median_line, rep_line

START = date(2026, 11, 1)


def on(day: int) -> date:
    return START + timedelta(days=day)


def test_a_reps_line_steps_up_on_each_day_something_was_completed():
    line = rep_line("Ana", START, [on(2), on(2), on(5)], on(7))
    assert line.steps == [(0, 0), (2, 2), (5, 3), (7, 3)]
    assert [line.at(d) for d in (0, 1, 2, 4, 5, 7, 30)] == [0, 0, 2, 2, 3, 3, 3]


def test_median_counts_only_reps_who_have_been_there_that_long():
    fast = rep_line("Fast", START, [on(1), on(2), on(3)], on(10))
    slow = rep_line("Slow", START, [on(3)], on(10))
    new = rep_line("New", on(8), [], on(10))
    median = dict(median_line([fast, slow, new]))
    assert median[2] == 0  # Fast 2, Slow 0, New 0
    assert median[3] == 2  # New has been there two days only: median of Fast 3 and Slow 1


def test_chart_scales_into_the_plot_area():
    drawn = chart([rep_line("Ana", START, [on(5)], on(10))], [(0, 0), (10, 1)])
    xs = [float(p.split(",")[0]) for p in drawn.rep_points[0][1].split()]
    assert min(xs) == drawn.left and max(xs) == drawn.right


def item(key, correct, picked=None, answer=None):
    choices = [
        {"key": "a", "html": "<p>Paris</p>", "correct": True, "picked": picked == "a"},
        {"key": "b", "html": "<p>Lyon</p>", "correct": False, "picked": picked == "b"},
    ]
    kind = "short" if answer is not None else "single"
    return {"key": key, "kind": kind, "choices": choices, "answer": answer, "correct": correct}


def test_share_right_at_first_attempt_and_commonest_wrong_answer():
    stats = question_stats(
        [
            (1, 1, [item("capital", False, "b"), item("stage", False, answer="Marketing")]),
            (1, 2, [item("capital", True, "a"), item("stage", False, answer="marketing ")]),
            (1, 1, [item("capital", True, "a"), item("stage", True, answer="purchase")]),
        ]
    )
    capital, stage = sorted(stats, key=lambda s: s.key)
    assert (capital.first_answers, capital.share_right) == (2, 50)
    assert capital.most_chosen_wrong == ("<p>Lyon</p>", True, 1)
    assert stage.most_chosen_wrong == ("marketing", False, 2)
    assert [s.key for s in most_missed(stats)] == ["capital", "stage"]

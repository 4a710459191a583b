"""The ramp chart: modules completed against days since start, per rep and the team median."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import median

WIDTH, HEIGHT = 640, 360
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 16, 16, 40
MILESTONES = (7, 14, 30, 60, 90, 180, 365)


@dataclass
class RampLine:
    name: str
    days: int  # days since start, today
    steps: list[tuple[int, int]]  # (day, modules completed by the end of that day)
    daily: list[int]  # modules completed by the end of each day, index = day since start

    @property
    def completed(self) -> int:
        return self.steps[-1][1] if self.steps else 0

    def at(self, day: int) -> int:
        """Modules completed by the end of a given day since start."""
        return self.daily[min(day, self.days)] if day >= 0 else 0


def rep_line(name: str, start: date, completions: list[date], today: date) -> RampLine:
    """A rep's cumulative completions, one step per day something was completed."""
    days = max((today - start).days, 0)
    steps = [(0, 0)]
    for count, when in enumerate(sorted(completions), start=1):
        day = min(max((when - start).days, 0), days)
        if steps[-1][0] == day:
            steps[-1] = (day, count)
        else:
            steps.append((day, count))
    if steps[-1][0] < days:
        steps.append((days, steps[-1][1]))
    daily = [0] * (days + 1)
    for (day, count), (following, _) in zip(steps, [*steps[1:], (days + 1, 0)], strict=True):
        daily[day:following] = [count] * (following - day)
    return RampLine(name, days, steps, daily)


def median_line(lines: list[RampLine]) -> list[tuple[int, float]]:
    """For each day, the median of the reps who have been on the team that long."""
    horizon = max((line.days for line in lines), default=0)
    points = []
    for day in range(horizon + 1):
        values = [line.at(day) for line in lines if line.days >= day]
        if values:
            points.append((day, median(values)))
    return points


def pace_line(courses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pace the due dates imply: (day, modules due by then) from (due_day, modules) per
    course; a rep on pace finishes each course's modules evenly until its due day."""
    points = [(0, 0)]
    total = 0
    for due_day, modules in sorted(courses):
        total += modules
        if points[-1][0] == due_day:
            points[-1] = (due_day, total)
        else:
            points.append((due_day, total))
    return points if total else []


@dataclass
class Chart:
    """Everything the template needs to draw the SVG: scaled points and axis ticks."""

    rep_points: list[tuple[str, str]]  # (name, "x,y x,y ...")
    median_points: str
    x_ticks: list[tuple[float, int]]
    y_ticks: list[tuple[float, int]]
    pace_points: str = ""  # the expected pace, straight segments between due days
    width: int = WIDTH
    height: int = HEIGHT
    left: int = MARGIN_LEFT
    bottom: int = HEIGHT - MARGIN_BOTTOM
    right: int = WIDTH - MARGIN_RIGHT
    top: int = MARGIN_TOP


def _ticks(maximum: int, count: int = 5) -> list[int]:
    step = max(1, -(-maximum // count))
    return list(range(0, maximum + 1, step))


def chart(
    lines: list[RampLine], median: list[tuple[int, float]], pace: list[tuple[int, int]] = ()
) -> Chart:
    """Scale the lines into the plot area; steps are drawn as horizontal-then-vertical moves."""
    max_day = max([line.days for line in lines] + [day for day, _n in pace] + [1])
    max_done = max([line.completed for line in lines] + [n for _d, n in pace] + [1])
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x(day: float) -> float:
        return round(MARGIN_LEFT + plot_w * day / max_day, 1)

    def y(done: float) -> float:
        return round(HEIGHT - MARGIN_BOTTOM - plot_h * done / max_done, 1)

    def stepped(points: list[tuple[int, float]]) -> str:
        out: list[str] = []
        previous = None
        for day, done in points:
            if previous is not None:
                out.append(f"{x(day)},{y(previous)}")
            out.append(f"{x(day)},{y(done)}")
            previous = done
        return " ".join(out)

    return Chart(
        rep_points=[(line.name, stepped(line.steps)) for line in lines],
        median_points=stepped(median),
        pace_points=" ".join(f"{x(day)},{y(done)}" for day, done in pace),
        x_ticks=[(x(d), d) for d in _ticks(max_day)],
        y_ticks=[(y(n), n) for n in _ticks(max_done)],
    )


def milestones(lines: list[RampLine], median: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The team median at the usual check-in days, for the text alternative."""
    by_day = dict(median)
    return [(day, by_day[day]) for day in MILESTONES if day in by_day]

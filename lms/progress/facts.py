"""Readiness facts from the rep-side states of lms.progress.states, so both sides agree."""

from __future__ import annotations

from lms.progress.readiness import CourseFacts, PathFacts
from lms.progress.states import CourseState, PathState

# The "path" of the courses assigned to a rep on their own, as readiness reasons name it
# (the rep's home calls it "Courses assigned to you").
ASSIGNED_TITLE = "Courses assigned on their own"


def course_facts(state: CourseState) -> CourseFacts:
    """What the rules need about one course, from the state the rep's own page shows."""
    return CourseFacts(
        course_id=state.course.id,
        title=state.course.title,
        due_date=state.due_date,
        total=state.total,
        done=state.done_count,
        started=sum(1 for m in state.modules if m.started),
        earned=state.earned_at is not None,
        new_material_due=state.new_material_due,
    )


def path_facts(state: PathState) -> PathFacts:
    """What the rules need about one path, from the rep's loaded path state."""
    modules = [m for c in state.courses for m in c.modules]
    scores = [m.best_score for m in modules if m.best_score is not None]
    activity = [m.progress.last_activity_at for m in modules if m.progress is not None]
    return PathFacts(
        path_title=state.path.title if state.enrollment.id else ASSIGNED_TITLE,
        start_date=state.enrollment.start_date,
        courses=tuple(course_facts(c) for c in state.courses),
        score_sum=sum(scores),
        score_count=len(scores),
        attempts=sum(m.attempts for m in modules),
        last_activity=max(activity, default=None),
        locked_out=tuple(m.module.title for m in modules if m.out_of_attempts),
    )

"""The module page, shared by the learn and quizzes blueprints: text, quiz and attempts."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from lms.assessment import attempts as quiz_service
from lms.db import db
from lms.models import Module, Role
from lms.progress import queries


def locked_for_user(state) -> bool:
    """Prerequisites gate reps; managers, trainers and admins may read any course to coach."""
    return state.locked and current_user.role is Role.REP


def render_module_page(state, module: Module, token: str, answers=None, missing=()):
    """The module page; a quiz sent back for missing answers keeps what the rep chose."""
    position = next(i for i, m in enumerate(state.modules) if m.module.id == module.id)
    module_state = state.modules[position]
    attempts = queries.recent_attempts(db.session, current_user, module) if module.has_quiz else []
    return render_template(
        "learn/module.html",
        state=state,
        module=module,
        module_state=module_state,
        previous=state.modules[position - 1].module if position > 0 else None,
        following=state.modules[position + 1].module if position + 1 < len(state.modules) else None,
        attempts=attempts,
        exhausted=module_state.attempts_used_up,
        token=token,
        questions=quiz_service.shown_questions(module.questions, token, module.shuffle),
        answers=answers or {},
        missing=list(missing),
    )

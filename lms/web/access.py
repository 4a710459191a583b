"""Who may see what: role checks for views."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from lms.models import Role


def role_required(*roles: Role) -> Callable:
    """Let signed-in users with one of the roles through; others get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator

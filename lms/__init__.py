"""RepReady: onboarding and training for sales teams."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from lms.config import DEV_SECRET_KEY, Defaults

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Assemble the app: settings, extensions, blueprints, CLI and error pages."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(Defaults)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("LMS")
    else:
        app.config.from_mapping(test_config)
    _fill_derived_settings(app)
    _refuse_unsafe_settings(app)

    # Imported here so that the name lms.db stays the module, not the Database object.
    from lms.db import db
    from lms.extensions import csrf, limiter, login_manager
    from lms.progress import freshness

    db.init_app(app)
    # Every Session, app or CLI: writes that change a dashboard change the team's data_version.
    freshness.register()
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from lms.admin.views import bp as admin_bp
    from lms.assignments.views import bp as assignments_bp
    from lms.auth.views import bp as auth_bp
    from lms.authoring.views import bp as authoring_bp
    from lms.cli import register_cli
    from lms.learn.views import bp as learn_bp
    from lms.quizzes.views import bp as quizzes_bp
    from lms.reports.views import bp as reports_bp
    from lms.web import errors, filters, security, sqlcount
    from lms.web.health import bp as health_bp

    blueprints = (
        health_bp,
        auth_bp,
        learn_bp,
        quizzes_bp,
        admin_bp,
        assignments_bp,
        reports_bp,
        authoring_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    errors.register(app)
    security.register(app)
    filters.register(app)
    sqlcount.register(app)
    register_cli(app)
    _register_notifications(app)
    _register_practice(app)
    _register_certificates(app)
    _register_boost(app)
    _register_library(app)
    return app


def _register_certificates(app: Flask) -> None:
    """Issue 16: certification pages, certificates and their public verification."""
    from lms.certificates.views import bp as certificates_bp

    app.register_blueprint(certificates_bp)


def _register_boost(app: Flask) -> None:
    """Issue 16: the daily boost's answers, retention for managers, fading questions."""
    from lms.boost.views import bp as boost_bp

    app.register_blueprint(boost_bp)


def _register_library(app: Flask) -> None:
    """Issue 17: search over everything and the content library."""
    from lms.library.views import bp as library_bp

    app.register_blueprint(library_bp)


def _register_notifications(app: Flask) -> None:
    """Issue 14: in-app notifications, account links, the outbox and `flask notify`."""
    from lms.cli.notify import notify
    from lms.notifications.views import bp as notifications_bp

    app.register_blueprint(notifications_bp)
    app.cli.add_command(notify)


def _register_practice(app: Flask) -> None:
    """Issue 15: practice modules, the review queue and practice media."""
    from lms.cli.practice import practice
    from lms.coaching.views import bp as coaching_bp

    app.register_blueprint(coaching_bp)
    app.cli.add_command(practice)


def _fill_derived_settings(app: Flask) -> None:
    """Defaults that depend on where the app lives."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'repready.sqlite3'}"
    if not app.config.get("COURSES_DIR"):
        app.config["COURSES_DIR"] = str(PROJECT_ROOT / "courses")


def _refuse_unsafe_settings(app: Flask) -> None:
    """Refuse to start in production with the published development secret."""
    if app.config["SECRET_KEY"] == DEV_SECRET_KEY and not (app.debug or app.testing):
        raise RuntimeError(
            "LMS_SECRET_KEY is not set. Set it in the environment or in instance/config.py "
            "(SECRET_KEY = '...'); `make run` writes a random one for local use."
        )

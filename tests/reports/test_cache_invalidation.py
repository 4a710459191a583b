"""No write reaches the dashboard's cache unseen: bulk statements, restored backups, age."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, text, update

from lms.cache import CACHES, BoundedCache, app_cache
from lms.clock import now as utcnow
from lms.db import db
from lms.models import Module, ModuleProgress, Team
from tests.reports.conftest import add_progress, page, row


def test_a_bulk_update_of_a_reps_progress_shows_on_the_dashboard(app, client, auth, atlas):
    add_progress(app, atlas["new"], "reading", done=False)
    auth.login("maya@example.com")
    assert "0/3 modules" in row(page(client, atlas["team"]), "Nina New")
    with app.app_context():
        # Around the flush: an ORM bulk UPDATE loads no object, so no before_flush sees it.
        db.session.execute(
            update(ModuleProgress)
            .where(ModuleProgress.user_id == atlas["new"])
            .values(completed_at=utcnow())
        )
        db.session.commit()
    assert "1/3 modules" in row(page(client, atlas["team"]), "Nina New")


def test_a_bulk_delete_of_a_reps_progress_shows_on_the_dashboard(app, client, auth, atlas):
    auth.login("maya@example.com")
    assert "0/3 modules" not in row(page(client, atlas["team"]), "Rita Ready")
    with app.app_context():
        db.session.execute(delete(ModuleProgress).where(ModuleProgress.user_id == atlas["ready"]))
        db.session.commit()
    assert "0/3 modules" in row(page(client, atlas["team"]), "Rita Ready")


def _restore(app, team_id: int, version: int, user_id: int) -> None:
    """What restoring a backup does to these rows: the old version, the later progress gone."""
    with app.app_context():
        db.session.execute(text("DELETE FROM module_progress WHERE user_id = :u"), {"u": user_id})
        db.session.execute(
            text("UPDATE teams SET data_version = :v WHERE id = :t"), {"v": version, "t": team_id}
        )
        db.session.commit()


def test_a_restored_backup_does_not_bring_back_a_report_cached_before_it(app, client, auth, atlas):
    with app.app_context():
        backed_up = db.session.scalar(select(Team.data_version).where(Team.id == atlas["team"]))
    add_progress(app, atlas["new"], "reading")
    auth.login("maya@example.com")
    assert "1/3 modules" in row(page(client, atlas["team"]), "Nina New")  # cached

    _restore(app, atlas["team"], backed_up, atlas["new"])
    with app.app_context(), db.writing() as session:  # one flush, so one new version
        slugs = ("reading", "quiz")
        for module_id in session.scalars(select(Module.id).where(Module.slug.in_(slugs))).all():
            session.add(
                ModuleProgress(
                    user_id=atlas["new"],
                    module_id=module_id,
                    started_at=utcnow(),
                    completed_at=utcnow(),
                    last_activity_at=utcnow(),
                )
            )

    # With versions counted up by one, this write landed on the number the cached report
    # was kept under, and the dashboard showed the progress from before the restore.
    assert "2/3 modules" in row(page(client, atlas["team"]), "Nina New")


def test_an_entry_older_than_the_maximum_age_is_built_again():
    now = [0.0]
    cache = BoundedCache(max_entries=4, max_age=600, clock=lambda: now[0])
    cache.put("team", "old report")
    now[0] = 599
    assert cache.get("team") == "old report"
    now[0] = 600
    assert cache.get("team") is None
    assert cache.get_or_build("team", lambda: "new report") == "new report"


def test_every_app_cache_is_listed_with_its_bounds(app):
    for name, spec in CACHES.items():
        cache = app_cache(app, name)
        assert (cache.max_entries, cache.max_age) == (spec.max_entries, spec.max_age)
        assert spec.max_age < float("inf")  # the backstop applies to every one
    with pytest.raises(KeyError):
        app_cache(app, "a cache nobody listed")

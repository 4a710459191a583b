"""Who may use each route, and how to call it: the allow-table the route and CSRF walks read.

Adding a route? Add its endpoint to ALLOW with the personas who may use it. URL parameters
are filled from PARAMS by name (values may be world ids); override per route with `params`.
URLs always point at team Alpha's data (rep, manager), so other_rep and other_manager are
someone editing ids in the address bar.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.helpers.world import (
    ADMIN,
    ANONYMOUS,
    MANAGER,
    OTHER_MANAGER,
    OTHER_REP,
    PERSONAS,
    REP,
    TRAINER,
)

EVERYONE = frozenset(PERSONAS)
SIGNED_IN = EVERYONE - {ANONYMOUS}
STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Route:
    """Who may use a route, and how to call it."""

    allowed: frozenset[str]
    params: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)  # form data for state-changing methods
    ok: tuple[int, ...] = (200, 302)  # what an allowed persona gets
    signs_out: bool = False  # an allowed answer may be the sign-in page


# URL parameter values by name: a string is a world id ("rep_id"), anything else is literal.
PARAMS = {
    "slug": ("basics",),
    "module_slug": ("quiz",),
    "attempt_id": "attempt_id",
    "user_id": "rep_id",
    "rep_id": "rep_id",
    "team_id": "team_id",
    "module_id": "module_id",
}

ALLOW: dict[str, Route] = {
    "static": Route(EVERYONE, params={"filename": ("css/app.css",)}),
    "health.healthz": Route(EVERYONE),
    # Signed-in visitors are sent home; a POST without fields re-shows the form.
    "auth.login": Route(EVERYONE),
    "auth.logout": Route(SIGNED_IN, signs_out=True),
    "auth.change_password": Route(SIGNED_IN),
    "auth.time_zone": Route(SIGNED_IN),
    "notifications.settings": Route(SIGNED_IN),
    # Course content is open to everyone signed in; progress rows are the viewer's own.
    "learn.home": Route(SIGNED_IN),
    "learn.course": Route(SIGNED_IN),
    "learn.module": Route(SIGNED_IN),
    "learn.complete": Route(SIGNED_IN, params={"module_slug": ("reading",)}),
    "learn.asset": Route(SIGNED_IN, params={"slug": ("advanced",), "asset_path": ("diagram.png",)}),
    # Missing answers re-show the form (422); the attempt is only ever the submitter's.
    "quizzes.submit": Route(SIGNED_IN, data={"token": "t" * 32}, ok=(200, 302, 422)),
    "quizzes.attempt": Route(frozenset({REP})),
    # Team reports: the team's managers and admins; a manager of another team gets 404.
    "reports.teams": Route(frozenset({MANAGER, OTHER_MANAGER, ADMIN})),
    "reports.dashboard": Route(frozenset({MANAGER, ADMIN})),
    "reports.export": Route(frozenset({MANAGER, ADMIN})),
    "reports.rep": Route(frozenset({MANAGER, ADMIN})),
    "reports.judge": Route(frozenset({MANAGER, ADMIN}), data={"verdict": "ready"}),
    "reports.insights": Route(frozenset({MANAGER, ADMIN})),
    "reports.ramp": Route(frozenset({MANAGER, ADMIN})),
    # Admin pages: admins only. Empty POSTs re-show their form; the ids below make the
    # admin's own POSTs refused (deactivate themselves, remove a team's last manager),
    # so the shared world keeps every persona able to sign in.
    "admin.users": Route(frozenset({ADMIN})),
    "admin.new_user": Route(frozenset({ADMIN})),
    "admin.edit_user": Route(frozenset({ADMIN})),
    "admin.password": Route(frozenset({ADMIN})),
    "admin.deactivate": Route(frozenset({ADMIN}), params={"user_id": "admin_id"}),
    "admin.reactivate": Route(frozenset({ADMIN})),
    "admin.teams": Route(frozenset({ADMIN})),
    "admin.team": Route(frozenset({ADMIN})),
    "admin.add_team_manager": Route(frozenset({ADMIN})),
    "admin.team_webhooks": Route(frozenset({ADMIN})),
    "admin.remove_team_manager": Route(frozenset({ADMIN}), params={"user_id": "manager_id"}),
    # Deleting team Alpha is refused (it has members); no pending import exists: 404.
    "admin.history": Route(frozenset({ADMIN})),
    "admin.delete_team": Route(frozenset({ADMIN})),
    "admin.imports.upload": Route(frozenset({ADMIN}), ok=(200, 422)),
    "admin.imports.preview": Route(frozenset({ADMIN}), params={"import_id": (999,)}, ok=(404,)),
    "admin.imports.confirm": Route(frozenset({ADMIN}), params={"import_id": (999,)}, ok=(404,)),
    "admin.imports.cancel": Route(frozenset({ADMIN}), params={"import_id": (999,)}, ok=(404,)),
    # Assigning paths: the team's managers and admins; a manager of another team gets 404.
    "assignments.assign": Route(frozenset({MANAGER, ADMIN})),
    # Remedies on a rep's page; a form without fields re-shows the page with its errors.
    "assignments.remedy_module": Route(frozenset({MANAGER, ADMIN}), ok=(422,)),
    "assignments.remedy_due_date": Route(frozenset({MANAGER, ADMIN}), ok=(422,)),
    "assignments.remedy_assign_course": Route(frozenset({MANAGER, ADMIN}), ok=(422,)),
    "assignments.remedy_remove_path": Route(frozenset({MANAGER, ADMIN}), ok=(422,)),
    # Authoring: trainers and admins. Importing COURSES_DIR re-imports the world's own
    # fixture courses (nothing changes); an empty upload or edit re-shows its page (422);
    # rolling back to version 1 of an unedited module changes nothing.
    "authoring.courses": Route(frozenset({TRAINER, ADMIN})),
    "authoring.import_courses": Route(frozenset({TRAINER, ADMIN})),
    "authoring.upload_zip": Route(frozenset({TRAINER, ADMIN}), ok=(422,)),
    "authoring.export_all": Route(frozenset({TRAINER, ADMIN})),
    "authoring.export_course": Route(frozenset({TRAINER, ADMIN})),
    "authoring.course": Route(frozenset({TRAINER, ADMIN})),
    "authoring.question_quality": Route(frozenset({TRAINER, ADMIN})),
    "authoring.edit": Route(frozenset({TRAINER, ADMIN}), ok=(200, 422)),
    "authoring.preview": Route(frozenset({TRAINER, ADMIN})),
    "authoring.versions": Route(frozenset({TRAINER, ADMIN})),
    "authoring.rollback": Route(frozenset({TRAINER, ADMIN}), params={"number": (1,)}),
    # Without the preview's digest a confirm stores nothing and previews again (409).
    "authoring.confirm_import": Route(frozenset({TRAINER, ADMIN}), ok=(409,)),
    "authoring.confirm_upload": Route(frozenset({TRAINER, ADMIN}), ok=(422,)),
    "authoring.publish": Route(frozenset({TRAINER, ADMIN}), ok=(200, 409, 422)),
    # Creating in the app: empty forms re-show themselves (422); publishing a course that is
    # already published changes nothing; the world's modules have no draft (404).
    "authoring.new_course": Route(frozenset({TRAINER, ADMIN}), ok=(200, 422)),
    "authoring.publish_course": Route(frozenset({TRAINER, ADMIN})),
    "authoring.new_module": Route(frozenset({TRAINER, ADMIN}), ok=(200, 422)),
    "authoring.draft_preview": Route(frozenset({TRAINER, ADMIN}), ok=(404,)),
    "authoring.publish_draft": Route(frozenset({TRAINER, ADMIN}), ok=(404,)),
    "authoring.discard_draft": Route(frozenset({TRAINER, ADMIN}), ok=(404,)),
    "authoring.paths": Route(frozenset({TRAINER, ADMIN})),
    "authoring.new_path": Route(frozenset({TRAINER, ADMIN}), ok=(200, 422)),
    "authoring.edit_path": Route(
        frozenset({TRAINER, ADMIN}), params={"slug": ("starter",)}, ok=(200, 422)
    ),
    # A path's questions a day in the boost (issue 16): trainers and admins; 422 when out of range.
    "authoring.path_boost": Route(
        frozenset({TRAINER, ADMIN}), params={"slug": ("starter",)}, ok=(302, 422)
    ),
    # Notifications (issue 14): one's own in-app list; someone else's entry is 404.
    "notifications.inbox": Route(SIGNED_IN),
    "notifications.mark_read": Route(SIGNED_IN, params={"notification_id": (999,)}, ok=(404,)),
    "notifications.mark_all_read": Route(SIGNED_IN),
    # Account links: anyone; a made-up link is "no longer works" (410), a bad
    # unsubscribe signature 404; an empty forgot-password form re-shows the form.
    "notifications.forgot_password": Route(EVERYONE),
    "notifications.set_password": Route(EVERYONE, params={"secret": ("x" * 43,)}, ok=(410,)),
    "notifications.unsubscribe": Route(EVERYONE, params={"token": ("forged",)}, ok=(404,)),
    # The outbox: admins; retrying a message that does not exist is 404.
    "notifications.outbox_page": Route(frozenset({ADMIN})),
    "notifications.retry": Route(frozenset({ADMIN}), params={"notification_id": (999,)}, ok=(404,)),
    "notifications.resend_invitation": Route(frozenset({ADMIN})),
    # Practice (issue 15): the world has no practice module and no submission, so these
    # answer 404 to everyone signed in; tests/practice/test_access.py walks real ones.
    "coaching.practice": Route(SIGNED_IN, ok=(404,)),
    "coaching.submit": Route(SIGNED_IN, ok=(404,)),
    "coaching.queue": Route(frozenset({MANAGER, OTHER_MANAGER, TRAINER})),
    "coaching.peer_queue": Route(frozenset({REP, OTHER_REP})),  # peers' feedback queue
    "coaching.submission": Route(SIGNED_IN, params={"submission_id": (999,)}, ok=(404,)),
    "coaching.review": Route(SIGNED_IN, params={"submission_id": (999,)}, ok=(404,)),
    "coaching.media": Route(SIGNED_IN, params={"media_id": (999,)}, ok=(404,)),
    "coaching.delete_media": Route(frozenset({ADMIN}), params={"media_id": (999,)}, ok=(404,)),
    "coaching.skills": Route(frozenset({MANAGER, ADMIN, TRAINER})),
    "coaching.criteria": Route(frozenset({TRAINER, ADMIN})),
    # Certifications (issue 16): one's own progress; a made-up certificate id is 404 for
    # everyone, verification included; signing off is for the rep's own manager only.
    "certificates.mine": Route(SIGNED_IN),
    "certificates.certificate": Route(SIGNED_IN, params={"public_id": ("missing",)}, ok=(404,)),
    "certificates.certificate_file": Route(
        SIGNED_IN, params={"public_id": ("missing",)}, ok=(404,)
    ),
    "certificates.verify": Route(EVERYONE, params={"public_id": ("missing",)}, ok=(404,)),
    "certificates.revoke_certificate": Route(
        frozenset({ADMIN}), params={"public_id": ("missing",)}, ok=(404,)
    ),
    "certificates.rep_certifications": Route(frozenset({MANAGER, ADMIN})),
    "certificates.confirm": Route(
        frozenset({MANAGER}), params={"cert_id": (999,), "item_id": ("demo",)}, ok=(404,)
    ),
    "certificates.report": Route(frozenset({MANAGER, OTHER_MANAGER, ADMIN})),
    # The daily boost (issue 16): a rep answers only their own cards (anyone else's is 404);
    # retention for the team's managers; the questions forgotten fastest for trainers.
    "boost.answer": Route(SIGNED_IN, params={"card_id": (999,)}, ok=(404,)),
    "boost.feedback": Route(SIGNED_IN, params={"review_id": (999,)}, ok=(404,)),
    "boost.team": Route(frozenset({MANAGER, ADMIN})),
    "boost.questions": Route(frozenset({TRAINER, ADMIN})),
    # Issue 17: search and the library are for everyone signed in (the world has no library
    # items, so item routes answer 404); a shared link needs no sign-in; usage is for
    # trainers, managers (their teams) and admins.
    "library.search": Route(SIGNED_IN),
    "library.index": Route(SIGNED_IN),
    "library.item": Route(SIGNED_IN, ok=(404,)),
    "library.copy": Route(SIGNED_IN, ok=(404,)),
    "library.share": Route(SIGNED_IN, data={"company": "Globex"}, ok=(404,)),
    "library.revoke": Route(SIGNED_IN, params={"share_id": (999,)}, ok=(404,)),
    "library.shared": Route(EVERYONE, params={"token": ("forged",)}, ok=(404,)),
    "library.asset": Route(SIGNED_IN, params={"asset_path": ("deck.pdf",)}, ok=(404,)),
    "library.shared_asset": Route(
        EVERYONE, params={"token": ("forged",), "asset_path": ("deck.pdf",)}, ok=(404,)
    ),
    "library.usage_report": Route(frozenset({TRAINER, MANAGER, OTHER_MANAGER, ADMIN})),
}


def rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda r: r.rule)


def url_for_rule(world, rule) -> str:
    route = ALLOW[rule.endpoint]
    values = {}
    for name in rule.arguments:
        value = route.params.get(name, PARAMS.get(name))
        assert value is not None, (
            f"{rule.endpoint}: no value for URL parameter {name!r}; add it to PARAMS "
            "or to the route's params in tests/security/route_table.py"
        )
        values[name] = value[0] if isinstance(value, tuple) else world.ids[value]
    with world.app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})

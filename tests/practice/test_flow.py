"""The rep hands in, the manager reviews against the rubric, the rep tries again and passes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from lms.db import db
from lms.models import Module, ModuleProgress, PracticeMedia, PracticeSubmission
from tests.helpers.media import webm
from tests.helpers.practice import PEER, PITCH, form_token, hand_in, latest_submission, review
from tests.helpers.sign_in import signed_in_client


def test_the_practice_page_shows_what_is_asked(app, org):
    ana = signed_in_client(app, "ana@example.com")
    page = ana.get(PITCH).get_data(as_text=True)
    assert "Dana, CFO of a logistics firm" in page  # the scenario
    assert "A video recording" in page and "A written answer" in page
    assert "CFO pitch" in page and "Opens with research on the buyer" in page
    assert "2 minutes" in page  # max_minutes
    assert "3.5 or more passes" in page
    assert 'id="recorder-status"' in page and 'aria-live="polite"' in page
    assert 'enctype="multipart/form-data"' in page  # works without JavaScript


def test_the_module_page_leads_to_the_practice_and_never_offers_mark_as_complete(app, org):
    ana = signed_in_client(app, "ana@example.com")
    page = ana.get("/courses/pitching/pitch").get_data(as_text=True)
    assert "Open the practice" in page and "Mark as complete" not in page
    ana.post("/courses/pitching/pitch/complete")
    with app.app_context():
        progress = db.session.get(ModuleProgress, (org["ana"], _module_id(app)))
        assert progress.completed_at is None  # opened, never completed by a click


def _module_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Module.id).where(Module.slug == "pitch"))


def test_review_then_another_try_then_pass_completes_the_module(app, org):
    ana = signed_in_client(app, "ana@example.com")
    response = hand_in(ana, file=webm(), text="My notes")
    assert response.status_code == 302
    page = ana.get(PITCH).get_data(as_text=True)
    assert "Version 1 is waiting for review" in page
    assert "Send for review" not in page  # no second version while one waits
    first = latest_submission(app, org["ana"])

    boss = signed_in_client(app, "boss@example.com")
    queue = boss.get("/practice/reviews").get_data(as_text=True)
    assert "Ana" in queue and "1 version waiting" in queue
    response = review(
        boss, first.id, {"research": 2, "value": 3}, [("1:42", "Lead with the number")], "Closer."
    )
    assert response.status_code == 302

    page = ana.get(PITCH).get_data(as_text=True)
    assert "needs another try" in page
    assert "2 · Missing" not in page and "3 · Adequate" in page  # the level labels
    assert 'data-seconds="102"' in page and ">1:42</a> Lead with the number" in page
    assert "Closer." in page

    assert hand_in(ana, text="Second go").status_code == 302
    second = latest_submission(app, org["ana"])
    assert second.number == 2
    review(boss, second.id, {"research": 4, "value": 4})
    page = ana.get(PITCH).get_data(as_text=True)
    assert "You passed this practice with version 2" in page
    assert "Version 1 · needs another try" in page  # every version stays, with its review
    with app.app_context():
        progress = db.session.get(ModuleProgress, (org["ana"], _module_id(app)))
        assert progress.completed_at is not None
    assert "You passed this practice" in ana.get("/courses/pitching/pitch").get_data(as_text=True)


def test_the_weighted_score_decides(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, text="Go")
    boss = signed_in_client(app, "boss@example.com")
    # (2 * 4 + 1 * 2) / 3 = 3.33: under the pass mark 3.5
    review(boss, latest_submission(app, org["ana"]).id, {"research": 4, "value": 2})
    with app.app_context():
        assert db.session.scalar(select(PracticeSubmission.status)).value == "retry"


def test_an_incomplete_review_is_sent_back_with_what_was_filled(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, text="Go")
    boss = signed_in_client(app, "boss@example.com")
    submission = latest_submission(app, org["ana"])
    response = review(boss, submission.id, {"research": 4}, [("abc", "When?")], "Keep me")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Each timed comment needs a time like 1:42" in page
    assert "Keep me" in page


def test_a_decided_version_cannot_be_reviewed_again(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, text="Go")
    boss = signed_in_client(app, "boss@example.com")
    submission = latest_submission(app, org["ana"])
    review(boss, submission.id, {"research": 5, "value": 5})
    assert review(boss, submission.id, {"research": 1, "value": 1}).status_code == 409


def test_the_same_form_sent_twice_is_one_version(app, org):
    ana = signed_in_client(app, "ana@example.com")
    page = ana.get(PITCH).get_data(as_text=True)
    data = {"token": form_token(page), "text": "Once"}
    ana.post(PITCH, data=data, content_type="multipart/form-data")
    ana.post(PITCH, data=data, content_type="multipart/form-data")
    with app.app_context():
        assert len(db.session.scalars(select(PracticeSubmission)).all()) == 1


def test_text_where_only_files_are_taken_and_empty_forms_are_refused(app, org):
    ana = signed_in_client(app, "ana@example.com")
    response = hand_in(ana)
    assert response.status_code == 422
    assert "Add a recording, a file or your written answer" in response.get_data(as_text=True)


def test_a_peer_review_never_decides_alone(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, PEER, text="Price objection handled")
    submission = latest_submission(app, org["ana"])
    bo = signed_in_client(app, "bo@example.com")  # same team
    assert bo.get(f"/practice/submissions/{submission.id}").status_code == 200
    assert review(bo, submission.id, {"research": 5, "value": 5}).status_code == 302
    with app.app_context():
        assert db.session.get(PracticeSubmission, submission.id).status.value == "waiting"
    page = ana.get(PEER).get_data(as_text=True)
    assert "Peer feedback" in page and "A teammate" in page and "Bo (" not in page
    cy = signed_in_client(app, "cy@example.com")  # another team
    assert cy.get(f"/practice/submissions/{submission.id}").status_code == 404
    boss = signed_in_client(app, "boss@example.com")
    review(boss, submission.id, {"research": 3, "value": 3})
    with app.app_context():
        assert db.session.get(PracticeSubmission, submission.id).status.value == "passed"


def test_trainer_modules_stay_out_of_the_managers_queue(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, "/practice/pitching/email", text="Dear Dana")
    boss = signed_in_client(app, "boss@example.com")
    assert "Nothing is waiting" in boss.get("/practice/reviews").get_data(as_text=True)
    trainer = signed_in_client(app, "trainer@example.com")
    assert "First email" in trainer.get("/practice/reviews").get_data(as_text=True)


def test_queue_filters_and_team_scope(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, text="East pitch")
    cy = signed_in_client(app, "cy@example.com")
    hand_in(cy, text="West pitch")
    boss = signed_in_client(app, "boss@example.com")
    page = boss.get("/practice/reviews").get_data(as_text=True)
    assert ">Ana<" in page and ">Cy<" not in page  # as links: a CSRF token can hold "Cy"
    trainer = signed_in_client(app, "trainer@example.com")
    page = trainer.get("/practice/reviews").get_data(as_text=True)
    assert page.index("Ana") < page.index("Cy")  # oldest first
    page = trainer.get(f"/practice/reviews?team={org['west']}").get_data(as_text=True)
    assert "Cy" in page and ">Ana<" not in page
    assert trainer.get("/practice/reviews?team=abc").status_code == 200
    assert ana.get("/practice/reviews").status_code == 403


def test_admin_deletes_a_recording_and_the_review_stays(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, file=webm())
    submission = latest_submission(app, org["ana"])
    boss = signed_in_client(app, "boss@example.com")
    review(boss, submission.id, {"research": 5, "value": 5}, overall="Great")
    with app.app_context():
        media = db.session.scalar(select(PracticeMedia))
        media_id, key = media.id, media.storage_key
    admin = signed_in_client(app, "admin@example.com")
    assert admin.post(f"/practice/media/{media_id}/delete").status_code == 302
    assert admin.get(f"/practice/media/{media_id}").status_code == 404
    assert not Path(app.config["PRACTICE_MEDIA_DIR"], key).exists()
    page = ana.get(PITCH).get_data(as_text=True)
    assert "The recording was deleted; the reviews stay." in page and "Great" in page
    assert boss.post(f"/practice/media/{media_id}/delete").status_code == 403


def test_retention_purges_decided_recordings_only(app, org, runner):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, file=webm())
    boss = signed_in_client(app, "boss@example.com")
    review(boss, latest_submission(app, org["ana"]).id, {"research": 1, "value": 1})
    hand_in(signed_in_client(app, "cy@example.com"), file=webm())  # still waiting
    assert "recordings are kept" in runner.invoke(args=["practice", "purge"]).output
    assert "Deleted 0" in runner.invoke(args=["practice", "purge", "--days", "30"]).output
    assert "Deleted 1" in runner.invoke(args=["practice", "purge", "--days", "0"]).output
    with app.app_context():
        deleted = db.session.scalars(select(PracticeMedia.deleted_at)).all()
        assert sorted(d is None for d in deleted) == [False, True]

"""Retention for managers, "Knowledge fading" in readiness, fading questions for trainers."""

from datetime import timedelta

from sqlalchemy import select

from lms import clock
from lms.db import db
from lms.messaging.reminders import schedule
from lms.models import Notification, Question, ReinforcementCard, ReinforcementReview, Role
from lms.people.users import create_user
from tests.conftest import count_statements, finish_basics, password_hash
from tests.helpers.sign_in import sign_in
from tests.reinforcement.conftest import day


def record_answers(app, user_id: int, answers: list[bool], days_ago: int = 3) -> None:
    """Boost answers to the basics capital question, `days_ago` days before now."""
    with app.app_context(), db.writing() as session:
        question = session.scalar(select(Question).where(Question.key == "capital"))
        card = session.scalar(
            select(ReinforcementCard).where(
                ReinforcementCard.user_id == user_id, ReinforcementCard.question_id == question.id
            )
        )
        if card is None:
            card = ReinforcementCard(user_id=user_id, question_id=question.id, due_on=clock.today())
            session.add(card)
            session.flush()
        when = clock.now() - timedelta(days=days_ago)
        for right in answers:
            card.reviews += 1
            session.add(
                ReinforcementReview(
                    card_id=card.id,
                    user_id=user_id,
                    question_id=question.id,
                    number=card.reviews,
                    reviewed_at=when,
                    reviewed_on=when.date(),
                    rating=3 if right else 1,
                    correct=right,
                    snapshot={},
                )
            )


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_managers_see_retention_per_rep_and_per_course(app, org, client):
    record_answers(app, org["ana"], [True, True, True, False])
    record_answers(app, org["ana"], [False] * 5, days_ago=40)  # outside the 30 days
    sign_in(client, "boss@example.com")
    html = page(client, f"/boost/teams/{org['east']}")
    assert '75% <small class="meta">(3 of 4)</small>' in html
    assert "Bo</th><td>—" in html
    assert "Basics" in html
    assert client.get(f"/boost/teams/{org['west']}").status_code == 404


def test_knowledge_fading_is_a_readiness_reason(app, org, client):
    ana = app.test_client()
    sign_in(ana, "ana@example.com")
    finish_basics(ana)  # under way, so the status comes from the risks
    record_answers(app, org["ana"], [True, False, False, False, False, False])
    record_answers(app, org["bo"], [False, False])  # too few answers to say
    sign_in(client, "boss@example.com")
    dashboard = page(client, f"/reports/teams/{org['east']}")
    assert dashboard.count("Knowledge fading: 17% right on boost questions") == 1
    detail = page(client, f"/reports/teams/{org['east']}/reps/{org['ana']}")
    assert "Knowledge fading" in detail


def test_the_retention_page_does_not_grow_with_the_team(app, org, client):
    record_answers(app, org["ana"], [True, False])
    with app.app_context(), db.writing() as session:
        many = [
            create_user(
                session,
                email=f"r{i}@example.com",
                name=f"R {i}",
                role=Role.REP,
                password_hash=password_hash(),
                team_name="West",
                start_date=clock.today(),
                path_slug="starter",
            ).id
            for i in range(12)
        ]
    for user_id in many:
        record_answers(app, user_id, [True, False, True])
    sign_in(client, "admin@example.com")
    counts = []
    for team in ("east", "west"):
        with count_statements(app) as seen:
            page(client, f"/boost/teams/{org[team]}")
        counts.append(len(seen))
    assert counts[0] == counts[1]


def test_trainers_see_the_questions_forgotten_fastest(app, org, client):
    record_answers(app, org["ana"], [False, False, True])
    sign_in(client, "trainer@example.com")
    html = page(client, "/boost/questions")
    assert "capital of France" in html and "67%" in html and "(2 of 3)" in html
    boss = app.test_client()
    sign_in(boss, "boss@example.com")
    assert boss.get("/boost/questions").status_code == 403


def test_the_daily_reminder_counts_the_boost(app, client, rep, freeze_clock):
    freeze_clock(day(0))
    finish_basics(client)
    freeze_clock(day(1))
    with app.app_context(), db.writing() as session:
        schedule(session, clock.today())
    with app.app_context():
        notes = db.session.scalars(select(Notification)).all()
    assert notes, "a rep with questions due gets the reminder"
    assert all("3 questions in today's boost" in n.body_text for n in notes)


def test_a_kept_retention_page_shows_new_answers_at_once(app, org, client):
    """Kept per manager (lms/web/page_cache.py): a rep's answer moves the team's version."""
    record_answers(app, org["ana"], [True, True, True, False])
    sign_in(client, "boss@example.com")
    url = f"/boost/teams/{org['east']}"
    for _ in range(3):  # the sign-in's flash, rendered, kept
        assert '75% <small class="meta">(3 of 4)</small>' in page(client, url)
    record_answers(app, org["ana"], [False, False, False, False])
    assert '38% <small class="meta">(3 of 8)</small>' in page(client, url)

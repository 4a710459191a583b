"""The team's skills table and the trainers' criterion averages: content, access, statements."""

from __future__ import annotations

import re

from tests.conftest import count_statements, make_user
from tests.helpers.practice import hand_in, latest_submission, review
from tests.helpers.sign_in import signed_in_client


def skills_url(org, team="east") -> str:
    return f"/practice/teams/{org[team]}/skills"


def statements(client, url: str) -> int:
    with count_statements(client.application) as seen:
        assert client.get(url).status_code == 200
    return sum(
        1 for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))
    )


def reviewed(app, org, email, boss, levels):
    """The rep hands in the pitch and the manager reviews it with these levels."""
    hand_in(signed_in_client(app, email), text="My pitch")
    user_id = org[email.split("@")[0]]
    review(boss, latest_submission(app, user_id).id, levels)


def cells(html: str, name: str) -> list[str]:
    found = re.search(rf'<th scope="row">{name}</th>(.*?)</tr>', html, re.S)
    return re.findall(r"<td>([^<]*)</td>", found.group(1))


def test_skills_show_the_latest_deciding_levels_and_team_averages(app, org):
    boss = signed_in_client(app, "boss@example.com")
    reviewed(app, org, "ana@example.com", boss, {"research": 1, "value": 1})
    reviewed(app, org, "ana@example.com", boss, {"research": 3, "value": 5})
    html = boss.get(skills_url(org)).get_data(as_text=True)
    assert "<caption>East: levels per rep and criterion</caption>" in html
    assert '<th scope="colgroup"' in html and "table-scroll" in html
    # The pitch's two criteria come first; the other practice modules' criteria follow.
    assert cells(html, "Ana")[:2] == ["3 Adequate", "5 Exemplary"]
    assert cells(html, "Bo")[:2] == ["not reviewed", "not reviewed"]
    assert cells(html, "Team average")[:2] == ["3.0", "5.0"]
    # West's rep has no row. Not `"Cy" not in html`: a random CSRF token can hold "Cy".
    assert '<th scope="row">Cy</th>' not in html
    assert re.findall(r'<th scope="row">([^<]*)</th>', html) == ["Ana", "Bo", "Team average"]


def test_skills_open_to_the_teams_managers_admins_and_trainers_only(app, org):
    assert signed_in_client(app, "wes@example.com").get(skills_url(org)).status_code == 404
    assert signed_in_client(app, "ana@example.com").get(skills_url(org)).status_code == 403
    for email in ("admin@example.com", "trainer@example.com", "boss@example.com"):
        assert signed_in_client(app, email).get(skills_url(org)).status_code == 200
    missing = signed_in_client(app, "admin@example.com").get("/practice/teams/999/skills")
    assert missing.status_code == 404


def test_skills_are_linked_from_the_queue_and_the_team_nav(app, org):
    boss = signed_in_client(app, "boss@example.com")
    link = f'href="{skills_url(org)}"'
    assert link in boss.get("/practice/reviews").get_data(as_text=True)
    assert link in boss.get(f"/reports/teams/{org['east']}").get_data(as_text=True)


def test_skills_statements_do_not_grow_with_the_team(app, org):
    boss = signed_in_client(app, "boss@example.com")
    reviewed(app, org, "ana@example.com", boss, {"research": 2, "value": 2})
    few = statements(boss, skills_url(org))
    for n in range(5):
        email = f"east{n}@example.com"
        org[f"east{n}"] = make_user(app, email, team_name="East")
        reviewed(app, org, email, boss, {"research": 4, "value": 4})
    assert statements(boss, skills_url(org)) == few


def test_criteria_averages_per_module_lowest_first(app, org):
    boss = signed_in_client(app, "boss@example.com")
    reviewed(app, org, "ana@example.com", boss, {"research": 4, "value": 1})
    reviewed(app, org, "bo@example.com", boss, {"research": 5, "value": 2})
    trainer = signed_in_client(app, "trainer@example.com")
    html = trainer.get("/practice/criteria").get_data(as_text=True)
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td><td>(\d+)</td>', html)
    assert rows[:2] == [
        ("Puts a number on the value", "1.5", "2"),
        ("Opens with research on the buyer", "4.5", "2"),
    ]
    assert 'href="/practice/criteria"' in trainer.get("/authoring/courses").get_data(as_text=True)
    assert signed_in_client(app, "boss@example.com").get("/practice/criteria").status_code == 403


def test_criteria_statements_do_not_grow_with_reviews(app, org):
    boss = signed_in_client(app, "boss@example.com")
    trainer = signed_in_client(app, "trainer@example.com")
    few = statements(trainer, "/practice/criteria")
    for email in ("ana@example.com", "bo@example.com"):
        reviewed(app, org, email, boss, {"research": 3, "value": 3})
    assert statements(trainer, "/practice/criteria") == few

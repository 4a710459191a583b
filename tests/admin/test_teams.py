"""Admins create and rename teams and choose their managers; a team keeps one at least."""

import pytest
from sqlalchemy import func, select

from lms.db import db
from lms.models import Team, User
from tests.conftest import count_statements


@pytest.fixture
def admin(auth, org):
    auth.login("admin@example.com")
    return org


def text(response) -> str:
    return response.get_data(as_text=True)


def managers(app, team_id) -> list[str]:
    with app.app_context():
        return sorted(m.name for m in db.session.get(Team, team_id).managers)


def test_the_list_shows_teams_managers_and_active_members(client, admin):
    client.post(f"/admin/users/{admin['bo']}/deactivate")
    html = text(client.get("/admin/teams"))
    assert "2 teams" in html
    assert f'<a href="/admin/teams/{admin["east"]}">East</a>' in html
    # East: Boss (a member as well as its manager) and Ana; Bo is deactivated.
    assert "<td>Boss</td>\n        <td>2</td>" in html


def test_create_a_team_with_its_first_manager(app, client, admin):
    response = client.post("/admin/teams", data={"name": " North ", "manager": admin["wes"]})
    assert response.status_code == 302
    assert "Created North." in text(client.get(response.headers["Location"]))
    with app.app_context():
        team = db.session.scalar(select(Team).where(Team.name == "North"))
    assert managers(app, team.id) == ["Wes"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "East", "manager": "{wes}"}, "A team named &#39;East&#39; already exists."),
        ({"name": "", "manager": "{wes}"}, "Enter a name."),
        ({"name": "North", "manager": "{ana}"}, "Choose an active manager or admin from the list."),
        ({"name": "North", "manager": "9999"}, "Choose an active manager or admin from the list."),
        ({"name": "North"}, "Choose an active manager or admin from the list."),
    ],
)
def test_create_refuses_with_a_message(app, client, admin, data, message):
    data = {k: v.format(**admin) for k, v in data.items()}
    response = client.post("/admin/teams", data=data)
    assert response.status_code == 200
    assert message in text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Team)) == 2


def test_a_deactivated_manager_cannot_lead_a_new_team(client, admin):
    client.post(f"/admin/users/{admin['wes']}/deactivate")
    response = client.post("/admin/teams", data={"name": "North", "manager": admin["wes"]})
    assert "Choose an active manager or admin from the list." in text(response)


def test_rename_a_team(app, client, admin):
    response = client.post(f"/admin/teams/{admin['east']}", data={"name": "East Coast"})
    assert "Renamed the team to East Coast." in text(client.get(response.headers["Location"]))
    response = client.post(f"/admin/teams/{admin['east']}", data={"name": "West"})
    assert "A team named &#39;West&#39; already exists." in text(response)


def test_add_and_remove_managers_but_never_the_last(app, client, admin):
    east = admin["east"]
    response = client.post(f"/admin/teams/{east}/managers", data={"manager": admin["wes"]})
    assert "Wes now manages East." in text(client.get(response.headers["Location"]))
    assert managers(app, east) == ["Boss", "Wes"]

    html = text(client.get(f"/admin/teams/{east}"))
    assert "Remove Boss" in html and "Remove Wes" in html
    client.post(f"/admin/teams/{east}/managers/{admin['boss']}/remove")
    assert managers(app, east) == ["Wes"]

    response = client.post(f"/admin/teams/{east}/managers/{admin['wes']}/remove")
    html = text(client.get(response.headers["Location"]))
    assert "Wes is the only manager of East; add another manager first." in html
    assert "Remove Wes" not in html
    assert managers(app, east) == ["Wes"]


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("ana", "Choose an active manager or admin from the list."),
        ("boss", "Boss already manages East."),
    ],
)
def test_adding_a_rep_or_a_current_manager_is_refused(app, client, admin, who, message):
    response = client.post(f"/admin/teams/{admin['east']}/managers", data={"manager": admin[who]})
    assert message in text(response)
    assert managers(app, admin["east"]) == ["Boss"]


def test_removing_someone_who_is_not_a_manager_is_404(client, admin):
    url = f"/admin/teams/{admin['east']}/managers/{admin['ana']}/remove"
    assert client.post(url).status_code == 404
    assert client.get("/admin/teams/9999").status_code == 404


def test_team_pages_run_the_same_statements_whatever_the_size(app, client, admin):
    def statements(url):
        with count_statements(app) as log:
            assert client.get(url).status_code == 200
        return len(log)

    few = statements("/admin/teams"), statements(f"/admin/teams/{admin['east']}")
    with app.app_context(), db.writing() as session:
        east = session.get(Team, admin["east"])
        boss = session.get(User, admin["boss"])
        for n in range(30):
            session.add(
                User(
                    email=f"u{n}@example.com",
                    name=f"U{n}",
                    role="rep",
                    password_hash="!",
                    team=east,
                )
            )
            session.add(Team(name=f"Team {n}", managers=[boss]))
    assert (statements("/admin/teams"), statements(f"/admin/teams/{admin['east']}")) == few


# Issue 13: names unique ignoring case, in code and in the database; deleting empty teams.


@pytest.mark.parametrize("name", ["east", "EAST", " East "])
def test_a_name_differing_only_in_case_is_taken(app, client, admin, name):
    response = client.post("/admin/teams", data={"name": name, "manager": admin["wes"]})
    assert "A team named &#39;East&#39; already exists." in text(response)
    response = client.post(f"/admin/teams/{admin['west']}", data={"name": name})
    assert "A team named &#39;East&#39; already exists." in text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Team)) == 2


def test_a_team_may_change_the_case_of_its_own_name(client, admin):
    response = client.post(f"/admin/teams/{admin['east']}", data={"name": "EAST"})
    assert "Renamed the team to EAST." in text(client.get(response.headers["Location"]))


def test_the_database_refuses_names_differing_only_in_case(app, admin):
    from sqlalchemy.exc import IntegrityError

    with app.app_context(), pytest.raises(IntegrityError), db.writing() as session:
        session.add(Team(name="eAsT"))
        session.flush()


def test_users_created_with_a_team_name_join_it_whatever_the_case(app, admin):
    from lms.models import Role
    from tests.conftest import make_user

    user_id = make_user(app, "new@example.com", Role.REP, team_name="east")
    with app.app_context():
        assert db.session.get(User, user_id).team_id == admin["east"]


def test_an_empty_team_can_be_deleted_not_one_with_members(app, client, admin):
    client.post("/admin/teams", data={"name": "North", "manager": admin["wes"]})
    with app.app_context():
        north = db.session.scalar(select(Team.id).where(Team.name == "North"))
    html = text(client.get(f"/admin/teams/{north}"))
    assert "Delete North" in html
    response = client.post(f"/admin/teams/{north}/delete")
    assert "Deleted the team North." in text(client.get(response.headers["Location"]))
    assert client.get(f"/admin/teams/{north}").status_code == 404
    wes = text(client.get(f"/admin/users/{admin['wes']}/history"))
    assert "No longer a manager of North" in wes

    # East has Boss, Ana and Bo; a deactivated member counts too.
    assert "Delete East" not in text(client.get(f"/admin/teams/{admin['east']}"))
    response = client.post(f"/admin/teams/{admin['east']}/delete")
    html = text(client.get(response.headers["Location"]))
    assert "East has 3 members; move them to another team before deleting it." in html
    with app.app_context():
        assert db.session.get(Team, admin["east"]) is not None


def test_delete_needs_the_csrf_token(app, admin):
    from lms import create_app
    from tests.helpers.sign_in import sign_in

    protected = create_app({**app.config, "WTF_CSRF_ENABLED": True}).test_client()
    sign_in(protected, "admin@example.com")
    with app.app_context(), db.writing() as session:
        team = Team(name="Empty", managers=[session.get(User, admin["wes"])])
        session.add(team)
        session.flush()
        team_id = team.id
    protected.post(f"/admin/teams/{team_id}/delete")
    with app.app_context():
        assert db.session.get(Team, team_id) is not None


def test_the_migration_renames_teams_that_differ_only_in_case(tmp_path):
    """Databases from before the rule may hold "West" and "west": the upgrade keeps both."""
    from sqlalchemy import text as sql

    from lms import create_app
    from lms.db import Base
    from tests.conftest import database_url

    (tmp_path / "m").mkdir()
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": database_url(tmp_path / "m")}
    )
    runner = app.test_cli_runner()
    with app.app_context():
        Base.metadata.drop_all(db.engine)
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    assert runner.invoke(args=["db", "upgrade", "0005"]).exit_code == 0
    with app.app_context(), db.engine.begin() as conn:
        for name in ("West", "west", "WEST", "west (2)"):
            conn.execute(
                sql(
                    "INSERT INTO teams (name, created_at, data_version) VALUES (:n, '2026-01-01', 0)"
                ),
                {"n": name},
            )
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context(), db.engine.begin() as conn:
        names = list(conn.scalars(sql("SELECT name FROM teams ORDER BY id")))
        assert names == ["West", "west (3)", "WEST (4)", "west (2)"]
        Base.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE alembic_version")


def test_two_admins_removing_the_last_two_managers_at_once_leave_one(app, admin):
    # Each request loads the team before its write transaction begins; without reading it
    # again inside, both saw two managers, both removals went through, and East had none.
    import threading

    from lms.people.teams import add_manager, remove_manager
    from lms.people.users import UserError

    east = admin["east"]
    with app.app_context(), db.writing() as session:
        add_manager(session, session.get(Team, east), session.get(User, admin["wes"]))
    both_loaded = threading.Barrier(2)
    outcomes: list[str] = []

    def remove(user_id: int) -> None:
        with app.app_context():
            team = db.session.get(Team, east)
            manager = db.session.get(User, user_id)
            assert len(team.managers) == 2
            both_loaded.wait(timeout=30)
            try:
                with db.writing() as session:
                    remove_manager(session, team, manager)
            except UserError:
                outcomes.append("refused")
            else:
                outcomes.append("removed")

    threads = [threading.Thread(target=remove, args=(admin[who],)) for who in ("boss", "wes")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["refused", "removed"]
    assert len(managers(app, east)) == 1


def webhooks(app, team_id) -> tuple:
    with app.app_context():
        team = db.session.get(Team, team_id)
        return team.slack_webhook_url, team.teams_webhook_url


def test_an_admin_sets_and_clears_a_teams_webhooks(app, client, admin):
    url = f"/admin/teams/{admin['east']}/webhooks"
    slack = "https://hooks.slack.com/services/T0/B0/abc"
    teams = "https://example.webhook.office.com/webhookb2/x"
    response = client.post(url, data={"slack": f" {slack} ", "teams": teams})
    assert response.status_code == 302
    assert "Saved the webhooks of East." in text(client.get(response.headers["Location"]))
    assert webhooks(app, admin["east"]) == (slack, teams)
    assert f'value="{slack}"' in text(client.get(f"/admin/teams/{admin['east']}"))
    client.post(url, data={"slack": "", "teams": teams})
    assert webhooks(app, admin["east"]) == (None, teams)


def test_a_webhook_that_is_not_https_is_refused_with_a_message(app, client, admin):
    url = f"/admin/teams/{admin['east']}/webhooks"
    response = client.post(url, data={"slack": "http://hooks.slack.com/x", "teams": ""})
    assert response.status_code == 422
    assert "Only https:// webhook URLs are accepted." in text(response)
    response = client.post(url, data={"slack": "", "teams": "http://127.0.0.1:8000/hook"})
    assert "Only https:// webhook URLs are accepted." in text(response)  # tests-only setting off
    assert webhooks(app, admin["east"]) == (None, None)


def test_only_admins_set_webhooks(client, auth, org):
    auth.login("boss@example.com")
    response = client.post(f"/admin/teams/{org['east']}/webhooks", data={"slack": ""})
    assert response.status_code in (302, 403)

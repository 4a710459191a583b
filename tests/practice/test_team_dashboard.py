"""The team dashboard says how many practice reviews wait, in one statement whatever their number."""

from __future__ import annotations

from lms.cache import app_cache
from lms.web.page_cache import CACHE
from tests.conftest import count_statements, make_user
from tests.helpers.practice import EMAIL, hand_in
from tests.helpers.sign_in import signed_in_client


def dashboard_statements(client, url: str) -> int:
    """The statements of a rendered dashboard (the manager's kept copy dropped)."""
    app_cache(client.application, CACHE).clear()
    with count_statements(client.application) as seen:
        assert client.get(url).status_code == 200
    return sum(
        1 for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))
    )


def test_dashboard_links_the_waiting_reviews_to_the_team_queue(app, org):
    url = f"/reports/teams/{org['east']}"
    boss = signed_in_client(app, "boss@example.com")
    assert "practice review" not in boss.get(url).get_data(as_text=True)
    hand_in(signed_in_client(app, "ana@example.com"), text="My pitch")
    hand_in(signed_in_client(app, "bo@example.com"), text="Bo's pitch")
    # A module that only trainers review stays out of the manager's count.
    hand_in(signed_in_client(app, "bo@example.com"), EMAIL, text="An email")
    hand_in(signed_in_client(app, "cy@example.com"), text="West's pitch")
    html = boss.get(url).get_data(as_text=True)
    assert f'href="/practice/reviews?team={org["east"]}">2 practice reviews waiting</a>' in html
    west = signed_in_client(app, "wes@example.com").get(f"/reports/teams/{org['west']}")
    assert "1 practice review waiting" in west.get_data(as_text=True)


def test_dashboard_count_costs_the_same_statements_for_few_or_many_waiting(app, org):
    url = f"/reports/teams/{org['east']}"
    boss = signed_in_client(app, "boss@example.com")
    hand_in(signed_in_client(app, "ana@example.com"), text="My pitch")
    boss.get(url)  # fill the report cache, as every later visit finds it
    few = dashboard_statements(boss, url)
    for n in range(5):
        email = f"east{n}@example.com"
        make_user(app, email, team_name="East")
        hand_in(signed_in_client(app, email), text=f"Pitch {n}")
    boss.get(url)
    assert "6 practice reviews waiting" in boss.get(url).get_data(as_text=True)
    assert dashboard_statements(boss, url) == few

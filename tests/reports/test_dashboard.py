"""The team dashboard as a manager sees it: counts, reasons, judgements, filters, sorting, heatmap."""

import re

import pytest

from tests.reports.conftest import add_progress, dashboard, names_in_order


def test_manager_sees_each_rep_with_status_reason_and_judgement(client, auth, atlas):
    auth.login("maya@example.com")
    html = dashboard(client, atlas)
    assert "Atlas: who is ready to sell" in html
    assert "Path complete: all 3 modules done; average best score 90%" in html
    assert "Basics was due 3 days ago; 1 of 2 modules done" in html
    assert "Started today; no module opened yet; Basics due in 3 days" in html
    # Rita's data says Ready, Maya said Not yet: the row is flagged.
    assert html.count("Disagrees with the data") == 1
    assert "Olga Other" not in html


def test_counts_per_status_link_to_the_filtered_table(client, auth, atlas):
    auth.login("maya@example.com")
    html = dashboard(client, atlas)
    counts = dict(
        (label, int(n))
        for n, label in re.findall(r'<span class="count">(\d+)</span> <span>([^<]+)</span>', html)
    )
    assert counts == {
        "Overdue": 1,
        "Certification expired": 0,
        "At risk": 0,
        "On track": 0,
        "Not started": 1,
        "Ready": 1,
    }
    filtered = dashboard(client, atlas, status="overdue")
    assert names_in_order(filtered) == ["Otto Overdue"]


@pytest.mark.parametrize(
    ("sort", "direction", "expected"),
    [
        ("status", "asc", ["Otto Overdue", "Nina New", "Rita Ready"]),
        ("name", "asc", ["Nina New", "Otto Overdue", "Rita Ready"]),
        ("name", "desc", ["Rita Ready", "Otto Overdue", "Nina New"]),
        ("progress", "desc", ["Rita Ready", "Otto Overdue", "Nina New"]),
        ("score", "desc", ["Rita Ready", "Nina New", "Otto Overdue"]),
        ("activity", "desc", ["Otto Overdue", "Rita Ready", "Nina New"]),
        ("nonsense", "sideways", ["Otto Overdue", "Nina New", "Rita Ready"]),
    ],
)
def test_sorting_by_query_parameters(client, auth, atlas, sort, direction, expected):
    auth.login("maya@example.com")
    assert names_in_order(dashboard(client, atlas, sort=sort, dir=direction)) == expected


def test_sort_headers_are_links_that_flip_direction(client, auth, atlas):
    auth.login("maya@example.com")
    html = dashboard(client, atlas, sort="name", dir="asc")
    assert 'aria-sort="ascending"' in html
    assert "sort=name&amp;dir=desc" in html


def test_path_filter_keeps_only_reps_on_that_path(client, auth, atlas):
    auth.login("maya@example.com")
    assert len(names_in_order(dashboard(client, atlas, path="starter"))) == 3
    assert names_in_order(dashboard(client, atlas, path="no-such-path")) == []


def test_heatmap_cells_carry_text_not_just_colour(client, auth, atlas):
    auth.login("maya@example.com")
    heatmap = dashboard(client, atlas).split('class="heatmap"')[1]
    assert '<th scope="col">Basics</th>' in heatmap
    assert '<td class="heat-overdue">1/2 <small>Overdue</small></td>' in heatmap
    assert '<td class="heat-complete">1/1 <small>Complete</small></td>' in heatmap


def test_out_of_attempts_puts_a_rep_at_risk(client, auth, atlas):
    add_progress(client.application, atlas["new"], "quiz", done=False, attempts=2, best=30)
    auth.login("maya@example.com")
    html = dashboard(client, atlas)
    assert "Out of attempts on the “A quiz module” quiz without a pass" in html


def test_deactivated_reps_leave_the_dashboard(client, auth, atlas):
    from lms.db import db
    from lms.models import User

    with client.application.app_context(), db.writing() as session:
        session.get(User, atlas["new"]).active = False
    auth.login("maya@example.com")
    assert "Nina New" not in dashboard(client, atlas)


def test_nav_has_my_team_for_managers_only(client, auth, atlas):
    auth.login("maya@example.com")
    assert ">My team</a>" in client.get("/", follow_redirects=True).get_data(as_text=True)
    # Maya manages one team: My team goes straight to its dashboard.
    assert client.get("/reports/").headers["Location"].endswith(f"/reports/teams/{atlas['team']}")
    auth.logout()
    auth.login("rita@example.com")
    assert ">My team</a>" not in client.get("/").get_data(as_text=True)


def test_admin_picks_any_team(client, auth, atlas):
    auth.login("ada@example.com")
    html = client.get("/reports/").get_data(as_text=True)
    assert ">Atlas</a>" in html and ">Borealis</a>" in html


def test_assign_link_only_when_the_assignment_page_exists(client, auth, atlas):
    auth.login("maya@example.com")
    html = dashboard(client, atlas)
    exists = "assignments.assign" in client.application.view_functions
    assert (f"/teams/{atlas['team']}/assign" in html) is exists

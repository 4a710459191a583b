"""The CSV export: an attachment with the dashboard's columns and status, safe in spreadsheets."""

import csv
import io

import pytest

from lms.db import db
from lms.models import User
from lms.reports.export import HEADER, safe_cell


def export(client, atlas, **query):
    return client.get(f"/reports/teams/{atlas['team']}/export.csv", query_string=query)


def test_export_is_an_attachment_with_one_row_per_rep(client, auth, atlas):
    auth.login("maya@example.com")
    response = export(client, atlas)
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0].keys()) == HEADER
    by_name = {r["rep"]: r for r in rows}
    assert set(by_name) == {"Rita Ready", "Otto Overdue", "Nina New"}
    rita = by_name["Rita Ready"]
    assert (rita["status"], rita["progress_percent"], rita["average_best_score"]) == (
        "ready",
        "100",
        "90",
    )
    assert (rita["manager_judgement"], rita["disagrees"]) == ("not yet", "yes")
    assert by_name["Otto Overdue"]["overdue_courses"] == "1"


def test_export_follows_the_dashboard_filters(client, auth, atlas):
    auth.login("maya@example.com")
    body = export(client, atlas, status="not started").get_data(as_text=True)
    assert [r["rep"] for r in csv.DictReader(io.StringIO(body))] == ["Nina New"]


def test_dashboard_links_to_the_export_with_its_filters(client, auth, atlas):
    auth.login("maya@example.com")
    html = client.get(f"/reports/teams/{atlas['team']}?status=ready").get_data(as_text=True)
    assert f"/reports/teams/{atlas['team']}/export.csv?status=ready" in html


def test_a_formula_in_a_name_is_not_run_by_the_spreadsheet(client, auth, atlas):
    with client.application.app_context(), db.writing() as session:
        session.get(User, atlas["new"]).name = '=HYPERLINK("http://evil.example","x")'
    auth.login("maya@example.com")
    body = export(client, atlas).get_data(as_text=True)
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Rita", "Rita"),
        (None, ""),
        (42, "42"),
    ],
)
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell

"""Question insights and the ramp chart, through the pages."""

from tests.reports.conftest import submit


def test_insights_show_first_attempt_share_and_commonest_wrong_answer(client, auth, atlas):
    app = client.application
    right = {"capital": set(), "colours": set(), "funnel": "purchase"}
    submit(app, atlas["overdue"], {**right, "funnel": "marketing"})
    submit(app, atlas["overdue"], right)  # a second attempt does not count as a first
    submit(app, atlas["new"], {**right, "funnel": "Marketing "})
    auth.login("maya@example.com")
    html = client.get(f"/reports/teams/{atlas['team']}/insights").get_data(as_text=True)
    assert "2 of 2 reps wrong at their first attempt (0% right)" in html
    assert '<q>marketing</q> <small class="meta">(2×)</small>' in html
    assert "/courses/basics/quiz" in html  # each linked to its module


def test_ramp_chart_is_svg_with_a_text_alternative(client, auth, atlas):
    auth.login("maya@example.com")
    html = client.get(f"/reports/teams/{atlas['team']}/ramp").get_data(as_text=True)
    assert '<svg viewBox="0 0 640 360" role="img" aria-labelledby="ramp-title ramp-desc"' in html
    assert html.count("<polyline") == 5  # three reps, the median and the expected pace
    assert '<th scope="row">Rita Ready</th><td>20</td><td>3</td>' in html
    assert "style=" not in html and "<script" not in html

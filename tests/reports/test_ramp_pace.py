"""The ramp chart's path picker and the expected-pace line the due dates imply."""

import re

from lms.progress.ramp import chart, pace_line, rep_line


def test_pace_line_adds_each_courses_modules_at_its_due_day():
    assert pace_line([(10, 1), (3, 2)]) == [(0, 0), (3, 2), (10, 3)]
    assert pace_line([(5, 2), (5, 1)]) == [(0, 0), (5, 3)]
    assert pace_line([]) == []


def test_the_chart_scales_to_fit_the_pace_line_too():
    from datetime import date

    line = rep_line("A", date(2026, 1, 1), [], date(2026, 1, 3))
    drawn = chart([line], [(0, 0)], [(0, 0), (10, 4)])
    last_x, last_y = drawn.pace_points.split()[-1].split(",")
    assert float(last_x) == drawn.right  # day 10 is the widest point
    assert float(last_y) == drawn.top  # four modules is the tallest


def ramp(client, atlas, **query) -> str:
    response = client.get(f"/reports/teams/{atlas['team']}/ramp", query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_team_on_one_path_sees_its_pace_with_a_text_version(client, auth, atlas):
    auth.login("maya@example.com")
    html = ramp(client, atlas)
    assert '<polyline class="pace-line"' in html
    table = html.split('class="pace-table"')[1].split("</table>")[0]
    assert re.findall(r"<th scope=\"col\">Day (\d+)</th>", table) == ["3", "10"]
    assert re.findall(r"<td>(\d+)</td>", table) == ["2", "3"]


def test_the_path_picker_is_a_plain_form(client, auth, atlas):
    auth.login("maya@example.com")
    html = ramp(client, atlas, path="starter")
    form = html.split('class="filters ramp-picker"')[1].split("</form>")[0]
    assert '<label for="ramp-path">Path</label>' in form
    assert '<option value="starter" selected>Starter path</option>' in form
    assert '<button type="submit">Show</button>' in form
    assert "Dashed green line: the pace the due dates of Starter path imply." in html


def test_an_unknown_path_shows_no_pace(client, auth, atlas):
    auth.login("maya@example.com")
    html = ramp(client, atlas, path="no-such-path")
    assert 'class="pace-line"' not in html

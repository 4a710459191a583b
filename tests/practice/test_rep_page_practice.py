"""The manager's rep page lists each practice version with its status, score and link."""

from __future__ import annotations

from tests.conftest import count_statements
from tests.helpers.practice import hand_in, latest_submission, review
from tests.helpers.sign_in import signed_in_client


def rep_url(org) -> str:
    return f"/reports/teams/{org['east']}/reps/{org['ana']}"


def statements(client, url: str) -> int:
    with count_statements(client.application) as seen:
        assert client.get(url).status_code == 200
    return sum(
        1 for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))
    )


def test_rep_page_lists_versions_with_status_score_and_link(app, org):
    boss = signed_in_client(app, "boss@example.com")
    assert "No practice handed in yet." in boss.get(rep_url(org)).get_data(as_text=True)
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, text="First pitch")
    first = latest_submission(app, org["ana"])
    review(boss, first.id, {"research": 2, "value": 2})
    hand_in(ana, text="Second pitch")
    second = latest_submission(app, org["ana"])
    html = boss.get(rep_url(org)).get_data(as_text=True)
    practice = html.split('id="practice-heading"')[1].split("</section>")[0]
    assert f'href="/practice/submissions/{first.id}">Version 1</a>' in practice
    assert f'href="/practice/submissions/{second.id}">Version 2</a>' in practice
    assert "<td>needs another try</td>" in practice and "<td>2.0</td>" in practice
    assert "<td>waiting for review</td>" in practice and "<td>not reviewed</td>" in practice
    assert "<caption>" in practice and '<th scope="row">' in practice
    assert "table-scroll" in practice


def test_rep_page_statements_do_not_grow_with_versions(app, org):
    boss = signed_in_client(app, "boss@example.com")
    ana = signed_in_client(app, "ana@example.com")
    boss.get(rep_url(org))  # course outlines are read once, then kept
    before = statements(boss, rep_url(org))
    for n in range(3):
        hand_in(ana, text=f"Pitch {n}")
        review(boss, latest_submission(app, org["ana"]).id, {"research": 2, "value": 2})
    assert statements(boss, rep_url(org)) == before

"""A copy of the fixture courses whose starter path carries a certification with an exam."""

from __future__ import annotations

import secrets
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from lms.db import db
from lms.models import Certification, CertificationGrant
from tests.conftest import finish_basics, submit_quiz
from tests.helpers.sign_in import sign_in

CERTIFICATION = """\
  certification:
    title: Certified Starter
    valid_months: 12
    exam: final-exam
    sign_off:
      - id: standard-demo
        title: Delivered the standard demo to their manager
    recertify: {recertify}
"""
EXAM_COURSE = "---\ntitle: Final exam\ntrack: process\nreview: never\n---\nThe exam.\n"
EXAM_MODULE = """\
---
title: Exam questions
---
Answer to be certified.

```quiz
? [exam-one] Which stage does sales own?
- [ ] Awareness
- [x] Purchase
```
"""
EXAM_RIGHT = {"exam-one": "Purchase"}
DEEP_MODULE = "advanced/01-deep.md"


def certification_tree(tmp_path: Path, fixture: Path, recertify: str = "changes") -> Path:
    """Write the fixture courses plus a certification on the starter path; return the root."""
    root = tmp_path / "cert-courses"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(fixture, root)
    paths = root / "paths.yml"
    paths.write_text(paths.read_text() + CERTIFICATION.format(recertify=recertify))
    (root / "final-exam").mkdir()
    (root / "final-exam" / "course.md").write_text(EXAM_COURSE)
    (root / "final-exam" / "01-exam.md").write_text(EXAM_MODULE)
    return root


def change_module(root: Path, relative: str = DEEP_MODULE) -> None:
    """Edit a module's text so the next import gives it a new version."""
    path = root / relative
    path.write_text(path.read_text().replace("Deeper text.", "Deeper text, revised."))


DEEP_QUIZ = "/courses/advanced/deep"
EXAM_QUIZ = "/courses/final-exam/exam"


def cert_id(app) -> int:
    """The id of the one certification imported."""
    with app.app_context():
        return db.session.scalar(select(Certification.id))


def sign_off_url(org, cert: int) -> str:
    """Where boss confirms ana's sign-off item."""
    return f"/reports/teams/{org['east']}/reps/{org['ana']}/certifications/{cert}/standard-demo"


def rep_page(org) -> str:
    """Ana's certifications, as her manager sees them."""
    return f"/reports/teams/{org['east']}/reps/{org['ana']}/certifications"


def certified(app, client, org) -> CertificationGrant:
    """Ana finishes the path and the exam, and boss confirms the sign-off."""
    sign_in(client, "ana@example.com")
    finish_basics(client)
    submit_quiz(client, DEEP_QUIZ, {"deep-one": "Practice helps"})
    submit_quiz(client, EXAM_QUIZ, EXAM_RIGHT)
    client.post("/logout")
    sign_in(client, "boss@example.com")
    prefix = f"s{cert_id(app)}-standard-demo"
    response = client.post(
        sign_off_url(org, cert_id(app)),
        data={f"{prefix}-confirmed_on": "2027-01-04", f"{prefix}-note": "Crisp demo"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    client.post("/logout")
    with app.app_context():
        return db.session.scalar(select(CertificationGrant))


def grant_row(cert: int, user_id: int, when: datetime, previous_id: int | None = None):
    """A certificate row written directly, valid a year from when."""
    return CertificationGrant(
        certification_id=cert,
        user_id=user_id,
        public_id=secrets.token_urlsafe(24),
        title="Certified Starter",
        granted_at=when,
        expires_at=when + timedelta(days=365),
        versions={},
        previous_id=previous_id,
    )

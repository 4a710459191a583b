"""The admin's HR import in the app: upload a CSV, read the preview's digest."""

from __future__ import annotations

import io
import re

HEADER = "email,name,role,team,manager\n"


def upload(client, body: str | bytes, deactivate: bool = False, name: str = "people.csv"):
    data = body if isinstance(body, bytes) else (HEADER + body).encode()
    form = {"file": (io.BytesIO(data), name)}
    if deactivate:
        form["deactivate_missing"] = "y"
    return client.post("/admin/users/import", data=form, content_type="multipart/form-data")


def digest(html: str) -> str:
    return re.search(r'name="digest" type="hidden" value="([0-9a-f]+)"', html).group(1)

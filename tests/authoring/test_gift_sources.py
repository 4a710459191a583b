"""A module with a GIFT file: stored with it, previewed with it, exported with it."""

import html
import io
import zipfile

from tests.authoring.conftest import upload, zip_of

GIFT = "::gift-one:: Which is right? {=This one ~That one#Not that one.}\n"
COURSE = {
    "gifted/course.md": "---\ntitle: Gifted\ntrack: skills\n---\n",
    "gifted/01-start.md": "---\ntitle: Start\nquiz: checks.gift\n---\nText.\n",
    "gifted/checks.gift": GIFT,
}


def test_a_gift_module_goes_through_upload_editor_and_export(client, trainer):
    assert upload(client, zip_of(COURSE)).status_code == 302
    editor = html.unescape(
        client.get("/authoring/courses/gifted/start/edit").get_data(as_text=True)
    )
    assert "Right answer:</strong> This one" in editor
    preview = client.post(
        "/authoring/courses/gifted/start/edit",
        data={
            "source": COURSE["gifted/01-start.md"].replace("Text.", "New text."),
            "action": "preview",
        },
    )
    shown = html.unescape(preview.get_data(as_text=True))
    assert preview.status_code == 200, shown[shown.find('id="problems"') :][:600]
    assert "New text." in shown and "Right answer:</strong> This one" in shown
    assert "Not that one." in shown
    exported = zipfile.ZipFile(io.BytesIO(client.get("/authoring/courses/gifted/export.zip").data))
    assert exported.read("gifted/checks.gift").decode() == GIFT

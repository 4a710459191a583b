"""The editor's preview keeps the page outline: every heading sits below the page's own."""

import re

from tests.authoring.conftest import SOURCE, post

HEADING = re.compile(r"<h([1-6])[ >]")


def test_preview_headings_sit_below_the_preview_heading(client, trainer):
    source = SOURCE.replace("Read this, then answer.", "# Top\n\n## Part\n\n### Detail\n\nText.")
    page = post(client, source).get_data(as_text=True)
    preview = page[page.index('<div id="preview"') :]
    levels = [int(level) for level in HEADING.findall(preview)]
    # Preview h2, module title h3, the body's h1/h2/h3 as h3/h4/h5, then the quiz's h4.
    assert levels == [2, 3, 3, 4, 5, 4]
    assert '<h4 id="part">Part' in preview
    # The outline never skips a level going down, from the editor page's h1 onwards.
    previous = 1
    for level in levels:
        assert level <= previous + 1
        previous = level

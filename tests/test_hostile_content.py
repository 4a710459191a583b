"""Hostile Markdown imported as a course arrives inert on every page that shows it."""

from html.parser import HTMLParser

from tests.conftest import import_folder, make_user

HOSTILE = """<script>alert('body')</script>
<img src=x onerror="alert('img')">
[click](javascript:alert('link'))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
<iframe src="https://evil.example"></iframe>
<svg onload="alert('svg')"><circle r="4"/></svg>
<a href="jav&#x61;script:alert('entity')">entity</a>
<p style="background:url(javascript:alert('css'))">styled</p>
<noscript><p title="</noscript><img src=x onerror=alert('mxss')>"></noscript>
<object data="evil.swf"></object><embed src="evil.swf">
<form action="https://evil.example"><input name=x></form>
"""

QUIZ = """```quiz
? [hostile] Pick <img src=x onerror=alert('prompt')> one
- [x] <script>alert('choice')</script>Safe
  > <a href="javascript:alert('feedback')">feedback</a>
- [ ] <b onclick="alert('choice2')">Other</b>
! <iframe src="javascript:alert('explanation')"></iframe>Because.
```
"""


class DangerFinder(HTMLParser):
    """Collects anything in a page that could run script."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "svg", "style"}:
            self.found.append(tag)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "data"} and value.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"{tag}[{name}={value[:20]}]")
        if tag == "form" and dict(attrs).get("action", "").startswith("http"):
            self.found.append("form[external action]")


def dangers(html: str) -> list[str]:
    finder = DangerFinder()
    finder.feed(html)
    return finder.found


def test_hostile_course_is_inert_on_course_module_and_result_pages(app, client, auth, tmp_path):
    folder = tmp_path / "courses"
    course = folder / "hostile"
    course.mkdir(parents=True)
    (course / "course.md").write_text(f"---\ntitle: Hostile\ntrack: skills\n---\n{HOSTILE}")
    (course / "01-evil.md").write_text(f"---\ntitle: Evil\n---\n{HOSTILE}\n{QUIZ}")
    import_folder(app, folder)
    make_user(app, path=None)
    auth.login()

    course_page = client.get("/courses/hostile").get_data(as_text=True)
    module_page = client.get("/courses/hostile/evil").get_data(as_text=True)
    assert "styled" in course_page and "Pick" in module_page  # the text itself survives
    token = module_page.split('name="token" value="')[1].split('"')[0]
    choice = module_page.split('name="q-hostile" value="')[1].split('"')[0]
    result = client.post(
        "/courses/hostile/evil/quiz",
        data={"token": token, "q-hostile": choice},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Because." in result
    for page in (course_page, module_page, result):
        assert dangers(page) == []
        # Hostile text may remain as visible, escaped text; never inside an attribute.
        assert not [v for v in _attribute_values(page) if "alert(" in v]


def _attribute_values(html: str) -> list[str]:
    values = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            values.extend(v or "" for _n, v in attrs)

    Collect().feed(html)
    return values

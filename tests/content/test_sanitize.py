"""Hostile Markdown: nothing executable survives in any HTML the loader produces."""

import html
import re
from html.parser import HTMLParser

import pytest

from lms.content.render import render_inline, render_markdown
from tests.content.content_trees import COURSE_MD, module

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=javascript:alert(1)>",
    '<img src="x" srcset="javascript:alert(1) 1x">',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](javascript&colon;alert(1))",
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java&#9;script:alert(1)">x</a>',
    '<a href="java&#x0A;script:alert(1)">x</a>',
    '<a href="&#0;javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<form action="https://evil.example"><input name="a"><button>go</button></form>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<math><mi><style><img src=x onerror=alert(1)></style></mi></math>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    '<div onclick="alert(1)">x</div>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body { background: red }</style>",
    "<template><script>alert(1)</script></template>",
    '<a href="https://ok.example" formaction="javascript:alert(1)">x</a>',
    "<!--><img src=x onerror=alert(1)>-->",
]
HOSTILE_BLOCKS = [
    '## Heading {: onclick="alert(1)" style="color: red" }',
    'Para\n{: onmouseover="alert(1)" }',
    "<div markdown=1>\n<script>alert(1)</script>\n</div>",
]
FORBIDDEN_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "style", "form", "input", "button",
    "base", "meta", "link", "frame", "frameset", "template", "noscript",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Audit(HTMLParser):
    """Collect every way the HTML could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.findings.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcset", "formaction"}:
                self.findings.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "data"}:
                # Browsers ignore white space and control characters inside a scheme.
                url = re.sub(r"[\x00-\x20]", "", html.unescape(value or "")).lower()
                if url.startswith(BAD_SCHEMES):
                    self.findings.append(f"{tag}[{name}={value}]")

    handle_startendtag = handle_starttag


def audit(fragment: str) -> list[str]:
    parser = _Audit()
    parser.feed(fragment)
    parser.close()
    return parser.findings


def test_the_audit_catches_what_it_should():
    raw = '<a href=" JAV&#x41;SCRIPT:x" onclick="y"><svg><style></style></svg></a>'
    assert audit(raw) == ["a[href= JAVASCRIPT:x]", "a[onclick]", "<svg>", "<style>"]


@pytest.mark.parametrize("payload", HOSTILE + HOSTILE_BLOCKS)
def test_render_markdown_neutralizes(payload):
    rendered = render_markdown(f"# Title\n\n## Again\n\n{payload}\n")
    assert audit(rendered.html) == []
    assert audit(rendered.toc_html) == []


@pytest.mark.parametrize("payload", HOSTILE)
def test_render_inline_neutralizes(payload):
    assert audit(render_inline(payload)) == []


def test_nothing_survives_anywhere_in_a_loaded_course(demo):
    questions = "\n".join(
        f"? [q{i}] {p}\n- [x] {p}\n  > {p}\n- [ ] ok\n! {p}\n" for i, p in enumerate(HOSTILE)
    )
    everything = "\n\n".join(HOSTILE + HOSTILE_BLOCKS)
    body = f"{everything}\n\n```quiz\n{questions}```\n"
    catalog = demo({"01-a.md": module(body)}, course_md=f"{COURSE_MD}\n{everything}\n")
    assert catalog.errors == []
    course = catalog.courses[0]
    (mod,) = course.modules
    assert len(mod.questions) == len(HOSTILE)
    fragments = [course.overview_html, mod.body_html, mod.toc_html]
    for q in mod.questions:
        fragments += [q.prompt_html, q.explanation_html]
        fragments += [c.html for c in q.choices] + [c.feedback_html or "" for c in q.choices]
    assert [finding for f in fragments for finding in audit(f)] == []

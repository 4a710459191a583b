"""The content library format: items, their checks, assets and library: links from modules."""

from datetime import date

from lms.content.plain import fold, plain_text, sections
from tests.content.content_trees import COURSE_MD, messages, module

ITEM = """\
---
title: Veloxa vs Acme battlecard
kind: battlecard
personas: [cfo, it-director]
stages: [discovery, evaluation]
products: [veloxa-core]
owner: enablement@example.com
review_by: 2027-03-01
shareable: true
---
## Why we win

Acme needs **three** tools & a consultant.
"""


def test_an_item_loads_with_its_metadata_and_sanitized_html(tree):
    catalog = tree({"library/veloxa-vs-acme.md": ITEM, "library/assets/deck.pdf": b"%PDF"})
    assert catalog.errors == []
    (item,) = catalog.library.items
    assert (item.slug, item.kind, item.shareable) == ("veloxa-vs-acme", "battlecard", True)
    assert item.personas == ["cfo", "it-director"] and item.products == ["veloxa-core"]
    assert item.review_by == date(2027, 3, 1)
    assert "<strong>three</strong>" in item.body_html
    assert item.body_text == "Why we win\n\nAcme needs three tools & a consultant."
    assert catalog.library.assets == {"assets/deck.pdf": b"%PDF"}


def test_item_errors_name_file_and_line(tree):
    bad = ITEM.replace("kind: battlecard", "kind: poster").replace("[cfo, it-director]", "[CFO]")
    bad = bad.replace("shareable: true", "shareable: yes please")
    catalog = tree({"library/x.md": bad + "<script>alert(1)</script>\n"})
    found = messages(catalog)
    assert any(m.startswith('library/x.md:3: "kind" must be one of battlecard') for m in found)
    assert any(m.startswith('library/x.md:4: "personas" must be a list of slugs') for m in found)
    assert any(m.startswith('library/x.md:9: "shareable" must be true or false') for m in found)


def test_script_never_survives_and_required_keys_are_required(tree):
    catalog = tree({"library/a.md": "---\ntitle: A\nkind: faq\n---\n<script>x()</script>Hi\n"})
    assert catalog.errors == []
    assert "script" not in catalog.library.items[0].body_html
    catalog = tree({"library/b.md": "---\ntitle: B\n---\nText\n"})
    assert messages(catalog) == ['library/b.md:1: missing required key "kind" in front matter']


def test_bad_names_strays_and_missing_assets_are_errors(tree):
    catalog = tree(
        {
            "library/Bad_Name.md": ITEM,
            "library/notes.txt": "x",
            "library/ok.md": "---\ntitle: Ok\nkind: other\n---\n[deck](assets/none.pdf)\n",
        }
    )
    found = messages(catalog)
    assert any(m.startswith('library/Bad_Name.md:1: library item slug "Bad_Name"') for m in found)
    assert any(m.startswith("library/notes.txt:1: not part of the library") for m in found)
    assert any(
        m.startswith('library/ok.md:5: link to "assets/none.pdf" names no file') for m in found
    )


def test_library_links_resolve_to_the_item_page(tree):
    catalog = tree(
        {
            "library/pricing-faq.md": "---\ntitle: Pricing FAQ\nkind: faq\n---\nText\n",
            "demo/course.md": COURSE_MD,
            "demo/01-a.md": module("See [the FAQ](library:pricing-faq).\n"),
        }
    )
    assert catalog.errors == []
    html = catalog.courses[0].modules[0].body_html
    assert 'href="/library/pricing-faq"' in html


def test_a_library_link_to_nothing_is_an_error(tree):
    files = {"demo/course.md": COURSE_MD, "demo/01-a.md": module("Text\n\n[x](library:nope)\n")}
    assert any(m.startswith('demo/01-a.md:6: link "library:nope"') for m in messages(tree(files)))
    files["library/other.md"] = "---\ntitle: Other\nkind: faq\n---\nText\n"
    assert messages(tree(files)) == [
        'demo/01-a.md:6: link "library:nope" names no library item: add library/nope.md '
        "or fix the link"
    ]


def test_no_library_folder_means_no_library():
    from lms.content.model import Catalog

    assert Catalog().library is None


def test_sections_cut_at_headings_and_fold_keeps_offsets():
    html = '<p>Intro</p><h2 id="pricing">Pricing <a class="headerlink" href="#p">¶</a></h2>'
    html += "<p>Per seat &amp; year</p>"
    assert [(s.anchor, s.heading, s.text) for s in sections(html)] == [
        ("", "", "Intro"),
        ("pricing", "Pricing", "Per seat & year"),
    ]
    assert plain_text("<ul><li>a</li><li>b</li></ul>") == "a\nb"
    assert fold("Résumé ÉTÉ 定价") == "resume ete 定价"
    assert len(fold("ﬁİß")) == 3

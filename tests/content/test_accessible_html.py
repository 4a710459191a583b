"""Rendered course HTML for assistive technology: row headers, hidden permalinks, demotion."""

from lms.content.headings import demote_headings
from lms.content.render import render_markdown
from lms.content.tables import add_row_headers

PRICING = """\
| | Starter | Growth |
|---|---|---|
| List price | $35 | $70 |
| Seats | 10 &amp; up | 25 |
"""


def test_an_empty_corner_makes_the_first_column_row_headers():
    html = render_markdown(PRICING).html
    assert '<th scope="row">List price</th>' in html
    assert '<th scope="row">Seats</th>' in html
    assert "<td>$35</td>" in html and "<td>10 &amp; up</td>" in html
    assert "<td>List price" not in html


def test_a_named_corner_leaves_the_first_column_as_data():
    html = render_markdown("| Stage | Owner |\n|---|---|\n| Lead | Marketing |\n").html
    assert "<td>Lead</td>" in html
    assert "scope" not in html


def test_aligned_first_column_keeps_its_alignment():
    html = render_markdown("| | A |\n|:--|--:|\n| Row | 1 |\n").html
    assert '<th scope="row" align="left">Row</th>' in html


def test_raw_html_tables_and_nested_tables():
    raw = (
        "<table><thead><tr><th> </th><th>A</th></tr></thead><tbody>"
        "<tr><td>x<table><tr><td>inner</td></tr></table></td><td>1</td></tr></tbody></table>"
    )
    html = add_row_headers(raw)
    assert html.startswith("<table><thead><tr><th> </th><th>A</th></tr></thead><tbody><tr>")
    assert '<th scope="row">x<table><tr><td>inner</td></tr></table></th><td>1</td>' in html


def test_an_author_cannot_forge_other_attributes_on_row_headers():
    html = render_markdown('<table><tr><th scope="row" onclick="x()">A</th></tr></table>').html
    assert 'scope="row"' in html and "onclick" not in html


def test_permalinks_are_hidden_from_assistive_technology_and_the_tab_order():
    html = render_markdown("## Pricing\n\nText.\n").html
    assert html.startswith(
        '<h2 id="pricing">Pricing<a aria-hidden="true" tabindex="-1" class="headerlink"'
    )
    assert html.count("aria-hidden") == 1


def test_author_text_is_kept_byte_for_byte():
    text = "## A &amp; B\n\nx &lt; y &#169; <br> `<i>` 中文\n\n| | c |\n|--|--|\n| r | 1 |\n"
    rendered = render_markdown(text).html
    assert "x &lt; y © <br> <code>&lt;i&gt;</code> 中文" in rendered


def test_demoted_headings_move_down_and_stop_at_six():
    html = demote_headings('<h1 id="a">A</h1><h2>B</h2><h5>C</h5><p>h2</p>', 2)
    assert html == '<h3 id="a">A</h3><h4>B</h4><h6>C</h6><p>h2</p>'
    assert demote_headings("<h2>B</h2>", 0) == "<h2>B</h2>"


def test_markup_inside_attribute_values_is_left_alone():
    text = '<abbr title="<a class=headerlink> | <td>">x</abbr> [y](https://e.org "a > b")\n'
    html = render_markdown(text + "\n| | A |\n|--|--|\n| r | 1 |\n").html
    assert "aria-hidden" not in html
    assert html.count('scope="row"') == 1 and '<th scope="row">r</th>' in html

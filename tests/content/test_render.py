"""Markdown rendering: headings and toc, tables, code, admonitions, assets, Chinese."""

from lms.content.render import render_inline, render_markdown


def test_headings_get_ids_permalinks_and_a_toc():
    rendered = render_markdown("# Funnel\n\nText.\n\n## Roles\n\n## Roles\n")
    assert (
        '<h1 id="funnel">Funnel<a aria-hidden="true" tabindex="-1" class="headerlink" href="#funnel" '
        'title="Link to this section" rel="noopener noreferrer">¶</a></h1>'
    ) in rendered.html
    assert '<h2 id="roles">' in rendered.html
    assert '<h2 id="roles_1">' in rendered.html
    assert rendered.toc_html == (
        '<nav class="toc" aria-label="Contents"><ul><li>'
        '<a href="#funnel" rel="noopener noreferrer">Funnel</a><ul>'
        '<li><a href="#roles" rel="noopener noreferrer">Roles</a></li>'
        '<li><a href="#roles_1" rel="noopener noreferrer">Roles</a></li>'
        "</ul></li></ul></nav>"
    )


def test_toc_is_empty_below_two_headings():
    assert render_markdown("# Only one\n\nText.\n").toc_html == ""
    assert render_markdown("Just text.\n").toc_html == ""


def test_chinese_headings_get_readable_unique_ids():
    rendered = render_markdown("# 销售漏斗\n\n## 销售漏斗\n\n## ???\n")
    assert '<h1 id="销售漏斗">' in rendered.html
    assert '<h2 id="销售漏斗_1">' in rendered.html
    assert '<h2 id="section">' in rendered.html  # nothing to slug: still a usable id
    assert '<a href="#销售漏斗_1" rel="noopener noreferrer">销售漏斗</a>' in rendered.toc_html


def test_tables_use_align_attributes_not_style():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |\n").html
    assert '<th align="left">a</th>' in html
    assert '<td align="right">2</td>' in html
    assert "style" not in html


def test_fenced_code_keeps_its_language_class():
    html = render_markdown("```python\nprint('<hi>')\n```\n").html
    assert html == ("<pre><code class=\"language-python\">print('&lt;hi&gt;')\n</code></pre>")


def test_admonitions():
    html = render_markdown('!!! tip "Ask first"\n    Listen more than you talk.\n').html
    assert html == (
        '<div class="admonition tip">\n<p class="admonition-title">Ask first</p>\n'
        "<p>Listen more than you talk.</p>\n</div>"
    )


def test_asset_urls_are_rewritten_to_the_asset_base():
    text = '![Funnel](assets/funnel.png "The funnel")\n\n[Deck](./assets/deck.pdf) [Top](#top)\n'
    html = render_markdown(text, "/courses/demo/assets/").html
    assert '<img alt="Funnel" src="/courses/demo/assets/funnel.png" title="The funnel">' in html
    assert '<a href="/courses/demo/assets/deck.pdf" rel="noopener noreferrer">Deck</a>' in html
    assert '<a href="#top" rel="noopener noreferrer">Top</a>' in html


def test_links_get_rel_and_safe_schemes_survive():
    html = render_markdown("[a](https://x.com) [b](mailto:a@b.co) [c](http://x.com)\n").html
    assert html == (
        '<p><a href="https://x.com" rel="noopener noreferrer">a</a> '
        '<a href="mailto:a@b.co" rel="noopener noreferrer">b</a> '
        '<a href="http://x.com" rel="noopener noreferrer">c</a></p>'
    )


def test_lists_quotes_and_emphasis():
    html = render_markdown("> **Bold** and *em* and ~~no~~\n\n1. one\n2. two\n\n- x\n").html
    assert "<blockquote>\n<p><strong>Bold</strong> and <em>em</em>" in html
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in html
    assert "<ul>\n<li>x</li>\n</ul>" in html


def test_chinese_and_emoji_text_pass_through():
    assert render_markdown("销售 🎯 café\n").html == "<p>销售 🎯 café</p>"


def test_inline_has_no_wrapping_paragraph_and_no_blocks():
    assert (
        render_inline("**Research** their `role`")
        == "<strong>Research</strong> their <code>role</code>"
    )
    assert render_inline("1. Not a list") == "1. Not a list"
    assert render_inline("# Not a heading") == "# Not a heading"
    assert render_inline("## Not a heading either") == "## Not a heading either"
    assert render_inline("#### Nor this") == "#### Nor this"
    assert render_inline("#hashtag") == "#hashtag"
    assert render_inline("- Not a list") == "- Not a list"
    assert render_inline("Line\n---") == "Line\n---"
    assert (
        render_inline("![x](assets/a.png)", "/c/d/assets/")
        == '<img alt="x" src="/c/d/assets/a.png">'
    )

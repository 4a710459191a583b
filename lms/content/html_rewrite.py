"""Rewrite sanitized HTML tag by tag, copying everything it does not change byte for byte."""

from __future__ import annotations

from html.parser import HTMLParser


class Rewriter(HTMLParser):
    """Echoes its input; subclasses override `start` and `end` to change a tag's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []

    def rewrite(self, text: str) -> str:
        """The input with the subclass's changes."""
        self.feed(text)
        self.close()
        return "".join(self.out)

    def start(self, tag: str, attrs: dict[str, str | None], text: str) -> str:
        """The start tag to write; `text` is the tag as written."""
        return text

    def end(self, tag: str) -> str:
        """The end tag to write."""
        return f"</{tag}>"

    def handle_starttag(self, tag, attrs):
        self.out.append(self.start(tag, dict(attrs), self.get_starttag_text()))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.start(tag, dict(attrs), self.get_starttag_text()))

    def handle_endtag(self, tag):
        self.out.append(self.end(tag))

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

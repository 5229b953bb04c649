"""One pass over a page's HTML with a real parser, changing only what it is asked to.

`Rewriter` copies the markup as written (tags with their attributes, character references,
comments) and lets a subclass change text nodes (`text`) or a start tag (`start`, which may
return a new tag, or "" to drop it together with its end tag). It knows whether it is inside
code, scripts or form fields (`verbatim`) and inside headings or links (`in_label`).
"""
from __future__ import annotations

from html.parser import HTMLParser

VERBATIM = {"code", "pre", "script", "style", "textarea", "kbd", "samp", "svg"}
LABELS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "label", "summary", "legend", "option", "abbr", "dt", "cite"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Rewriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []   # (tag, kept) of the elements we are inside
        self.verbatim = 0
        self.in_label = 0

    # ------------------------------------------------------------------ to override
    def text(self, data: str) -> str:
        return data

    def start(self, tag: str, attrs: list, raw: str) -> str:
        return raw

    # ------------------------------------------------------------------ parser events
    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        new = self.start(tag, attrs, raw)
        self.out.append(new)
        if tag in VOID:
            return
        self.open.append((tag, new != "" or raw == ""))
        self.verbatim += tag in VERBATIM
        self.in_label += tag in LABELS

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        kept = True
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                for closed, _ in self.open[index:]:
                    self.verbatim -= closed in VERBATIM
                    self.in_label -= closed in LABELS
                kept = self.open[index][1]
                del self.open[index:]
                break
        if kept:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data if self.verbatim or not data.strip() else self.text(data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")

    def run(self, html: str) -> str:
        self.feed(html)
        self.close()
        return "".join(self.out)

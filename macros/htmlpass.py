"""One pass over a page's HTML that changes only its text, never its markup.

A small HTML tokenizer (not a regular expression over the whole markup): it tells tags,
comments, declarations, character references and the raw text of `<script>`, `<style>` and
`<textarea>` apart from text, with quoted attribute values read as such (a `>` inside
`title="a > b"` does not end the tag). `Rewriter` copies every token as written and lets a
subclass change text nodes (`text`) or a start tag (`start`: return the tag to write, or ""
to drop it together with its end tag). It knows whether it is inside code, scripts or form
fields (`verbatim`) and inside headings, links and other labels (`in_label`).

The tokenizer is written for speed (it runs on every page of both languages): one compiled
pattern finds the next markup token, everything between two tokens is text.
"""
from __future__ import annotations

import re

VERBATIM = {"code", "pre", "script", "style", "textarea", "kbd", "samp", "svg"}
LABELS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "label", "summary", "legend", "option", "abbr", "dt", "cite"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
RAW_TEXT = {"script", "style", "textarea"}

TOKEN = re.compile(r"""
    <!--.*?-->                                                   # comment
  | <!\[CDATA\[.*?\]\]>                                           # CDATA section (in SVG)
  | <[!?][^>]*>                                                  # doctype, processing instruction
  | </(?P<end>[a-zA-Z][\w:-]*)\s*>                                # end tag
  | <(?P<start>[a-zA-Z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>       # start tag, quoted values kept whole
  | &(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);          # character reference
""", re.S | re.X)
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("([^"]*)"|'([^']*)'|[^\s>]+))?""")


def attribute(raw_tag: str, name: str) -> str | None:
    """The value of attribute `name` in a start tag as written (character references kept)."""
    for match in ATTRIBUTE.finditer(raw_tag, raw_tag.find(" ") + 1 if " " in raw_tag else len(raw_tag)):
        if match.group(1).lower() == name:
            value = match.group(3) if match.group(3) is not None else match.group(4)
            return value if value is not None else (match.group(2) or "")
    return None


class Rewriter:
    def __init__(self):
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []   # (tag, kept) of the elements we are inside
        self.verbatim = 0
        self.in_label = 0

    # ------------------------------------------------------------------ to override
    def text(self, data: str) -> str:
        return data

    def start(self, tag: str, raw: str) -> str:
        return raw

    # ------------------------------------------------------------------ the pass
    def _data(self, data: str) -> None:
        if data:
            self.out.append(data if self.verbatim or data.isspace() else self.text(data))

    def _start(self, tag: str, raw: str) -> None:
        new = self.start(tag, raw)
        self.out.append(new)
        if tag in VOID or raw.endswith("/>"):
            return
        self.open.append((tag, bool(new)))
        self.verbatim += tag in VERBATIM
        self.in_label += tag in LABELS

    def _end(self, tag: str, raw: str) -> None:
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
            self.out.append(raw)

    def reference(self, raw: str) -> str:
        """A character reference, kept as written unless a subclass says otherwise."""
        return raw

    def run(self, html: str) -> str:
        position = 0
        while True:
            match = TOKEN.search(html, position)
            if not match:
                self._data(html[position:])
                break
            self._data(html[position:match.start()])
            raw = match.group(0)
            position = match.end()
            if match.group("start"):
                tag = match.group("start").lower()
                self._start(tag, raw)
                if tag in RAW_TEXT:   # its content is text of its own: copy it up to the end tag
                    end = re.compile(rf"</{tag}\s*>", re.I).search(html, position)
                    stop = end.start() if end else len(html)
                    self.out.append(html[position:stop])
                    position = stop
            elif match.group("end"):
                self._end(match.group("end").lower(), raw)
            elif raw[0] == "&":
                self.out.append(raw if self.verbatim else self.reference(raw))
            else:
                self.out.append(raw)
        return "".join(self.out)

"""The text of a page, changed in one pass over its HTML (macros/htmlpass.py): the glossary's
in-text definitions on each term's first use, then, on French pages, French typography.
One pass rather than one per job: parsing is most of the cost of either."""
from __future__ import annotations

from . import htmlpass, typography
from .glossary import Definitions


class PageText(htmlpass.Rewriter):
    def __init__(self, definitions: Definitions | None, french: bool):
        super().__init__()
        self.definitions, self.french, self.seen = definitions, french, set()

    def text(self, data: str) -> str:
        if self.french:
            data = typography.french(data)   # before definitions: it must not touch the abbr markup
        if self.definitions and not self.in_label:
            data = self.definitions.define(data, self.seen)
        return data

    def reference(self, raw: str) -> str:
        return typography.french_reference(raw, self.out[-1] if self.out else "") if self.french else raw


def rewrite(html: str, definitions: Definitions | None, french: bool) -> str:
    """The page's HTML with its text changed as asked (unchanged when nothing is asked)."""
    if not french and (definitions is None or definitions.pattern is None or not definitions.pattern.search(html)):
        return html
    return PageText(definitions, french).run(html)

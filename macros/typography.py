"""French typography: the spaces and apostrophes of French print, in text and in HTML.

`french(text)` works on plain text (PDFs, strings shown by scripts); `french_html(html)`
applies it to the text nodes of a page only, found by a real HTML parser: tags, attributes,
character references (`&para;`), comments, and the content of code, scripts, styles and
form fields are left exactly as written.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import htmlpass

NNBSP, NBSP = "\u202f", "\u00a0"
UNITS = r"(?:%|‰|€|\$|km²|km|m²|m³|m|cm|mm|kg|g|t|ha|h|min|s|Mo|Go|Ko|To|Mbit/s|°C|millions?|milliards?)"
# Each rule follows what it needs to find in the text to apply at all: most text nodes hold
# none of it, and looking for it is far cheaper than the rule's own pass.
RULES = [
    (re.compile("«"), re.compile(r"«\s*"), "«" + NBSP),
    (re.compile("»"), re.compile(r"\s*»"), NBSP + "»"),
    (re.compile(":"), re.compile(r"(?:(?<=\S)\s+|^ +):(?=\s|$)"), NBSP + ":"),
    (re.compile("[;?!]"), re.compile(r"(?:(?<=[\w»)\]…’'\"%.])\s*|^ +)([;?!])(?=\s|$|[»)\]])"), NNBSP + r"\1"),
    # 50 000 · 1 548 km · 70 % : digits grouped by a narrow space, a unit kept with its number.
    (re.compile(r"\d "), re.compile(r"(?<=\d) (?=\d{3}(?!\d))"), NNBSP),
    (re.compile(r"\d "), re.compile(r"(?<=\d) (?=" + UNITS + r"(?![\w²³]))"), NBSP),
    # l'autorité -> l’autorité: an apostrophe between letters, or after an elided word at the
    # end of a text node (l'<a>étape</a>); quotes around a word stay straight.
    (re.compile("'"), re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])"), "’"),
    (re.compile("'"), re.compile(r"(?i)(?<![^\W\d_])([ldjnmstc]|qu|jusqu|lorsqu|puisqu|quoiqu)'$"), r"\1’"),
]


@lru_cache(maxsize=1 << 16)   # the same texts come back on many pages: card titles, labels, summaries
def french(text: str) -> str:
    """« guillemets » and : with a no-break space; ; ? ! with a narrow one; numbers and
    their units kept together; typographic apostrophes."""
    for needed, pattern, replacement in RULES:
        if needed.search(text):
            text = pattern.sub(replacement, text)
    return text


def for_language(text: str, lang: str) -> str:
    return french(text) if lang == "fr" else text


def french_reference(raw: str, before: str) -> str:
    """A character reference in French text: Jinja escapes ' as &#39;, and an apostrophe
    after a letter is an elision (l&#39;économie -> l’économie)."""
    return "’" if raw.lower() in ("&#39;", "&#x27;", "&apos;") and before[-1:].isalpha() else raw


class French(htmlpass.Rewriter):
    """French typography in the text nodes of a page."""

    def text(self, data: str) -> str:
        return french(data)

    def reference(self, raw: str) -> str:
        return french_reference(raw, self.out[-1] if self.out else "")


def french_html(html: str) -> str:
    """The page's HTML with French typography in its text nodes only."""
    return French().run(html)

"""The glossary (glossary/terms.yml): checked, shown as the glossary page, and turned into
in-text definitions.

In-text definitions are `<abbr title="short definition">`, shown by Material's
`content.tooltips` on hover and focus. They are added to the finished HTML of each page, so
they reach the worksheet boxes and initiative cards too (HTML that macros write and that
skips Markdown, where Python-Markdown's abbreviations cannot go): for each term, its first
use outside headings, links and code gets the definition, and is made focusable so that a
keyboard or a tap reaches it (without scripts, the stylesheet shows it on focus).
"""
from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

from . import htmlpass, templating, typography, validate, yamlfile
from .messages import problem
from .problems import Problem, display_path
from .searchfold import fold

FILE = "glossary/terms.yml"
PAGE = "glossary.md"


def load(root: Path) -> tuple[list[dict], list[Problem]]:
    """The terms, and every problem in the file."""
    path = root / FILE
    if not path.is_file():
        return [], []
    read = yamlfile.read(path, display_path(path, root))
    problems = read.problems or validate.schema_problems(read, "glossary")
    if problems:
        return [], problems
    terms = read.data["terms"]
    seen_ids: dict = {}
    seen_forms: dict = {}
    for index, term in enumerate(terms):
        first = seen_ids.setdefault(term["id"], index)
        if first != index:
            problems.append(problem(read.path, read.line("terms", index, "id"), f"terms[{index}].id",
                                    "glossary_id_twice", value=repr(term["id"]), first=first))
        for lang, forms in term["forms"].items():
            for form in forms:
                other = seen_forms.setdefault((lang, form), term["id"])
                if other != term["id"]:
                    problems.append(problem(read.path, read.line("terms", index, "forms", lang), f"terms[{index}].forms.{lang}",
                                            "glossary_form_twice", value=repr(form), other=repr(other)))
    return (terms if not problems else []), problems


def abbreviations(terms: list[dict], lang: str) -> dict[str, tuple[str, str]]:
    """Each form of each term -> (term id, short definition as shown in `lang`).
    A form written in lower case also matches with a capital (at the start of a sentence), and
    one written with ' also matches with ’."""
    out = {}
    for term in terms:
        short = typography.for_language(term["short"][lang], lang)
        for form in term["forms"][lang]:
            # the capitalised form, and the typographic apostrophe French pages end up with
            for variant in (form, form[:1].upper() + form[1:]):
                out.setdefault(variant, (term["id"], short))
                out.setdefault(variant.replace("'", "’"), (term["id"], short))
    return out


class Definitions:
    """The glossary of one language, ready to mark up pages."""

    def __init__(self, terms: list[dict], lang: str):
        self.forms = abbreviations(terms, lang)
        alternatives = "|".join(re.escape(f) for f in sorted(self.forms, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if self.forms else None
        # text node -> where terms are used in it: the same texts come back on many pages (cards)
        self._uses: dict[str, list[tuple[int, int]]] = {}

    def uses(self, text: str) -> list[tuple[int, int]]:
        """Start and end of each use of a term in `text`."""
        found = self._uses.get(text)
        if found is None:
            found = self._uses[text] = [m.span() for m in self.pattern.finditer(text)] if self.pattern else []
        return found

    def define(self, text: str, seen: set) -> str:
        """`text` (a text node) with the first use of each term not in `seen` defined; adds them to `seen`."""
        out, position = [], 0
        for start, end in self.uses(text):
            term_id, short = self.forms[text[start:end]]
            if term_id in seen:
                continue
            seen.add(term_id)
            out += [text[position:start], f'<abbr title="{escape(short)}" tabindex="0">{text[start:end]}</abbr>']
            position = end
        return "".join(out) + text[position:] if out else text

    def first_uses(self, html: str) -> str:
        """The page's HTML with each term's first use (outside headings, links and code) defined."""
        return _FirstUses(self).run(html)


def sort_key(text: str) -> str:
    return fold(text).casefold()


def render_page(terms: list[dict], lang: str, tr) -> Markup:
    """Every term in the reader's alphabetical order, each with its anchor."""
    entries = sorted(({"id": t["id"], "term": t["term"][lang], "definition": t["definition"][lang],
                       "added": t.get("added", False)} for t in terms), key=lambda e: sort_key(e["term"]))
    letters: list[dict] = []
    for entry in entries:
        letter = sort_key(entry["term"])[:1].upper()
        if not letters or letters[-1]["letter"] != letter:
            letters.append({"letter": letter, "entries": []})
        letters[-1]["entries"].append(entry)
    html = templating.render("glossary.html", letters=letters, added=tr("glossary.added"), letters_label=tr("glossary.letters"))
    return templating.one_block(html)


class _FirstUses(htmlpass.Rewriter):
    def __init__(self, definitions: Definitions):
        super().__init__()
        self.definitions, self.seen = definitions, set()

    def text(self, data: str) -> str:
        return data if self.in_label else self.definitions.define(data, self.seen)

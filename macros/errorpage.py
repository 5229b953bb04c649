"""The page `mkdocs serve` shows while the data is invalid: every problem with its file, line,
field and fix, in French and in English, instead of a browser left waiting. It reloads
itself once the files are valid again (the development server rebuilds on every save).
`mkdocs build` never shows it: there, invalid data stops the build."""
from __future__ import annotations

from pathlib import Path

from . import messages, store
from .templating import TEMPLATES

MARKER = "data-build-problems"


def problems_by_language(root: Path) -> dict[str, list]:
    """Every problem of the data, worded in each language (read again: the cache holds English)."""
    out = {}
    for lang in ("fr", "en"):
        with messages.use(lang):
            out[lang] = store.load(root).problems
    return out


def render(root: Path) -> str:
    return TEMPLATES.get_template("data-errors.html").render(problems=problems_by_language(root), marker=MARKER)

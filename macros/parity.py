"""The two languages stay in step: same pages, same interface strings."""
from __future__ import annotations

from pathlib import Path

from . import i18n
from .messages import problem
from .problems import Problem


def page_paths(docs: Path) -> set[str]:
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}


def page_problems(root: Path) -> list[Problem]:
    """Every page that exists in one language only."""
    problems = []
    langs = {lang: page_paths(root / "docs" / lang) for lang in i18n.LANGUAGES}
    for lang, paths in langs.items():
        for other, other_paths in langs.items():
            for path in sorted(paths - other_paths):
                problems.append(problem(f"docs/{lang}/{path}", 0, "", "page_twin", other=other, path=path))
    return problems


def string_problems(root: Path) -> list[Problem]:
    """Every interface string defined in one language only."""
    problems = []
    tables = {lang: i18n.strings(lang, root) for lang in i18n.LANGUAGES}
    for lang, table in tables.items():
        for other, other_table in tables.items():
            for key in sorted(set(table) - set(other_table)):
                problems.append(problem(f"i18n/{lang}.yml", 0, key, "string_missing", other=other, key=key))
    return problems

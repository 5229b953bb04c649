"""What the checks say, in the contributor's language: one catalogue of message templates per
language, i18n/messages/<lang>.yml (the same keys in both; English is the default).

Each entry is a problem and how to fix it (`message`, `fix`), or a plain `text`. The
validator, `make check`, `make new`, `from-issue`, the `mkdocs serve` error page and the
share form all take their wording from here, so a contributor reads the same sentence
wherever the problem is found. `python -m macros check --lang fr` prints French.
"""
from __future__ import annotations

import contextlib
import re
from functools import lru_cache
from pathlib import Path

import yaml

from .problems import Problem

FOLDER = Path(__file__).resolve().parent.parent / "i18n" / "messages"
LANGUAGES = ("en", "fr")
DEFAULT = "en"
_current = {"lang": DEFAULT}


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict:
    """Key -> {message, fix} or {text}, for one language."""
    if lang not in LANGUAGES:
        raise ValueError(f"no messages in {lang!r}; write one of {', '.join(LANGUAGES)}")
    data = yaml.safe_load((FOLDER / f"{lang}.yml").read_text(encoding="utf-8"))
    return {key: (entry if isinstance(entry, dict) else {"text": entry}) for key, entry in data.items()}


def language() -> str:
    return _current["lang"]


@contextlib.contextmanager
def use(lang: str):
    """Messages in `lang` inside the block."""
    catalogue(lang)   # fails early on an unknown language
    previous, _current["lang"] = _current["lang"], lang
    try:
        yield
    finally:
        _current["lang"] = previous


def fill(template: str, values: dict) -> str:
    # Only {name} placeholders are replaced: braces in examples ({fr: …, en: …}) stay as written.
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def entry(key: str, lang: str | None = None) -> dict:
    table = catalogue(lang or language())
    if key not in table:
        raise KeyError(f"i18n/messages/{lang or language()}.yml: no message {key!r}")
    return table[key]


def text(key: str, part: str = "text", **values) -> str:
    """One part of an entry (`text`, `message` or `fix`) in the current language, filled in."""
    return fill(entry(key)[part], values)


def problem(path: str, line: int, field: str, key: str, fix: str | None = None, /, **values) -> Problem:
    """A Problem worded by the catalogue; `fix` replaces the entry's own fix when given."""
    found = entry(key)
    return Problem(path, line, field, fill(found["message"], values),
                   fix if fix is not None else fill(found.get("fix", ""), values))


def number(value: int) -> str:
    """A count as the current language groups its digits (12,345 / 12 345)."""
    return f"{value:,}".replace(",", "\u202f" if language() == "fr" else ",")


def placeholders(template: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", template))

"""Countries by their ISO 3166-1 alpha-2 code, named in French and in English by Babel (CLDR):
`code_of("Rwanda")`, `code_of("Côte d'Ivoire")` and `code_of("rw")` all give "RW"."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from babel import Locale

LANGUAGES = ("fr", "en")
# Codes CLDR names that are not countries (unknown region, European Union, eurozone, UN…).
NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO"}


def fold(text: str) -> str:
    """Lower case, without accents, apostrophes and hyphens as spaces: what people type."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[\s'’`\-.,()]+", " ", text).split())


@lru_cache(maxsize=None)
def names(lang: str) -> dict[str, str]:
    """Code -> the country's name in `lang`, for every country."""
    return {code: name for code, name in Locale(lang).territories.items()
            if re.fullmatch(r"[A-Z]{2}", code) and code not in NOT_COUNTRIES}


@lru_cache(maxsize=None)
def _by_name() -> dict[str, str]:
    index = {}
    for lang in LANGUAGES:
        for code, name in names(lang).items():
            index.setdefault(fold(name), code)
    return index


def code_of(text: str) -> str | None:
    """The code of a country given by its code or its name in French or English, or None."""
    text = (text or "").strip()
    if re.fullmatch(r"[A-Za-z]{2}", text) and text.upper() in names("en"):
        return text.upper()
    return _by_name().get(fold(text))


def sorted_names(lang: str) -> list[tuple[str, str]]:
    """(code, name) pairs in the reader's alphabetical order (accents ignored)."""
    return sorted(names(lang).items(), key=lambda pair: fold(pair[1]))

"""Interface strings and language of the build: one YAML file per language in i18n/."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import yamlfile

LANGUAGES = ("fr", "en")


def project_root(config) -> Path:
    """Folder holding mkdocs.yml, from the configuration being built."""
    return Path(config["config_file_path"]).resolve().parent


def build_language(config) -> str:
    """Language of the project being built (theme.language of its configuration)."""
    lang = config["theme"]["language"]
    if lang not in LANGUAGES:
        raise ValueError(f"theme.language is {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


def strings_path(lang: str, root: Path) -> Path:
    return root / "i18n" / f"{lang}.yml"


@lru_cache(maxsize=None)
def strings(lang: str, root: Path) -> dict:
    """All interface strings of `lang`, read once per build (see `reload`): pages ask for
    thousands of them."""
    path = strings_path(lang, root)
    data = yamlfile.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path}: expected a mapping of key: text")
    return data


def reload() -> None:
    """Forget the strings read so far (each build starts with this: `mkdocs serve` sees edits)."""
    strings.cache_clear()


def translate(key: str, lang: str, root: Path) -> str:
    """The text of `key` in `lang`; a missing key is an error that names the file."""
    table = strings(lang, root)
    try:
        return table[key]
    except KeyError:
        raise KeyError(f"{strings_path(lang, root)}: no string {key!r}; add it to every i18n/*.yml") from None

"""Content rules that hold without a build: mirrored pages, same strings, page metadata."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros import i18n, parity
from macros.problems import Problem

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_exists_in_both_languages():
    problems = parity.page_problems(ROOT)
    assert not problems, "\n".join(map(str, problems))


def test_parity_check_reports_a_page_in_one_language_only(tmp_path):
    for lang in ("fr", "en"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "index.md").write_text("# x")
    (tmp_path / "docs" / "fr" / "only.md").write_text("# y")
    assert [str(p) for p in parity.page_problems(tmp_path)] == [
        "docs/fr/only.md: has no en twin — add docs/en/only.md (translated), or remove this page"]


def test_interface_strings_have_the_same_keys():
    problems = parity.string_problems(ROOT)
    assert not problems, "\n".join(map(str, problems))
    assert i18n.strings("fr", ROOT).keys() == i18n.strings("en", ROOT).keys()


def test_string_check_reports_a_missing_key(tmp_path):
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "fr.yml").write_text("a: un\nb: deux\n")
    (tmp_path / "i18n" / "en.yml").write_text("a: one\n")
    assert parity.string_problems(tmp_path) == [
        Problem("i18n/fr.yml", 0, "b", "missing from i18n/en.yml", "add b to i18n/en.yml")]


@pytest.mark.parametrize("page", sorted((ROOT / "docs").rglob("*.md")), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_page_has_a_title_and_a_description(page):
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), "front matter missing"
    meta = yaml.safe_load(text.split("---", 2)[1])
    assert meta.get("title"), "front matter: title missing"
    assert 40 <= len(meta.get("description", "")) <= 200, "front matter: description of 40-200 characters"


def registered_macros() -> set[str]:
    """Names define_env registers, read from the package itself."""
    import macros

    class Env:
        conf = {"config_file_path": str(ROOT / "mkdocs.yml"), "theme": {"language": "fr"}, "docs_dir": str(ROOT / "docs/fr")}
        variables: dict = {}
        names: set = set()

        def macro(self, fn, name=""):
            self.names.add(name or fn.__name__)
            return fn
    env = Env()
    macros.define_env(env)
    return env.names


@pytest.mark.parametrize("page", sorted((ROOT / "docs").rglob("*.md")), ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_call_only_registered_macros(page):
    # Pages are Jinja templates: a call to anything else fails the build far from its cause.
    calls = set(re.findall(r"\{\{\s*(\w+)\s*\(", page.read_text(encoding="utf-8")))
    assert calls <= registered_macros(), calls - registered_macros()

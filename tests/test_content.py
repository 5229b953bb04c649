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

        class env:  # the Jinja environment mkdocs-macros gives
            @staticmethod
            def from_string(source):
                return source

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


# ------------------------------------------------------------------ one name per thing
def front_title(page: Path) -> str:
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---", 2)[1])["title"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_part_a_step_has_one_title_wherever_it_is_named(lang):
    """Front matter, H1, the Part A overview and every link that spells the title out ("Step N · …")."""
    docs = ROOT / "docs" / lang
    titles = {n: front_title(docs / "part-a" / f"step-{n}.md") for n in range(1, 7)}
    word = "Étape" if lang == "fr" else "Step"
    wrong = []
    for n, title in titles.items():
        assert title.startswith(f"{word} {n} · "), title
        text = (docs / "part-a" / f"step-{n}.md").read_text(encoding="utf-8")
        if re.search(r"^# (.*)$", text, re.M).group(1) != title:
            wrong.append(f"part-a/step-{n}.md: H1 differs from the front matter title")
    overview = (docs / "part-a" / "index.md").read_text(encoding="utf-8")
    for n, title in titles.items():
        if f"[{title}](step-{n}.md)" not in overview or f"\n## {title}\n" not in overview:
            wrong.append(f"part-a/index.md: step {n} is not listed and headed as {title!r}")
    for page in docs.rglob("*.md"):
        for label, target in re.findall(r"\[([^\]]*·[^\]]*)\]\(([^)#]*step-\d\.md)", page.read_text(encoding="utf-8")):
            path = (page.parent / target).resolve()
            if path.parent == (docs / "part-a").resolve():
                title = titles[int(path.stem[-1])]
                if label.split("·", 1)[1].strip() != title.split("·", 1)[1].strip():
                    wrong.append(f"{page.relative_to(docs)}: [{label}] should name {title!r}")
    assert wrong == []


WORKSHEET_NAMES = {"fr": {"wrong": r"fiches? pratiques?|«\s*Les questions clés\s*»", "kinds": ("Questions clés", "Mise en pratique")},
                   "en": {"wrong": r"work[ -]sheets?|practical exercises?", "kinds": ("Key questions", "Put it into practice")}}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_worksheets_and_their_kinds_have_one_name(lang):
    strings = i18n.strings(lang, ROOT)
    assert (strings["worksheet.key-questions"], strings["worksheet.practical-exercise"]) == WORKSHEET_NAMES[lang]["kinds"]
    texts = [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8")) for p in (ROOT / "docs" / lang).rglob("*.md")]
    texts += [(f"i18n/{lang}.yml:{k}", str(v)) for k, v in strings.items()]
    quiz = yaml.safe_load((ROOT / "quiz" / "self-test.yml").read_text(encoding="utf-8"))
    texts += [("quiz/self-test.yml", str(v)) for v in _texts_in(quiz, lang)]
    wrong = [f"{where}: {m.group()}" for where, text in texts
             for m in re.finditer(WORKSHEET_NAMES[lang]["wrong"], text, re.I)]
    assert wrong == []


def _texts_in(data, lang):
    if isinstance(data, dict):
        for key, value in data.items():
            if key == lang and isinstance(value, str):
                yield value
            else:
                yield from _texts_in(value, lang)
    elif isinstance(data, list):
        for value in data:
            yield from _texts_in(value, lang)

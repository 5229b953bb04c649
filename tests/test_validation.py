"""Each validation rule of initiatives and worksheets, with the exact one-line message."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_site, copy_project

from macros import catalogue, worksheets

GOOD = (ROOT / "initiatives" / "lagos-wecyclers.yml").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    """Vocabularies, schemas and one valid initiative: add a file and check it."""
    (tmp_path / "initiatives").mkdir()
    shutil.copytree(ROOT / "initiatives" / "vocabularies", tmp_path / "initiatives" / "vocabularies")
    (tmp_path / "initiatives" / "lagos-wecyclers.yml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "worksheets").mkdir()
    return tmp_path


def problems_of(project: Path, name: str, text: str) -> list[str]:
    (project / "initiatives" / name).write_text(text, encoding="utf-8")
    return [str(p) for p in catalogue.load(project).problems]


@pytest.mark.live
def test_the_real_data_is_valid():
    assert catalogue.load(ROOT).problems == []
    assert worksheets.load(ROOT)[1] == []


def test_a_valid_file_has_no_problem(project):
    assert problems_of(project, "dakar-test.yml", GOOD.replace("lagos-wecyclers", "dakar-test")) == []


def test_a_city_may_be_written_in_each_language(project):
    text = GOOD.replace("lagos-wecyclers", "cape-town-test").replace("  city: Lagos\n", "  city: {fr: Le Cap, en: Cape Town}\n")
    assert problems_of(project, "cape-town-test.yml", text) == []


@pytest.mark.parametrize("name,text,expected", [
    ("syntax.yml", "id: syntax\ntitle: {fr: \"ok\"\n",
     "initiatives/syntax.yml:3: YAML syntax error at column 1: while parsing a flow mapping, expected ',' or '}', but got '<stream end>' — check the indentation and quote texts that contain ': ' or start with a symbol"),
    ("empty.yml", "", "initiatives/empty.yml:1: the file is empty — fill it in from the template, or delete it"),
    ("tabs.yml", "id: tabs\nplace:\n\tcity: x\n", "initiatives/tabs.yml:3: tab in indentation (column 1) — indent with spaces only (2 per level)"),
    ("a-list.yml", "- id: a-list\n", "initiatives/a-list.yml:1: the file holds a list, not fields — start each line with a field name, e.g. `id: …` (see initiatives/_template.yml)"),
])
def test_unreadable_files(project, name, text, expected):
    assert problems_of(project, name, text) == [expected]


def variant(old: str, new: str, stem: str = "lagos-wecyclers") -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new)


def line_of(text: str, marker: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)


F = "initiatives/lagos-wecyclers.yml"


@pytest.mark.parametrize("text,marker,expected", [
    (variant("  city: Lagos\n", ""), "place:",
     F + ":{line}: place.city: required field missing — add `city:` (every field is explained in initiatives/_template.yml)"),
    (variant("  city: Lagos\n", "  city: {fr: Lagos}\n"), "city:",
     F + ":{line}: place.city: has fr; a translated name needs fr and en — write the name, e.g. city: Dakar, or both spellings when they differ: city: {{fr: Le Cap, en: Cape Town}}"),
    (variant("  city: Lagos\n", "  city: {fr: Lagos, en: Lagos, es: Lagos}\n"), "city:",
     F + ":{line}: place.city: has fr, en, es; a translated name needs fr and en — write the name, e.g. city: Dakar, or both spellings when they differ: city: {{fr: Le Cap, en: Cape Town}}"),
    (variant("  city: Lagos\n", "  city: 1234\n"), "city:",
     F + ":{line}: place.city: must be a name or {{fr: …, en: …}}, not a whole number — write the name, e.g. city: Dakar, or both spellings when they differ: city: {{fr: Le Cap, en: Cape Town}}"),
    (variant("  city: Lagos\n", "  city: {fr: Lagos, en: " + "x" * 81 + "}\n"), "city:",
     F + ":{line}: place.city: is 81 characters long; at most 80 — shorten it"),
    (variant("  city: Lagos\n", "  city: \"\"\n"), "city:",
     F + ":{line}: place.city: is empty — write the name, e.g. city: Dakar, or both spellings when they differ: city: {{fr: Le Cap, en: Cape Town}}"),
    (variant("themes: [solid-waste,", "themes: [solid-wastes,"), "themes:",
     F + ":{line}: themes[0]: unknown theme 'solid-wastes' — did you mean 'solid-waste'?"),
    (variant("url: http://wecyclers.com/", "url: javascript:alert(1)"), "url:",
     F + ":{line}: links[0].url: is not an http(s) web address: 'javascript:alert(1)' — write a full web address starting with https:// or http://"),
    (variant("years: {start: 2012}", "years: {start: \"2012\"}"), "years:",
     F + ":{line}: years.start: must be a whole number, not text — write a whole number"),
    (variant("years: {start: 2012}", "years: {start: 2012}\nbudget: 1000"), "budget:",
     F + ":{line}: budget: unknown field — remove it, or use one of: id, title, summary, description, lessons, place, years, themes, tools, actors, links, guide_refs, source"),
    (variant("years: {start: 2012}", "yaers: {start: 2012}"), "yaers:",
     F + ":{line}: yaers: unknown field — did you mean 'years'?"),
    (variant("years: {start: 2012}", "years: {start: 1812}"), "years:",
     F + ":{line}: years.start: 1812 is not plausible — write the year the initiative started (1950–" + str(__import__("datetime").date.today().year + 1) + ")"),
    (variant("id: lagos-wecyclers", "id: lagos-wecycler"), "id:",
     F + ":{line}: id: 'lagos-wecycler' differs from the file name 'lagos-wecyclers' — rename the file to lagos-wecycler.yml or set id: lagos-wecyclers"),
    (variant("  country: NG", "  country: Nigeria"), "country:",
     F + ":{line}: place.country: is not a two-letter country code: 'Nigeria' — write NG (the code of Nigeria)"),
    (variant("  country: NG", "  country: N1"), "country:",
     F + ":{line}: place.country: is not a two-letter country code: 'N1' — use the ISO 3166-1 alpha-2 code in capitals, e.g. SN, FR, BR"),
    # Years and the other beginners' mistakes, in plain words (issue 14, point 9)
    (variant("years: {start: 2012}", "years: 2012-2016"), "years:",
     F + ":{line}: years: gives the years as one value ('2012-2016') — write `start: 2012` and `end: 2016` on two lines, indented under `years:`"),
    (variant("years: {start: 2012}", "years: 2012"), "years:",
     F + ":{line}: years: gives a year as one value (2012) — write `start: 2012` on the next line, indented under `years:`"),
    (variant("years: {start: 2012}", "years: {start: 2012, end: soon}"), "years:",
     F + ":{line}: years.end: must be a year or ongoing, not 'soon' — write the year it ended (`end: 2020`), or `end: ongoing` while it runs; leave `end` out when you do not know"),
    (variant("years: {start: 2012}", "years: {start: 2012, end: 2010}"), "years:",
     F + ":{line}: years.end: 2010 comes before the start year (2012) — check both years: `start` is the first year, `end` the last"),
    (variant("url: http://wecyclers.com/", "url: www.wecyclers.com"), "url:",
     F + ":{line}: links[0].url: is not an http(s) web address: 'www.wecyclers.com' — write the whole address: https://www.wecyclers.com"),
    (variant("place:\n", "place: Lagos\nplace_old:\n"), "place:",
     F + ":{line}: place: must be fields (`name: value` lines, indented below it), not text — write fields (`name: value` lines, indented below it)"),
    (variant("  en: \"Lagos: WeCyclers, door-to-door collection of sorted waste\"\n", ""), "title:",
     F + ":{line}: title: has no en text while other fields do — add title.en, or remove every en text so the page shows the fr original as awaiting translation"),
])
def test_each_rule_names_file_line_field_and_fix(project, text, marker, expected):
    assert expected.format(line=line_of(text, marker)) in problems_of(project, "lagos-wecyclers.yml", text)


def test_every_problem_is_reported_in_one_run(project):
    text = variant("themes: [solid-waste,", "themes: [solid-wastes,").replace("url: http://", "url: ftp://")
    found = problems_of(project, "lagos-wecyclers.yml", text)
    assert len(found) == 2 and "themes[0]" in found[0] + found[1] and "links[0].url" in found[0] + found[1]


def test_duplicate_id(project):
    (project / "initiatives" / "copy.yml").write_text(GOOD, encoding="utf-8")
    found = [str(p) for p in catalogue.load(project).problems]
    # The newcomer is blamed, not the file named after the id (which sorts after it here).
    assert "initiatives/copy.yml:2: id: duplicate id, already used by initiatives/lagos-wecyclers.yml — choose another id and rename the file to match" in found
    assert not [p for p in found if p.startswith("initiatives/lagos-wecyclers.yml")]


def test_broken_worksheet_names_file_field_and_fix(tmp_path):
    (tmp_path / "worksheets").mkdir()
    good = (ROOT / "worksheets" / "a1-keywords.yml").read_text(encoding="utf-8")
    (tmp_path / "worksheets" / "a1-keywords.yml").write_text(good.replace("type: choose_one", "type: chose_one", 1), encoding="utf-8")
    found = [str(p) for p in worksheets.load(tmp_path)[1]]
    assert found and found[0].startswith("worksheets/a1-keywords.yml:") and "answer of type 'chose_one'" in found[0]
    assert "write {type: lines, count: N}" in found[0]


def test_check_command_exits_non_zero_without_traceback(project):
    (project / "initiatives" / "bad.yml").write_text("id: bad\n\tx: 1\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "check", str(project / "initiatives" / "bad.yml")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "bad.yml:2: tab in indentation" in result.stdout


@pytest.mark.build
def test_a_broken_file_stops_the_build_and_publishes_nothing(tmp_path, site_url):
    root = copy_project(tmp_path / "project")
    (root / "initiatives" / "broken.yml").write_text(variant("id: lagos-wecyclers", "id: broken").replace(
        "themes: [solid-waste,", "themes: [solid-wastes,"), encoding="utf-8")
    result = build_site(tmp_path / "out", site_url, cwd=root)
    assert result.returncode != 0
    line = line_of(GOOD, "themes:")
    assert f"initiatives/broken.yml:{line}: themes[0]: unknown theme 'solid-wastes' — did you mean 'solid-waste'?" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.live
def test_the_template_is_a_valid_initiative():
    from macros import validate, yamlfile
    vocab, problems = catalogue.load_vocabularies(ROOT)
    read = yamlfile.read(ROOT / "initiatives" / "_template.yml", "initiatives/_template.yml")
    assert problems == [] and validate.initiative(read, read.data["id"], vocab) == []


# ------------------------------------------------------------------ the message catalogue
def test_message_catalogues_have_the_same_keys_and_placeholders():
    from macros import messages
    english, french = messages.catalogue("en"), messages.catalogue("fr")
    assert english.keys() == french.keys()
    for key, entry in english.items():
        assert entry.keys() == french[key].keys(), key
        for part, template in entry.items():
            assert messages.placeholders(template) == messages.placeholders(french[key][part]), (key, part)


def test_check_speaks_french_when_asked(project):
    (project / "initiatives" / "bad.yml").write_text(variant("id: lagos-wecyclers", "id: bad").replace(
        "themes: [solid-waste,", "themes: [solid-wastes,"), encoding="utf-8")
    line = line_of(GOOD, "themes:")
    french = subprocess.run([sys.executable, "-m", "macros", "check", "--lang", "fr", str(project / "initiatives" / "bad.yml")],
                            cwd=ROOT, capture_output=True, text=True)
    assert french.returncode == 1 and "Traceback" not in french.stderr
    assert f"bad.yml:{line}: themes[0]: thème hors de la liste : 'solid-wastes' — vouliez-vous dire 'solid-waste' ?" in french.stdout
    assert french.stderr.strip().endswith("1 problème(s)")


def test_a_path_that_names_no_file_is_a_problem_not_a_crash():
    result = subprocess.run([sys.executable, "-m", "macros", "check", "initiatives/no such file.yml"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == ["initiatives/no such file.yml: no such file — check the name and the folder "
                                          "(a name with spaces needs quotes in a shell)"]


def test_a_malformed_id_is_reported_once(project):
    found = problems_of(project, "lagos-wecyclers.yml", variant("id: lagos-wecyclers", "id: Lagos_WeCyclers"))
    assert found == [F + ":2: id: has the wrong form: 'Lagos_WeCyclers' — write the file's name without .yml: `id: lagos-wecyclers`"]


def test_a_text_written_without_its_language_says_how_to_write_it(project):
    start = GOOD.index("title:\n")
    text = GOOD[:start] + 'title: "Lagos: WeCyclers"\n' + GOOD[GOOD.index("summary:"):]
    assert problems_of(project, "lagos-wecyclers.yml", text) == [
        F + ":3: title: must give its text per language, not text — write it as {fr: …, en: …}"]


@pytest.mark.parametrize("old,new,marker,expected", [
    ("    label: {", "    labl: {", "labl:", "links[0].labl: unknown field — did you mean 'label'?"),
    ('  document: guide-afd-iddri-2018\n  lines: "2147-2198"', "  document: contribution\n  organisation: Ville\n  date: 2026-01-15",
     "date:", 'source.date: must be a text, not a date — write it between double quotes: "2026-01-15"'),
    ("themes: [solid-waste, urban-services, employment]", "themes: solid-waste", "themes:",
     "themes: must be a list (lines starting with `- `, or [a, b]), not text — write it as a list, in brackets: [solid-waste]"),
])
def test_a_beginners_mistake_is_one_line_with_the_fix_to_type(project, old, new, marker, expected):
    text = variant(old, new)
    assert problems_of(project, "lagos-wecyclers.yml", text) == [f"{F}:{line_of(text, marker)}: {expected}"]

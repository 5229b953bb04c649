"""Hostile and damaged data files: every one is refused in bounded time and memory, with one
line per problem at the right place, never a traceback (issue 15, points 1-5 and 14)."""
from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from macros import catalogue

GOOD = (ROOT / "initiatives" / "lagos-wecyclers.yml").read_text(encoding="utf-8")
F = "initiatives/lagos-wecyclers.yml"
CPU_SECONDS, MEGABYTES = 10, 500   # what one file may cost `python -m macros check`


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "initiatives").mkdir()
    shutil.copytree(ROOT / "initiatives" / "vocabularies", tmp_path / "initiatives" / "vocabularies")
    return tmp_path


def problems_of(project: Path, text: str | bytes, name: str = "lagos-wecyclers.yml") -> list[str]:
    path = project / "initiatives" / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return [str(p) for p in catalogue.load(project).problems]


def line_of(text: str, marker: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """"Billion laughs": each level a list of `width` aliases of the one before."""
    lines = ["bomb0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"bomb{i}: &b{i} [{', '.join([f'*b{i - 1}'] * width)}]" for i in range(1, levels)]
    return GOOD + "\n".join(lines) + "\n"


def deep_flow(levels: int) -> str:
    return GOOD.replace("  region: africa\n", "  region: " + "[" * levels + "]" * levels + "\n")


def deep_block(levels: int) -> str:
    return GOOD + "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "v: 1\n"


def hostile_files() -> dict[str, bytes]:
    """About forty kinds of damage, each in an otherwise valid initiative."""
    good = GOOD.encode()
    text = {
        "alias-bomb": alias_bomb(),
        "alias-lists": GOOD + "a: &a [[x, x], [x, x]]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n",
        "deep-flow-100000": deep_flow(100_000),
        "deep-flow-mapping": GOOD + "x: " + "{a: " * 3_000 + "1" + "}" * 3_000 + "\n",
        "deep-block-600": deep_block(600),
        "many-items": GOOD.replace("themes: [solid-waste,", "themes: [" + "a, " * 300_000 + "solid-waste,"),
        "many-keys": GOOD + "".join(f"k{i}: {i}\n" for i in range(20_000)),
        "many-flow-keys": GOOD + "x: {" + ", ".join(f"k{i}: 1" for i in range(90_000)) + "}\n",
        "long-line": GOOD.replace("door-to-door", "x" * 900_000),
        "long-key": GOOD + "k" * 900_000 + ": 1\n",
        "huge-number": GOOD.replace("years: {start: 2012}", "years: {start: " + "9" * 200_000 + "}"),
        "bad-date": GOOD.replace("lines: \"2147-2198\"", "lines: \"2147-2198\"\n  date: 2026-13-45"),
        "python-tag": GOOD + "x: !!python/object/apply:os.system [ls]\n",
        "binary-tag": GOOD + "x: !!binary aGVsbG8=\n",
        "set-tag": GOOD + "x: !!set {a, b}\n",
        "local-tag": GOOD + "x: !secret value\n",
        "merge-key": GOOD + "x:\n  <<: {a: 1}\n",
        "complex-key": GOOD + "? [a, b]\n: 1\n",
        "surrogate": GOOD.replace("door-to-door", "door\\ud800"),
        "escaped-nul": GOOD.replace("door-to-door", "door\\0"),
        "escaped-bell": GOOD.replace("door-to-door", "door\\a\\e\\x9b"),
        "multi-document": GOOD + "---\nid: other\n",
        "only-comments": "# nothing here\n# really\n",
        "only-text": "just a sentence: with a colon\n",
        "a-list": "- a\n- b\n",
        "null": "~\n",
        "nul-in-key": GOOD + "\"k\\0\": 1\n",
        "tabs-everywhere": "\tx: 1\n" * 10_000,
        "unclosed-quote": GOOD.replace("door-to-door", "door\"to"),
        "crlf": GOOD.replace("\n", "\r\n"),
        "cr-only": GOOD.replace("\n", "\r"),
        "ten-thousand-tags": GOOD.replace("themes: [solid-waste,", "themes: [" + "x, " * 10_000 + "solid-waste,"),
        "everything-wrong": "id: 5\ntitle: 5\nsummary: []\nplace: Dakar\nyears: 2015-2020\nthemes: solid-waste\nlinks: {}\n",
    }
    raw = {
        "too-big": good + b"# " + b"x" * 1_100_000 + b"\n",
        "nul-raw": good.replace(b"door-to-door", b"door\x00to"),
        "c1-raw": good.replace(b"door-to-door", "door\x9bto".encode()),
        "latin-1": good.replace(b"door-to-door", "porte-\xe0-porte".encode("latin-1")),
        "utf-16": GOOD.encode("utf-16"),
        "bom": b"\xef\xbb\xbf" + good,
        "binary": bytes(range(256)) * 40,
        "empty": b"",
    }
    return {**{k: v.encode("utf-8", "surrogatepass") for k, v in text.items()}, **raw}


def test_every_hostile_file_is_reported_in_bounded_time_and_memory(project, tmp_path):
    (tmp_path / "hostile").mkdir()
    names = []
    for name, content in hostile_files().items():
        (tmp_path / "hostile" / f"{name}.yml").write_bytes(content.replace(b"lagos-wecyclers", name.encode()))
        names.append(f"{name}.yml")
    # One checker per core, each on its own copy of the project: the limits are per process.
    count = max(1, min(4, os.cpu_count() or 1))
    workers = [subprocess.Popen([sys.executable, str(ROOT / "tests" / "bounded_check.py"),
                                 str(shutil.copytree(project, tmp_path / f"project-{k}")), str(CPU_SECONDS), str(MEGABYTES),
                                 *names[k::count]],
                                cwd=tmp_path / "hostile", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for k in range(count)]
    runs = {}
    for worker in workers:
        out, err = worker.communicate()
        assert worker.returncode == 0, err
        runs |= {f"initiatives/{name}": run for name, run in json.loads(out).items()}
    assert set(runs) == {f"initiatives/{name}" for name in names}
    for name, run in runs.items():
        assert run["exit"] in (0, 1), f"{name} passed a limit or crashed (exit {run['exit']}):\n{run['output'][-2000:]}"
        assert "Traceback" not in run["output"], f"{name}:\n{run['output'][-2000:]}"
        lines = run["output"].splitlines()
        assert len(lines) <= 50, f"{name}: {len(lines)} lines"
        assert all(re.match(re.escape(name) + r":\d+: \S", line) for line in lines), f"{name}:\n" + "\n".join(lines[:10])
    valid = {"crlf", "cr-only", "bom"}   # the same file with other line ends, or a byte-order mark: still valid
    assert {n for n, run in runs.items() if run["exit"] == 0} == {f"initiatives/{n}.yml" for n in valid}


def test_the_check_command_itself_stays_within_bounds_on_an_alias_bomb(tmp_path):
    project = tmp_path / "project"
    for part in ("macros", "schema", "i18n"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "initiatives").mkdir()
    shutil.copytree(ROOT / "initiatives" / "vocabularies", project / "initiatives" / "vocabularies")
    (project / "initiatives" / "lagos-wecyclers.yml").write_text(alias_bomb(12, 10), encoding="utf-8")

    def limits():
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
        resource.setrlimit(resource.RLIMIT_AS, (MEGABYTES << 20, MEGABYTES << 20))
    result = subprocess.run([sys.executable, "-m", "macros", "check", "initiatives/lagos-wecyclers.yml"], cwd=project,
                            capture_output=True, text=True, preexec_fn=limits)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{F}:{line_of(alias_bomb(), '*b0')}: uses an alias (*name) of another value — write the value out in full: "
        "anchors (&name) and aliases are not used in data files"]


@pytest.mark.parametrize("text,expected", [
    (alias_bomb(), f"{F}:{line_of(alias_bomb(), '*b0')}: uses an alias (*name) of another value"),
    (deep_flow(100_000), f"{F}:1: nests more than 30 levels deep"),
    (deep_flow(40), f"{F}:{line_of(GOOD, 'region:')}: place.region[0][0][0]"),
    (deep_block(600), f"{F}:{len(GOOD.splitlines()) + 32}: k0.k1.k2"),
    (deep_block(40), f"{F}:{len(GOOD.splitlines()) + 32}: k0.k1.k2"),
])
def test_aliases_and_deep_nesting_are_one_line(project, text, expected):
    found = problems_of(project, text)
    assert len(found) == 1 and found[0].startswith(expected), found


# ------------------------------------------------------------------ 3. text that cannot be written
@pytest.mark.parametrize("content,expected", [
    (GOOD.replace("door-to-door", "door\\ud800"), f"{F}:5: title.en: holds half of a character (U+D800) at column"),
    (GOOD.replace("door-to-door", "door\\0"), f"{F}:5: title.en: holds an invisible control character (U+0000)"),
    (GOOD.replace("door-to-door", "door\\x9b"), f"{F}:5: title.en: holds an invisible control character (U+009B)"),
    (GOOD.encode().replace(b"door-to-door", b"door\x00"), f"{F}:5: holds an invisible control character (U+0000) at column 30"),
    (GOOD.encode().replace(b"door-to-door", "door\x85".encode()), f"{F}:5: holds an invisible control character (U+0085) at column 30"),
    (GOOD.encode().replace(b"door-to-door", b"porte-\xe0"), f"{F}:5: is not UTF-8 text (byte 0xe0 at column 32)"),
    (GOOD.replace("door-to-door", "a\\rb"), f"{F}:5: title.en: holds an invisible control character (U+000D)"),
])
def test_text_that_cannot_be_written_is_refused_at_its_line(project, content, expected):
    found = problems_of(project, content)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_control_character_in_a_block_text_is_found_on_its_own_line(project):
    text = GOOD.replace("    Collection is door to door", "    Collection is \\x07 door").replace("description:\n  fr: |", "description:\n  fr: |", 1)
    raw = GOOD.replace("    Collection is door to door", "    Collection is \x07 door")
    found = problems_of(project, raw)
    assert found == [f"{F}:{line_of(GOOD, 'Collection is door to door')}: holds an invisible control character (U+0007) "
                     "at column 19 — delete it: retype the text around that place"]
    assert text   # the escaped form is not an escape in a block scalar: it stays as typed text


# ------------------------------------------------------------------ 4. patterns match the whole value
@pytest.mark.parametrize("old,new,field", [
    ("  country: NG", '  country: "NG\\n"', "place.country"),
    ("url: http://wecyclers.com/", 'url: "http://wecyclers.com/\\n"', "links[0].url"),
    ('lines: "2147-2198"', 'lines: "2147-2198\\n"', "source.lines"),
    ("id: lagos-wecyclers", 'id: "lagos-wecyclers\\n"', "id"),
])
def test_a_trailing_newline_does_not_pass_a_pattern(project, old, new, field):
    found = problems_of(project, GOOD.replace(old, new))
    assert f"{F}:{line_of(GOOD, old.strip())}: {field}: holds a line break or a tab — write it on one line" in found, found


def test_a_contribution_date_with_a_trailing_newline_is_refused(project):
    text = GOOD.replace("  document: guide-afd-iddri-2018\n  lines: \"2147-2198\"",
                        "  document: contribution\n  organisation: Ville\n  date: \"2026-01-15\\n\"")
    assert f"{F}:{line_of(text, 'date:')}: source.date: holds a line break or a tab — write it on one line" in problems_of(project, text)


# ------------------------------------------------------------------ 5. every problem at once
def test_a_file_missing_seven_required_fields_gets_seven_lines(project):
    found = problems_of(project, "id: lagos-wecyclers\nthemes: [solid-waste]\n")
    missing = sorted(["title", "summary", "description", "place", "tools", "actors", "source"])
    assert found == [f"{F}:1: {name}: required field missing — add `{name}:` (every field is explained in "
                     "initiatives/_template.yml)" for name in missing]


# ------------------------------------------------------------------ 14. smaller
def test_a_python_tag_is_named_not_called_a_syntax_error(project):
    found = problems_of(project, GOOD + "x: !!python/object/apply:os.system [ls]\n")
    assert found == [f"{F}:{line_of(GOOD, 'lines:') + 1}: x: uses the tag !!python/object/apply:os.system, which data files "
                     "do not allow — remove the tag and write a plain value (text, number, list or fields)"]


def test_a_bad_id_is_fixed_with_the_file_name_never_a_path(project):
    found = problems_of(project, GOOD.replace("id: lagos-wecyclers", "id: ../../etc/passwd"))
    assert found == [f"{F}:2: id: has the wrong form: '../../etc/passwd' — write the file's name without .yml: `id: lagos-wecyclers`"]


def test_a_boolean_start_year_is_one_line(project):
    assert problems_of(project, GOOD.replace("years: {start: 2012}", "years: {start: true}")) == [
        f"{F}:{line_of(GOOD, 'years:')}: years.start: must be a whole number, not true or false — write a whole number"]


def test_ten_thousand_tags_give_a_few_lines(project):
    found = problems_of(project, GOOD.replace("themes: [solid-waste,", "themes: [" + "x, " * 10_000 + "solid-waste,"))
    line = line_of(GOOD, "themes:")
    assert found[-1] == f"{F}:{line}: themes…: and 9,997 more problem(s) in themes — fix the ones above, then check again"
    assert f"{F}:{line}: themes[2]: unknown theme 'x' — use an id from initiatives/vocabularies/themes.yml" in found
    assert len(found) == 6   # too many items, twice the same, three unknown themes, the count of the rest


# ------------------------------------------------------------------ 6. CSV export
def test_the_csv_export_keeps_rows_whole_and_formulas_inert():
    import csv
    import io

    from macros import export
    item = catalogue.load(ROOT).by_id()["lagos-wecyclers"]
    hostile = dict(item, id="zz-csv", title={"fr": "Titre\r=1+1", "en": "=HYPERLINK(\"http://x\")"},
                   summary={"fr": "\tsomme", "en": "\r=2+2"}, description={"fr": "+33 1 23", "en": "-5\nligne\r\nfin"},
                   lessons={"fr": "@SUM(A1)", "en": "line one\rline two"},
                   source={"document": "contribution", "organisation": "=cmd|' /C calc'!A0", "date": "2026-01-15"})
    text = export.to_csv([item, hostile, item])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 4 and {len(row) for row in rows} == {len(export.COLUMNS)}
    assert [row[0] for row in rows] == ["id", "lagos-wecyclers", "zz-csv", "lagos-wecyclers"]
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    cells = dict(zip(export.COLUMNS, rows[2], strict=True))
    assert cells["title_fr"] == "Titre\r=1+1" and cells["summary_en"] == "'\r=2+2" and cells["source_organisation"].startswith("'=")

"""Worksheets (worksheets/<id>.yml): load, validate, and render the box shown in chapters."""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from . import validate, yamlfile
from .problems import Problem, display_path

KINDS = ("key-questions", "practical-exercise", "checklist")
PART_ORDER = {"A": 0, "B": 1, "C": 2, "X": 3}


def files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "worksheets").glob("*.yml") if not p.name.startswith("_"))


def load(root: Path) -> tuple[list[dict], list[Problem]]:
    """All worksheets in guide order, and every problem found in them."""
    sheets, problems, seen = [], [], {}
    for path in files(root):
        read = yamlfile.read(path, display_path(path, root))
        found = read.problems or validate.worksheet(read, path.stem)
        if isinstance(read.data, dict) and isinstance(read.data.get("id"), str):
            first = seen.setdefault(read.data["id"], read.path)
            if first != read.path:
                found.append(Problem(read.path, read.line("id"), "id", f"duplicate id, already used by {first}",
                                     "choose another id and rename the file to match"))
        problems += found
        if not found:
            sheets.append(read.data)
    sheets.sort(key=sort_key)
    return sheets, sorted(problems)


def sort_key(sheet: dict):
    loc = sheet["location"]
    return (PART_ORDER[loc["part"]], loc.get("domain", 0), loc.get("step", 0), loc.get("pillar", 0), sheet.get("order", 0), sheet["id"])


def view(sheet: dict, lang: str) -> dict:
    """The worksheet's texts in `lang`, numbered questions, for the HTML box and the PDFs."""
    def t(text):
        return text.get(lang) or next(iter(text.values()))
    sections, number = [], 1
    for section in sheet["sections"]:
        questions = []
        for q in section["questions"]:
            answer = q["answer"]
            questions.append({
                "number": number, "text": t(q["text"]), "hints": [t(h) for h in q.get("hints", [])],
                "answer_type": answer["type"], "answer": answer,
                "options": [t(o) for o in answer.get("options", [])],
                "columns": [t(c) for c in answer.get("columns", [])],
            })
            number += 1
        sections.append({"heading": t(section["heading"]) if section.get("heading") else "",
                         "intro": t(section["intro"]) if section.get("intro") else "",
                         "start": questions[0]["number"] if questions else number, "questions": questions})
    return {"id": sheet["id"], "kind": sheet["kind"], "location": sheet["location"],
            "title": t(sheet["title"]), "purpose": t(sheet["purpose"]), "sections": sections}


def render_box(sheet: dict, lang: str, strings: dict, downloads: list[dict]) -> Markup:
    from .render import TEMPLATES, one_block
    html = TEMPLATES.get_template("worksheet-box.html").render(sheet=view(sheet, lang), strings=strings, downloads=downloads)
    return one_block(html)


_cache: dict = {}


def cached(root: Path) -> tuple[list[dict], list[Problem]]:
    """`load(root)`, read again only when a worksheet file changed (mkdocs serve)."""
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files(root))
    if _cache.get("stamp") != stamp:
        _cache.update(stamp=stamp, result=load(root))
    return _cache["result"]


def current(root: Path) -> tuple[list[dict], list[Problem]]:
    """The worksheets of this build, without looking at the files again."""
    return _cache["result"] if "result" in _cache else cached(root)

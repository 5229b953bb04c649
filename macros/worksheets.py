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


def embedded_in(docs_dir: Path) -> dict[str, str]:
    """Worksheet id -> the page (source path) whose text calls worksheet("id")."""
    import re
    pages = {}
    for page in sorted(docs_dir.rglob("*.md")):
        for sheet_id in re.findall(r"""worksheet\(\s*["']([a-z0-9-]+)["']\s*\)""", page.read_text(encoding="utf-8")):
            pages.setdefault(sheet_id, page.relative_to(docs_dir).as_posix())
    return pages


LIST_PAGE = "worksheets/index.md"


def online_src(sheet_id: str, docs_dir: Path, embedded: dict | None = None) -> str:
    """Where a worksheet is online: its chapter if a chapter shows it, else the worksheets page."""
    embedded = embedded if embedded is not None else embedded_in(docs_dir)
    return f"{embedded.get(sheet_id, LIST_PAGE)}#worksheet-{sheet_id}"


def place(location: dict, tr, domain_label) -> str:
    """« Partie B · Gérer les services urbains · Étape 3 » and the like."""
    part = location["part"]
    if part == "X":
        return tr("worksheet.extra")
    out = [tr(f"worksheet.part_{part}")]
    if "domain" in location:
        out.append(domain_label(location["domain"]))
    if "step" in location:
        out.append(tr("worksheet.step").format(step=location["step"]))
    if "pillar" in location:
        out.append(tr("worksheet.pillar").format(pillar=location["pillar"]))
    return " · ".join(out)


def groups(sheets: list[dict], tr, domain_label) -> list[dict]:
    """Worksheets in guide order, grouped by part (and domain for Part B)."""
    out: list[dict] = []
    for sheet in sheets:
        loc = sheet["location"]
        label = tr(f"worksheet.part_{loc['part']}") if loc["part"] != "X" else tr("worksheet.extra")
        if "domain" in loc:
            label += " · " + domain_label(loc["domain"])
        if not out or out[-1]["label"] != label:
            out.append({"label": label, "ids": []})
        out[-1]["ids"].append(sheet["id"])
    return out

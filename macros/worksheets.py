"""Worksheets (worksheets/<id>.yml): load, validate, and render the box shown in chapters
and the list of the worksheets page, with links to their PDFs (made by macros/pdf.py)."""
from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

from . import links, templating, validate, workshop, yamlfile
from .problems import Problem, display_path

KINDS = ("key-questions", "practical-exercise", "checklist")
PART_ORDER = {"A": 0, "B": 1, "C": 2, "X": 3}
PDF_DIR = "worksheets/pdf"   # where each language's site holds its PDFs
BOOKLET = "booklet.pdf"
LIST_PAGE = "worksheets/index.md"
# Worksheets made from other data, shown by a macro of their own: macro name -> worksheet id.
GENERATED = {"diagnostic": "x-maturity-diagnostic"}
STRING_KEYS = ("key-questions", "practical-exercise", "checklist", "hints", "answer_lines", "answer_checklist",
               "answer_choose_one", "answer_table", "download", "booklet", "in_chapter", "printable", "fillable",
               "kits", "kits_intro", "posters", "posters_intro", "reconstructed")
NOTE_KEYS = ("title", "summary", "aim", "duration", "minutes", "group_size", "people", "materials", "steps", "debrief",
             "output", "pdf")


def file_names(sheet_id: str) -> dict:
    """PDF file name of each version of a worksheet."""
    return {"printable": f"{sheet_id}.pdf", "fillable": f"{sheet_id}-fillable.pdf"}


def files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "worksheets").glob("*.yml") if not p.name.startswith("_"))


def load(root: Path) -> tuple[list[dict], list[Problem]]:
    """All worksheets in guide order, and every problem found in them."""
    sheets, problems = [], []
    paths = files(root)
    reads = [yamlfile.read(path, display_path(path, root)) for path in paths]
    duplicates = validate.duplicate_ids(paths, reads)
    for path, read in zip(paths, reads, strict=True):
        found = read.problems or validate.worksheet(read, path.stem)
        found += duplicates.get(read.path, [])
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
                "reconstructed": bool(q.get("reconstructed")),   # completed by the site: say so (page and PDFs)
            })
            number += 1
        sections.append({"heading": t(section["heading"]) if section.get("heading") else "",
                         "intro": t(section["intro"]) if section.get("intro") else "",
                         "start": questions[0]["number"] if questions else number, "questions": questions})
    return {"id": sheet["id"], "kind": sheet["kind"], "location": sheet["location"],
            "title": t(sheet["title"]), "purpose": t(sheet["purpose"]), "sections": sections}


def strings(tr) -> dict:
    return {k: tr(f"worksheet.{k}") for k in STRING_KEYS} | {f"notes_{k}": tr(f"facilitator.{k}") for k in NOTE_KEYS}


def by_id(sheets: list[dict], sheet_id: str) -> dict:
    for sheet in sheets:
        if sheet["id"] == sheet_id:
            return sheet
    raise KeyError(f"worksheet({sheet_id!r}): no valid worksheets/{sheet_id}.yml (run make check)")


def downloads(sheet_id: str, page_url: str, tr, facilitator: bool = False) -> list[dict]:
    """Links, from the page at `page_url`, to the worksheet's PDFs (hooks/worksheet_pdfs.py writes them);
    with `facilitator`, to its facilitator notes too."""
    out = [{"href": links.relative(page_url, f"{PDF_DIR}/{name}"), "label": tr(f"worksheet.{kind}")}
           for kind, name in file_names(sheet_id).items()]
    if facilitator:
        out.append({"href": links.relative(page_url, f"{PDF_DIR}/{workshop.facilitator_file(sheet_id)}"),
                    "label": tr("facilitator.pdf")})
    return out


def render_box(sheet: dict, lang: str, tr, page_url: str) -> Markup:
    """The worksheet's box, where a chapter discusses it, with its downloads."""
    notes = workshop.notes(sheet, lang)
    html = templating.render("worksheet-box.html", sheet=view(sheet, lang), strings=strings(tr), notes=notes,
                             clock=workshop.clock, downloads=downloads(sheet["id"], page_url, tr, facilitator=bool(notes)))
    return templating.one_block(html)


def render_list(sheets: list[dict], lang: str, tr, domain_label, docs_dir: Path, page_url: str) -> Markup:
    """Every worksheet, grouped by part, with its chapter and downloads; the booklet first."""
    embedded = embedded_in(docs_dir)
    by_sheet = {s["id"]: s for s in sheets}
    out = []
    for number, group in enumerate(groups(sheets, tr, domain_label), 1):
        items = []
        for sheet_id in group["ids"]:
            sheet = by_sheet[sheet_id]
            loc = sheet["location"]
            step = (tr("worksheet.step").format(step=loc["step"]) if "step" in loc
                    else tr("worksheet.pillar").format(pillar=loc["pillar"]) if "pillar" in loc else "")
            chapter = None
            if sheet_id in embedded:
                src = embedded[sheet_id]
                chapter = {"href": links.relative(page_url, links.page_url(src)) + f"#worksheet-{sheet_id}",
                           "title": links.page_title(src, docs_dir)}
            items.append({"id": sheet_id, "kind": sheet["kind"], "title": view(sheet, lang)["title"],
                          "step": step, "chapter": chapter,
                          "downloads": downloads(sheet_id, page_url, tr, facilitator=bool(sheet.get("facilitator")))})
        out.append({"label": group["label"], "anchor": f"group-{number}", "sheets": items})
    pdf = lambda name: links.relative(page_url, f"{PDF_DIR}/{name}")  # noqa: E731
    kits = [{"href": pdf(k["file"]), "label": k["label"]} for k in workshop.kits(sheets, groups(sheets, tr, domain_label))]
    posters = [{"href": pdf(p["file"]), "label": tr(f"worksheet.poster_{p['name']}")} for p in workshop.posters(sheets)]
    html = templating.render("worksheet-list.html", groups=out, strings=strings(tr), booklet=pdf(BOOKLET),
                             kits=kits, posters=posters)
    return templating.one_block(html)


def embedded_in(docs_dir: Path) -> dict[str, str]:
    """Worksheet id -> the page (source path) whose text calls worksheet("id")."""
    pages = {}
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for sheet_id in re.findall(r"""worksheet\(\s*["']([a-z0-9-]+)["']\s*\)""", text):
            pages.setdefault(sheet_id, page.relative_to(docs_dir).as_posix())
        for macro, sheet_id in GENERATED.items():
            if re.search(rf"\{{\{{\s*{macro}\(\s*\)", text):
                pages.setdefault(sheet_id, page.relative_to(docs_dir).as_posix())
    return pages



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

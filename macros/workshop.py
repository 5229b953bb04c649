"""Material for trainers built from the worksheets: each worksheet's facilitator notes (its
`facilitator:` block), the workshop kits (one per part of the guide, one per Part B domain)
and the A3 posters of the grids that groups fill on a wall. File names of their PDFs live
here; macros/pdf.py renders them and macros/worksheets.py links to them."""
from __future__ import annotations

KIT_PARTS = ("A", "B", "C")          # Part X (additional worksheets) has no kit

# The grids that groups fill on a wall, as (name, worksheet, section number from 1): the
# actor map of Part A step 3, the four layers of the digital city (Part A step 5, the tools
# every domain's roadmap picks from) and the maturity table of Part C pillar 1.
POSTERS = (
    ("actor-map", "a3-potential-partners", 1),
    ("digital-city-layers", "a5-suitable-tools", 1),
    ("maturity-table", "c1-maturity-self-diagnosis", 1),
)


def facilitator_file(sheet_id: str) -> str:
    return f"{sheet_id}-facilitator.pdf"


def poster_file(name: str) -> str:
    return f"poster-{name}.pdf"


def kit_file(location: dict) -> str:
    part = location["part"].lower()
    return f"kit-part-{part}-{location['domain']}.pdf" if "domain" in location else f"kit-part-{part}.pdf"


def notes(sheet: dict, lang: str, fix=lambda text: text) -> dict | None:
    """The worksheet's facilitator notes in `lang`, with each step's start time; None if it has none.
    `fix` is applied to every text (French spacing for print)."""
    block = sheet.get("facilitator")
    if not block:
        return None

    def t(text):
        return fix(text.get(lang) or next(iter(text.values())))
    steps, clock = [], 0
    for step in block["steps"]:
        steps.append({"minutes": step["minutes"], "start": clock, "text": t(step["text"])})
        clock += step["minutes"]
    return {"aim": t(block["aim"]), "duration": block["duration"], "group_min": block["group_size"]["min"],
            "group_max": block["group_size"]["max"], "materials": [t(m) for m in block["materials"]],
            "steps": steps, "debrief": [t(d) for d in block["debrief"]], "output": t(block["output"])}


def kits(sheets: list[dict], groups: list[dict]) -> list[dict]:
    """One kit per group of worksheets in Parts A, B (one per domain) and C: its file, label and worksheet ids."""
    by_id = {s["id"]: s for s in sheets}
    out = []
    for group in groups:
        first = by_id[group["ids"][0]]["location"]
        if first["part"] in KIT_PARTS:
            out.append({"file": kit_file(first), "label": group["label"], "ids": list(group["ids"])})
    return out


def posters(sheets: list[dict]) -> list[dict]:
    """The posters whose worksheet and section exist: file, name, worksheet id and section index (from 0)."""
    by_id = {s["id"]: s for s in sheets}
    out = []
    for name, sheet_id, section in POSTERS:
        sheet = by_id.get(sheet_id)
        if sheet and section <= len(sheet["sections"]):
            out.append({"file": poster_file(name), "name": name, "sheet": sheet_id, "section": section - 1})
    return out


def plan(sheet_notes: list[tuple[str, dict | None]]) -> dict:
    """A session plan from (title, notes) pairs: each worksheet's start and length, the total, every material once."""
    rows, clock, materials = [], 0, []
    for title, found in sheet_notes:
        rows.append({"title": title, "start": clock if found else None, "notes": found})
        if found:
            clock += found["duration"]
            materials += [m for m in found["materials"] if m not in materials]
    return {"rows": rows, "total": clock, "materials": materials,
            "complete": all(found for _, found in sheet_notes)}


def clock(minutes: int) -> str:
    """90 -> "1:30": a start time in a session plan."""
    return f"{minutes // 60}:{minutes % 60:02d}"

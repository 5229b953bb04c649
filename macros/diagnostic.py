"""The digital-maturity self-diagnostic (quiz/diagnostic.yml): load and check it, turn answers
into a level per axis, derive each axis's action plan from the guide's own data, and give the
printable worksheet that joins the others.

The plan lists nothing by hand. An axis says where it lives in the guide (`guide_refs`, in the
initiatives' format, and `themes`): its chapters are the pages of those references, its
worksheets the ones located there, its initiatives the ones that refer to those places or
carry those themes. Each level names where the guide helps any axis reach it
(`levels[n].guide_refs`): those chapters join the plan of an axis one level below, and the
initiatives that show that level (they refer to those places, or carry a theme that lives
there) come first. The build stops when an axis leads to no chapter, worksheet or initiative.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import re
from pathlib import Path

from markupsafe import Markup

from . import links, render, templating, typography, validate, worksheets, yamlfile
from .problems import Problem, dotted

PATH = "quiz/diagnostic.yml"
SHEET_ID = worksheets.GENERATED["diagnostic"]   # the printable worksheet made from the questions
LEVELS = 5
PLAN_INITIATIVES = 3                 # initiatives shown per axis in a plan
STYLESHEET = "assets/stylesheets/diagnostic.css"   # linked from the page only (overrides/)
LANGS = ("fr", "en")
STRING_KEYS = ("rules_title", "rules_levels", "rules_paper", "axis", "dont_know", "show", "forget", "results", "chart_title", "chart_legend",
               "chart_axis", "chart_level", "chart_answers", "plan", "target", "plan_intro", "your_answers", "share",
               "share_label", "download", "print", "levels_title", "levels_intro", "reach", "axes_title", "basis",
               "looks_like", "plan_read", "plan_worksheets", "plan_initiatives", "shows",
               # used by the script only
               "progress", "forgotten", "copied", "copy_failed", "not_assessed", "answers_of", "reading_count",
               "reading_strong", "reading_weak", "reading_flat", "reading_gap", "reading_reached", "reading_none",
               "reading_missing", "plan_empty", "plan_axis", "plan_now", "plan_next", "plan_also", "restored", "shared",
               "stale_link", "file_name", "no_answer")


# ------------------------------------------------------------------ loading and checking
def load(root: Path, found, sheets: list[dict]) -> tuple[dict | None, list[Problem]]:
    """The diagnostic, once valid, and every problem found in it. `found` is the initiatives'
    catalogue and `sheets` the worksheets: the plans are derived from them."""
    path = root / PATH
    if not path.is_file():
        return None, [Problem(PATH, 0, "", "file missing", f"restore {PATH} (the self-diagnostic's questions)")]
    read = yamlfile.read(path, PATH)
    problems = read.problems or validate.diagnostic(read, found.vocab)
    if not problems:
        problems = coverage_problems(read, found, sheets, root)
    return (None if problems else read.data), problems


def coverage_problems(read, found, sheets: list[dict], root: Path) -> list[Problem]:
    """References to pages that do not exist, and axes that lead to no chapter, worksheet or initiative."""
    diag = read.data
    problems = []
    places = [(("levels", i), level.get("guide_refs", [])) for i, level in enumerate(diag["levels"])]
    places += [(("axes", i), axis["guide_refs"]) for i, axis in enumerate(diag["axes"])]
    for where, refs in places:
        for j, ref in enumerate(refs):
            src = render.guide_ref_src(ref)
            missing = [lang for lang in LANGS if not (root / "docs" / lang / src).is_file()]
            if missing:
                at = (*where, "guide_refs", j)
                problems.append(Problem(read.path, read.line(*at), dotted(at), f"points to {src}, which docs/{missing[0]}/ does not have",
                                        "refer to a chapter that exists in both languages"))
    for i, axis in enumerate(diag["axes"]):
        at = ("axes", i, "guide_refs")
        leads = {"chapter": chapters(axis["guide_refs"]), "worksheet": worksheets_at(axis["guide_refs"], sheets),
                 "initiative": candidates(axis, found)}
        fixes = {"chapter": "add a reference to a chapter of the guide",
                 "worksheet": "add a reference to a chapter that shows a worksheet (the `location` of worksheets/*.yml)",
                 "initiative": "add a reference or a theme that some initiatives/*.yml use"}
        for kind, found_items in leads.items():
            if not found_items:
                problems.append(Problem(read.path, read.line(*at), dotted(at), f"axis {axis['id']!r} leads to no {kind}", fixes[kind]))
    return problems


# ------------------------------------------------------------------ scoring
def axis_level(levels: list[int]) -> int | None:
    """Level of an axis from the levels (1-5) of its answered questions: their mean, decimals
    dropped; None when nothing was answered (a "don't know" is no answer)."""
    answered = [level for level in levels if level]
    return sum(answered) // len(answered) if answered else None


def profile(diag: dict, answers: dict[str, int]) -> dict[str, int | None]:
    """Axis id -> level, from question id -> chosen level (0 or absent: no answer)."""
    return {axis["id"]: axis_level([answers.get(q["id"], 0) for q in axis["questions"]]) for axis in diag["axes"]}


def version(diag: dict) -> str:
    """Short fingerprint of the questions and their order: a share link made with other
    questions is recognised instead of being misread."""
    ids = [f"{axis['id']}:{q['id']}" for axis in diag["axes"] for q in axis["questions"]]
    return hashlib.sha256("|".join(ids).encode()).hexdigest()[:8]


# ------------------------------------------------------------------ the plan, derived
def at(ref: dict, place: dict) -> bool:
    """Whether `place` (a worksheet's location, an initiative's reference) lies where `ref` points:
    the same value for every key the reference gives."""
    return all(place.get(key) == value for key, value in ref.items())


def chapters(refs: list[dict]) -> list[str]:
    """Source paths of the pages the references point to, in order, without repeats."""
    return list(dict.fromkeys(render.guide_ref_src(ref) for ref in refs))


def worksheets_at(refs: list[dict], sheets: list[dict]) -> list[str]:
    """Ids of the worksheets located where the references point, in guide order."""
    return [s["id"] for s in sheets if any(at(ref, s["location"]) for ref in refs)]


def candidates(axis: dict, found) -> list[dict]:
    """Initiatives that refer to where the axis lives, or carry one of its themes."""
    items = {}
    for ref in axis["guide_refs"]:
        items.update((i["id"], i) for i in found.select(**ref))
    for theme in axis.get("themes", []):
        items.update((i["id"], i) for i in found.select(theme=theme))
    return [items[i] for i in sorted(items)]


def themes_at(refs: list[dict], vocab: dict) -> set[str]:
    """Themes whose home in the guide (their `guide_ref`) is one of `refs`."""
    return {t for t, entry in vocab["themes"].items() if entry.get("guide_ref") in refs}


def shows(item: dict, refs: list[dict], themes: set[str], found) -> bool:
    """Whether an initiative illustrates the places `refs` point to (refers to one, or carries a theme that lives there)."""
    return any(at(ref, own) for ref in refs for own in item.get("guide_refs", [])) or bool(themes & set(found.theme_ids(item)))


def next_refs(diag: dict, level: int) -> list[dict]:
    """Where the guide helps reach the level after `level` (none above the top level)."""
    return diag["levels"][level].get("guide_refs", []) if level < LEVELS else []


def pool(axis: dict, found) -> tuple[list[dict], set[str]]:
    """The axis's candidate initiatives, and the ids of those that refer to where it lives
    (the same at every level: `plans` works them out once per axis)."""
    direct = {i["id"] for ref in axis["guide_refs"] for i in found.select(**ref)}
    return candidates(axis, found), direct


def plan(diag: dict, axis: dict, level: int, found, sheets: list[dict], axis_pool=None) -> dict:
    """What an axis at `level` should read, run and look at to reach the next level."""
    own = chapters(axis["guide_refs"])
    refs = next_refs(diag, level)
    themes = themes_at(refs, found.vocab)
    cands, direct = axis_pool or pool(axis, found)
    # The first few in this order (heapq.nsmallest is sorted()[:n] without sorting them all).
    ranked = heapq.nsmallest(PLAN_INITIATIVES, cands,
                             key=lambda i: (not shows(i, refs, themes, found), i["id"] not in direct, i["id"]))
    return {"chapters": own, "next_chapters": [c for c in chapters(refs) if c not in own],
            "worksheets": worksheets_at(axis["guide_refs"], sheets),
            "initiatives": [i["id"] for i in ranked]}


def plans(diag: dict, found, sheets: list[dict]) -> dict:
    """Axis id -> level (as text, for JSON) -> plan."""
    out = {}
    for axis in diag["axes"]:
        axis_pool = pool(axis, found)
        out[axis["id"]] = {str(level): plan(diag, axis, level, found, sheets, axis_pool) for level in range(1, LEVELS + 1)}
    return out


# ------------------------------------------------------------------ the printable worksheet
def as_worksheet(diag: dict) -> dict:
    """The questionnaire as a worksheet (worksheets/*.yml format): printed as PDF and in the
    booklet like the others, made from the same data so the two never differ."""
    def numbered(options):
        return [{lang: f"{n} · {option[lang]}" for lang in LANGS} for n, option in enumerate(options, 1)]
    sections = [{"heading": axis["name"], "intro": axis["intro"],
                 "questions": [{"text": q["text"], "answer": {"type": "choose_one", "options": numbered(q["options"])}}
                               for q in axis["questions"]]
                 + [{"text": diag["axis_level"], "answer": {"type": "lines", "count": 1}}]}
                for axis in diag["axes"]]
    return {"id": SHEET_ID, "kind": "checklist", "location": {"part": "X"}, "order": 1, "title": diag["title"],
            "purpose": diag["scoring"], "sections": sections, "source": dict(diag["sources"][0]),
            "facilitator": diag["facilitator"]}


# ------------------------------------------------------------------ the page
def sections(src: str, docs_dir: Path) -> list[tuple[str, str]]:
    """(title, anchor) of the `##` headings of a page, anchors as Markdown's toc makes them."""
    from markdown.extensions.toc import slugify, unique
    text = (docs_dir / src).read_text(encoding="utf-8")
    ids: set = set()
    out, fenced = [], False
    for line in text.split("---", 2)[-1].splitlines() if text.startswith("---") else text.splitlines():
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        heading = None if fenced else re.match(r"(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if not heading:
            continue
        title, attrs = re.match(r"(.*?)\s*(\{[^}]*\})?$", heading.group(2)).groups()
        title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
        title = re.sub(r"[*_`]", "", title)
        given = re.search(r"#([\w-]+)", attrs or "")
        anchor = unique(given.group(1) if given else slugify(title, "-"), ids)
        if len(heading.group(1)) == 2:
            out.append((title, anchor))
    return out


class Page:
    """What the diagnostic page shows, in one language, with links relative to the page."""

    def __init__(self, diag: dict, found, sheets: list[dict], lang: str, tr, page_url: str, docs_dir: Path):
        self.diag, self.found, self.lang, self.tr, self.page_url, self.docs_dir = diag, found, lang, tr, page_url, docs_dir
        self.sheets = [s for s in sheets if s["id"] != SHEET_ID]
        self.by_sheet = {s["id"]: s for s in self.sheets}
        self.plans = plans(diag, found, self.sheets)
        self.embedded = worksheets.embedded_in(docs_dir)

    def t(self, text: dict) -> str:
        return text[self.lang]

    def href(self, src: str) -> str:
        path = src.partition("#")[0]
        if not (self.docs_dir / path).is_file():
            raise FileNotFoundError(f"{PATH}: the plan links to {path}, which docs/{self.lang}/ does not have")
        return links.relative(self.page_url, links.page_url(src))

    def where(self, src: str) -> str:
        part = src.split("/")[0]
        if part == "part-b":
            number = {v: k for k, v in render.DOMAIN_PAGES.items()}[src.split("/")[1]]
            return self.tr(f"nav.domain_{number}")
        return self.tr({"part-a": "nav.part_a", "part-c": "nav.part_c"}.get(part, "nav.introduction"))

    def chapter(self, src: str, with_sections: bool) -> dict:
        return {"src": src, "href": self.href(src), "title": links.page_title(src, self.docs_dir), "where": self.where(src),
                "sections": [{"title": title, "href": self.href(f"{src}#{anchor}")} for title, anchor in sections(src, self.docs_dir)]
                if with_sections else []}

    def worksheet(self, sheet_id: str) -> dict:
        sheet = self.by_sheet[sheet_id]
        return {"id": sheet_id, "title": self.t(sheet["title"]),
                "href": self.href(worksheets.online_src(sheet_id, self.docs_dir, self.embedded)),
                "downloads": worksheets.downloads(sheet_id, self.page_url, self.tr)}

    def initiative(self, item_id: str, view) -> dict:
        card = view.card(self.found.by_id()[item_id])
        item = self.found.by_id()[item_id]
        illustrated = [self.t(self.diag["levels"][level]["name"]) for level in range(1, LEVELS)
                       if shows(item, next_refs(self.diag, level), themes_at(next_refs(self.diag, level), self.found.vocab), self.found)]
        return {"id": item_id, "title": card["title"], "href": card["href"], "place": card["place"], "lang": card["text_lang"],
                "shows": illustrated}

    def axis(self, number: int, axis: dict, view) -> dict:
        plans = self.plans[axis["id"]].values()
        shown = list(dict.fromkeys(i for p in plans for i in p["initiatives"]))
        own = next(iter(plans))
        return {"id": axis["id"], "number": number, "name": self.t(axis["name"]), "intro": self.t(axis["intro"]),
                "basis": self.t(axis["basis"]), "levels": [self.t(text) for text in axis["levels"]],
                "questions": [{"id": q["id"], "text": self.t(q["text"]), "options": [self.t(o) for o in q["options"]]}
                              for q in axis["questions"]],
                "chapters": [self.chapter(src, True) for src in own["chapters"]],
                "worksheets": [self.worksheet(i) for i in own["worksheets"]],
                "initiatives": [self.initiative(i, view) for i in shown]}

    def strings(self) -> dict:
        return {key: typography.for_language(self.tr(f"diagnostic.{key}"), self.lang) for key in STRING_KEYS}

    def context(self, view) -> dict:
        levels = [{"number": n, "name": self.t(level["name"]), "summary": self.t(level["summary"]),
                   "chapters": [self.chapter(src, False) for src in chapters(level.get("guide_refs", []))]}
                  for n, level in enumerate(self.diag["levels"], 1)]
        axes = [self.axis(n, axis, view) for n, axis in enumerate(self.diag["axes"], 1)]
        script = {"version": version(self.diag), "lang": self.lang, "plans": self.plans,
                  "levels": [level["name"] for level in levels],
                  "axes": [{"id": a["id"], "name": a["name"], "number": a["number"], "levels": a["levels"],
                            "questions": [q["id"] for q in a["questions"]]} for a in axes]}
        strings = self.strings()
        return {"lang": self.lang, "stylesheet": links.relative(self.page_url, STYLESHEET), "levels": levels, "axes": axes,
                "sheet_id": SHEET_ID, "scoring": self.t(self.diag["scoring"]), "total": sum(len(a["questions"]) for a in axes),
                "strings": strings,
                "data": json.dumps(script, ensure_ascii=False, separators=(",", ":")),
                "strings_json": json.dumps(strings, ensure_ascii=False, separators=(",", ":")),
                "downloads": worksheets.downloads(SHEET_ID, self.page_url, self.tr)}


def render_page(diag: dict, found, sheets: list[dict], lang: str, tr, page_url: str, docs_dir: Path) -> Markup:
    """The whole diagnostic: how to score on paper, the questionnaire, the place of the results,
    and the reference (levels and resources per axis) from which the script builds the plan."""
    page = Page(diag, found, sheets, lang, tr, page_url, docs_dir)
    view = render.View(found, lang, tr, page_url, docs_dir)
    return templating.one_block(templating.render("diagnostic.html", **page.context(view)))

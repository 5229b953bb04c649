"""Worksheet PDFs with WeasyPrint, for trainers: per worksheet a printable and a fillable A4
sheet and, when it has facilitator notes, a facilitator PDF; the booklet of every worksheet;
a workshop kit per part of the guide (per domain in Part B); A3 posters of the wall grids.

Every PDF is tagged (for screen readers). A sheet whose last page would stay nearly empty is
fitted: set tighter if that saves the page, else given more room to write on that page.
Fillable PDFs are finished by macros/pdfforms.py. Every PDF is cached (macros/pdfcache.py)
under a hash of what makes it (its data, the language, the templates, this code, the fonts,
the WeasyPrint version, the online addresses): a rebuild with nothing changed renders nothing.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from . import pdfcache, pdfforms, typography, workshop
from .templating import TEMPLATES
from .worksheets import BOOKLET, file_names, view

TEXT_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Form fields embed their font whole: a Latin subset keeps fillable PDFs small.
FORM_FONT_UNICODES = (list(range(0x20, 0x7F)) + list(range(0xA0, 0x180)) + list(range(0x2010, 0x2027))
                      + [0x202F, 0x2030, 0x2039, 0x203A, 0x20AC])
TEMPLATE_FILES = ("worksheet-print.html", "worksheet-print.css")
CODE_FILES = ("pdf.py", "pdfforms.py", "workshop.py", "worksheets.py", "typography.py")

STRING_KEYS = ("page", "guide", "licence", "online", "who", "date", "booklet_kind", "booklet_title", "booklet_intro",
               "contents", "qr_chapter", "qr_online", "kit_kind", "kit_intro", "plan", "plan_start", "plan_sheet",
               "plan_length", "plan_group", "plan_output", "plan_partial", "total", "poster_kind")
SHEET_KEYS = ("key-questions", "practical-exercise", "checklist", "hints", "answer_checklist", "answer_choose_one",
              "reconstructed")
NOTE_KEYS = ("aim", "duration", "minutes", "group_size", "people", "materials", "steps", "debrief",
             "output", "no_notes")

MIN_LAST_PAGE = 0.25   # a sheet of several pages uses at least this share of its last page…
FIT_BELOW = 0.3        # …so it is fitted when it would use less than this (measures differ a little)
INLINE_CHARS = 80      # a single-answer scale whose options add up to fewer characters stays on one line
LINE_MM, ROW_MM = 8.7, 9.0
MAX_EXTRA = 8          # lines or rows added to one answer when a last page has room to spare
MM_PER_PX = 25.4 / 96
POSTER_MIN_ROWS, POSTER_ROW_MM = 4, 15.7   # a poster's table: rows of 15 mm (and their border) down to the foot
POSTER_BLANK_MM = 15.5                    # a blank line of a poster's checklist (12 mm and its margin)
OTHER = re.compile(r"\s*[.…]{2,}\s*$")   # "Autre : ……": an option to complete by hand


def strings(tr) -> dict:
    """Interface strings the print template uses, in the language of `tr`."""
    return ({k: tr(f"pdf.{k}") for k in STRING_KEYS} | {k: tr(f"worksheet.{k}") for k in SHEET_KEYS}
            | {k: tr(f"facilitator.{k}") for k in NOTE_KEYS} | {"facilitator": tr("facilitator.title")})


@dataclass
class Stats:
    rendered: list = field(default_factory=list)
    reused: int = 0
    repaired: list = field(default_factory=list)   # cache entries found corrupt, rendered again
    removed: int = 0                                # cache entries no longer used, deleted
    sizes: dict = field(default_factory=dict)       # file name -> bytes
    times: dict = field(default_factory=dict)       # file name -> seconds spent rendering it
    seconds: float = 0.0                            # time spent in PDF work (rendering and copying)


def form_font(cache_dir: Path) -> Path:
    """The Latin subset of the text font used by form fields (made once, then cached and checked)."""
    if not TEXT_FONT.is_file():
        raise FileNotFoundError(f"{TEXT_FONT} is missing: install Debian's fonts-dejavu-core (make does it as root)")
    digest = hashlib.sha256(TEXT_FONT.read_bytes() + json.dumps(FORM_FONT_UNICODES).encode()).hexdigest()[:16]
    target = cache_dir / "fonts" / f"form-sans-{digest}.ttf"
    if pdfcache.verified(target, lambda data: data[:4] in (b"\0\1\0\0", b"true")) is None:
        from fontTools import subset
        from fontTools.ttLib import TTFont
        logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
        font = TTFont(TEXT_FONT, recalcTimestamp=False)
        subsetter = subset.Subsetter(subset.Options(name_IDs=["*"], notdef_outline=True))
        subsetter.populate(unicodes=FORM_FONT_UNICODES)
        subsetter.subset(font)
        import io
        out = io.BytesIO()
        font.save(out)
        pdfcache.store(target, out.getvalue())
    return target


def qr_svg(url: str) -> Markup:
    import segno
    svg = segno.make(url, error="m").svg_inline(scale=2, border=0, dark="#1f1f1f")
    return Markup(svg)


def for_print(text: str, lang: str) -> str:
    """French print typography: no-break spaces, and typographic apostrophes (l’écran, aujourd’hui)."""
    if lang != "fr":
        return text
    return typography.french(re.sub(r"(?<=\w)'(?=\w)|(?<=\w)'(?=\s)|^'(?=\w)", "\u2019", text))


def choices(options: list[str], answer_type: str) -> tuple[list[dict], dict | None, str]:
    """The options as choices, the last one apart if it is to complete by hand ("Other: ……", given a
    line to write on), and how to lay the others out: `inline` (a short single-answer scale, in
    order on one line), `stack` (long single-answer options, one per row, in order) or `grid`
    (checklists, two per row, read row by row)."""
    out = [{"label": o, "other": False} for o in options]
    other = None
    if out and OTHER.search(out[-1]["label"]):
        other = {"label": OTHER.sub("", out.pop()["label"]), "other": True}
    if answer_type == "checklist":
        return out, other, "grid"
    short = sum(len(c["label"]) + 6 for c in out) <= INLINE_CHARS
    return out, other, "inline" if short else "stack"


def sheet_context(sheet: dict, lang: str, where: str, url: str, fit: dict | None = None) -> dict:
    """A worksheet's texts for print, where it stands, its online address and QR code, its facilitator
    notes and how it fits its pages (`fit`: {"compact": bool, "extra": {question number: lines or rows}})."""
    fit = fit or {}
    extra = {int(k): v for k, v in fit.get("extra", {}).items()}
    v = view(sheet, lang)
    fix = lambda text: for_print(text, lang)  # noqa: E731
    v["title"], v["purpose"] = fix(v["title"]), fix(v["purpose"])
    for section in v["sections"]:
        section["heading"], section["intro"] = fix(section["heading"]), fix(section["intro"])
        for q in section["questions"]:
            q["text"] = fix(q["text"])
            q["hints"] = [fix(h) for h in q["hints"]]
            q["choices"], q["other"], q["layout"] = choices([fix(o) for o in q["options"]], q["answer_type"])
            q["columns"] = [fix(c) for c in q["columns"]]
            q["lines"] = q["answer"].get("count", 0) + extra.get(q["number"], 0)
            q["rows"] = q["answer"].get("rows", 0) + extra.get(q["number"], 0)
    v.update(where=fix(where), address=url.split("://", 1)[-1], qr=qr_svg(url), notes=workshop.notes(sheet, lang, fix),
             fit={"compact": bool(fit.get("compact")), "extra": extra})
    return v


def document(kind: str, sheets: list[dict], lang: str, strings: dict, font: Path, **doc) -> str:
    """The HTML of one PDF: `kind` is sheet, facilitator, booklet, kit or poster; `doc` its own fields."""
    strings = {k: for_print(v, lang) for k, v in strings.items()}
    css = TEMPLATES.get_template("worksheet-print.css").render(form_font=font.as_uri(), strings=strings)
    doc = {"kind": kind, "fillable": False, "title": sheets[0]["title"] if sheets else ""} | doc
    return TEMPLATES.get_template("worksheet-print.html").render(
        lang=lang, css=Markup(css), strings=strings, sheets=sheets, doc=doc, clock=workshop.clock)


def layout(html: str, fillable: bool):
    import weasyprint
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    return weasyprint.HTML(string=html, base_url=".").render(pdf_forms=fillable)


def to_pdf(laid_out, fillable: bool) -> bytes:
    """A tagged PDF (structure for screen readers); fillable ones with finished form fields."""
    return laid_out.write_pdf(pdf_forms=fillable, pdf_tags=True, finisher=pdfforms.finish if fillable else None)


def render(html: str, fillable: bool = False) -> bytes:
    return to_pdf(layout(html, fillable), fillable)


def last_page_use(laid_out, sheet_id: str) -> float:
    """Share of the last page's height that the sheet uses (1.0 if it has one page)."""
    if len(laid_out.pages) == 1:
        return 1.0
    page = laid_out.pages[-1]
    box = page._page_box
    end = page.anchors.get(f"end-{sheet_id}")
    if end is None:
        return 1.0
    return max(0.0, min(1.0, (end[1] - box.content_box_y()) / box.height))


def _room(laid_out, ctx: dict) -> dict:
    """Extra lines or rows for the answers on the last page, to use the room left below them."""
    page = laid_out.pages[-1]
    box = page._page_box
    end = page.anchors[f"end-{ctx['id']}"][1]
    free = (box.content_box_y() + box.height - end) * MM_PER_PX - 6
    on_last = [q for s in ctx["sections"] for q in s["questions"]
               if f"q-{ctx['id']}-{q['number']}" in page.anchors and q["answer_type"] in ("lines", "table")]
    extra: dict = {}
    while on_last and free > 0:
        added = False
        for q in on_last:
            unit = LINE_MM if q["answer_type"] == "lines" else ROW_MM
            if free >= unit and extra.get(q["number"], 0) < MAX_EXTRA:
                extra[q["number"]] = extra.get(q["number"], 0) + 1
                free -= unit
                added = True
        if not added:
            break
    return extra


def fit_sheet(sheet: dict, lang: str, where: str, url: str, strings: dict, font: Path) -> tuple[dict, bytes]:
    """How the sheet fits its pages, and its printable PDF laid out that way."""
    def attempt(fit):
        ctx = sheet_context(sheet, lang, where, url, fit)
        return ctx, layout(document("sheet", [ctx], lang, strings, font), False)
    ctx, base = attempt({})
    if last_page_use(base, sheet["id"]) >= FIT_BELOW:
        return {}, to_pdf(base, False)
    pages = len(base.pages)
    fit = {"compact": True}
    _, tight = attempt(fit)
    if len(tight.pages) < pages:
        return fit, to_pdf(tight, False)
    extra = _room(base, ctx)
    if extra:
        fit = {"compact": False, "extra": {str(k): v for k, v in extra.items()}}
        _, roomy = attempt(fit)
        if len(roomy.pages) == pages:
            return fit, to_pdf(roomy, False)
    return {}, to_pdf(base, False)


def code_digest() -> str:
    """What every PDF depends on besides its data: templates, this code, fonts, WeasyPrint (its version
    read from its metadata: importing it takes seconds, which a build with nothing to render saves)."""
    from importlib.metadata import version
    digest = hashlib.sha256()
    for name in TEMPLATE_FILES:
        digest.update((Path(__file__).parent / "templates" / name).read_bytes())
    for module in CODE_FILES:
        digest.update((Path(__file__).parent / module).read_bytes())
    digest.update(hashlib.sha256(TEXT_FONT.read_bytes()).digest())
    digest.update(version("weasyprint").encode())
    return digest.hexdigest()


def cache_key(code: str, *parts) -> str:
    digest = hashlib.sha256(code.encode())
    digest.update(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()[:24]


def qr_promise(strings: dict, urls: list[str], list_url: str) -> str:
    """What the cover says of the QR codes: they lead to the guide's page of each sheet only if
    every sheet has a chapter (a sheet without one is reached on the worksheets page)."""
    return strings["qr_online"] if any(u.startswith(list_url) for u in urls) else strings["qr_chapter"]


class _Run:
    """One language's PDF step: what to produce, from the cache or rendered."""

    def __init__(self, sheets, lang, out_dir, cache_dir, strings, where, urls, booklet_url):
        self.sheets, self.lang, self.out_dir, self.strings = sheets, lang, out_dir, strings
        self.where, self.urls, self.booklet_url = where, urls, booklet_url
        self.by_id = {s["id"]: s for s in sheets}
        self.cache = pdfcache.Cache(cache_dir, lang)
        self.stats = Stats()
        self.font = form_font(cache_dir)
        self.code = code_digest()
        self.fits: dict = {}
        self.contexts: dict = {}

    def sheet_key(self, sheet_id: str) -> str:
        return cache_key(self.code, self.by_id[sheet_id], self.lang, self.strings, self.where[sheet_id], self.urls[sheet_id])

    def fit(self, sheet_id: str, printable: bool = False):
        """The sheet's fit (cached beside its PDFs); with `printable`, its printable PDF too."""
        key = self.sheet_key(sheet_id)
        found = self.fits.get(sheet_id) or self.cache.get_json(key)
        if isinstance(found, dict) and not printable:
            return found, None
        sheet = self.by_id[sheet_id]
        found, data = fit_sheet(sheet, self.lang, self.where[sheet_id], self.urls[sheet_id], self.strings, self.font)
        self.cache.put_json(key, found)
        self.fits[sheet_id] = found
        return found, data

    def context(self, sheet_id: str) -> dict:
        if sheet_id not in self.contexts:
            fit, _ = self.fit(sheet_id)
            self.contexts[sheet_id] = sheet_context(self.by_id[sheet_id], self.lang, self.where[sheet_id],
                                                    self.urls[sheet_id], fit)
        return self.contexts[sheet_id]

    def produce(self, name: str, key: str, make) -> None:
        """Write `name` from the cache entry `key` if it is sound, else render it with `make()`."""
        data = self.cache.get(key)
        if data is None:
            start = time.perf_counter()
            data = make()
            self.stats.times[name] = time.perf_counter() - start
            self.cache.put(key, data)
            self.stats.rendered.append(name)
        else:
            self.stats.reused += 1
        self.out_dir.mkdir(parents=True, exist_ok=True)
        (self.out_dir / name).write_bytes(data)
        self.stats.sizes[name] = len(data)

    def render(self, kind: str, ids: list[str], fillable: bool = False, **doc) -> bytes:
        html = document(kind, [self.context(i) for i in ids], self.lang, self.strings, self.font, fillable=fillable, **doc)
        return render(html, fillable)

    def promise(self, ids) -> str:
        return for_print(qr_promise(self.strings, [self.urls[i] for i in ids], self.booklet_url), self.lang)


def build(sheets: list[dict], lang: str, out_dir: Path, cache_dir: Path, strings: dict,
          where: dict, urls: dict, groups: list[dict], booklet_url: str) -> Stats:
    """Every PDF of one language into `out_dir`: per worksheet printable, fillable and (with notes)
    facilitator PDFs, the booklet, the workshop kits and the posters. `where[id]` and `urls[id]` give
    each worksheet's place in the guide and online address; `groups` lists (label, ids) in guide
    order; the worksheets page is at `booklet_url`."""
    start = time.perf_counter()
    run = _Run(sheets, lang, out_dir, cache_dir, strings, where, urls, booklet_url)
    for sheet in sheets:
        sid, key = sheet["id"], run.sheet_key(sheet["id"])
        run.cache.keep(key)   # its fit, read only when a PDF of the sheet is rendered
        names = file_names(sid)
        run.produce(names["printable"], cache_key(key, "printable"), lambda s=sid: run.fit(s, printable=True)[1])
        run.produce(names["fillable"], cache_key(key, "fillable"), lambda s=sid: run.render("sheet", [s], fillable=True))
        if sheet.get("facilitator"):
            run.produce(workshop.facilitator_file(sid), cache_key(key, "facilitator"),
                        lambda s=sid: run.render("facilitator", [s], title=run.context(s)["title"]))
    address = booklet_url.split("://", 1)[-1]
    ordered = [i for g in groups for i in g["ids"]]
    keys = [run.sheet_key(i) for i in ordered]
    run.produce(BOOKLET, cache_key(run.code, "booklet", keys, groups, booklet_url),
                lambda: run.render("booklet", ordered, title=strings["booklet_title"], address=address,
                                   qr_promise=run.promise(ordered),
                                   groups=[{"label": for_print(g["label"], lang), "sheets": [run.context(i) for i in g["ids"]]}
                                           for g in groups]))
    for kit in workshop.kits(sheets, groups):
        ids = kit["ids"]
        run.produce(kit["file"], cache_key(run.code, "kit", [run.sheet_key(i) for i in ids], kit["label"], booklet_url),
                    lambda k=kit: run.render("kit", k["ids"], title=k["label"], label=for_print(k["label"], lang), address=address,
                                             qr_promise=run.promise(k["ids"]), plan=_plan(run, k["ids"])))
    for poster in workshop.posters(sheets):
        run.produce(poster["file"], cache_key(run.sheet_key(poster["sheet"]), "poster", poster),
                    lambda p=poster: run.render("poster", [p["sheet"]], **_poster(run, p)))
    run.stats.removed = run.cache.prune()
    run.stats.repaired = list(run.cache.repaired)
    run.stats.seconds = time.perf_counter() - start
    return run.stats


def _plan(run: _Run, ids: list[str]) -> dict:
    return workshop.plan([(run.context(i)["title"], run.context(i)["notes"]) for i in ids])


def _poster(run: _Run, poster: dict) -> dict:
    """A poster's layout: the four layers side by side (a section of checklists), else one under the
    other, with as many table rows as fill the page."""
    ctx = run.context(poster["sheet"])
    section = ctx["sections"][poster["section"]]
    columns = {q["answer_type"] for q in section["questions"]} == {"checklist"}
    doc = {"title": section["heading"] or ctx["title"], "section": poster["section"],
           "layout": "columns" if columns else "stack", "blank_options": 1 if columns else 0, "rows": POSTER_MIN_ROWS}
    probe = layout(document("poster", [ctx], run.lang, run.strings, run.font, **doc), False)
    page = probe.pages[0]
    box = page._page_box
    free = (box.content_box_y() + box.height - page.anchors["poster-end"][1]) * MM_PER_PX if len(probe.pages) == 1 else 0
    if columns:   # blank lines under each layer, for the tools a group adds
        doc["blank_options"] += max(0, int(free // POSTER_BLANK_MM))
    else:
        doc["rows"] += max(0, int(free // POSTER_ROW_MM))
    return doc

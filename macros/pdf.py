"""Worksheet PDFs with WeasyPrint: printable and fillable A4, one by one and as a booklet.

Every PDF is cached under a hash of what makes it (the worksheet's data, the language, the
templates, the fonts, the WeasyPrint version, the online address): a rebuild with nothing
changed renders no PDF, it copies the cached files.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from . import typography
from .templating import TEMPLATES
from .worksheets import BOOKLET, file_names, view

TEXT_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Form fields embed their font whole: a Latin subset keeps fillable PDFs small.
FORM_FONT_UNICODES = (list(range(0x20, 0x7F)) + list(range(0xA0, 0x180)) + list(range(0x2010, 0x2027))
                      + [0x202F, 0x2030, 0x2039, 0x203A, 0x20AC])
TEMPLATE_FILES = ("worksheet-print.html", "worksheet-print.css")


STRING_KEYS = ("page", "guide", "licence", "online", "who", "date", "booklet_kind", "booklet_title", "booklet_intro", "contents")
SHEET_KEYS = ("key-questions", "practical-exercise", "checklist", "hints", "answer_checklist", "answer_choose_one",
              "reconstructed")


def strings(tr) -> dict:
    """Interface strings the print template uses, in the language of `tr`."""
    return {k: tr(f"pdf.{k}") for k in STRING_KEYS} | {k: tr(f"worksheet.{k}") for k in SHEET_KEYS}


@dataclass
class Stats:
    rendered: list = field(default_factory=list)
    reused: int = 0
    seconds: float = 0.0   # time spent in PDF work (rendering and copying)


def form_font(cache_dir: Path) -> Path:
    """The Latin subset of the text font used by form fields (made once, then cached)."""
    if not TEXT_FONT.is_file():
        raise FileNotFoundError(f"{TEXT_FONT} is missing: install Debian's fonts-dejavu-core (make does it as root)")
    digest = hashlib.sha256(TEXT_FONT.read_bytes() + json.dumps(FORM_FONT_UNICODES).encode()).hexdigest()[:16]
    target = cache_dir / "fonts" / f"form-sans-{digest}.ttf"
    if not target.is_file():
        from fontTools import subset
        from fontTools.ttLib import TTFont
        logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
        font = TTFont(TEXT_FONT)
        subsetter = subset.Subsetter(subset.Options(name_IDs=["*"], notdef_outline=True))
        subsetter.populate(unicodes=FORM_FONT_UNICODES)
        subsetter.subset(font)
        target.parent.mkdir(parents=True, exist_ok=True)
        font.save(target)
    return target


def qr_svg(url: str) -> Markup:
    import segno
    svg = segno.make(url, error="m").svg_inline(scale=2, border=0, dark="#1f1f1f")
    return Markup(svg)


def sheet_context(sheet: dict, lang: str, where: str, url: str) -> dict:
    """A worksheet's texts for print: French spacing, where it stands, its online address and QR code."""
    v = view(sheet, lang)
    fix = lambda text: typography.for_language(text, lang)  # noqa: E731
    v["title"], v["purpose"] = fix(v["title"]), fix(v["purpose"])
    for section in v["sections"]:
        section["heading"], section["intro"] = fix(section["heading"]), fix(section["intro"])
        for q in section["questions"]:
            q["text"] = fix(q["text"])
            q["hints"] = [fix(h) for h in q["hints"]]
            q["options"] = [fix(o) for o in q["options"]]
            q["columns"] = [fix(c) for c in q["columns"]]
    v.update(where=where, address=url.split("://", 1)[-1], qr=qr_svg(url))
    return v


def html(sheets: list[dict], lang: str, strings: dict, fillable: bool, font: Path, booklet: dict | None = None) -> str:
    css = TEMPLATES.get_template("worksheet-print.css").render(form_font=font.as_uri(), strings=strings)
    title = booklet["title"] if booklet else sheets[0]["title"]
    return TEMPLATES.get_template("worksheet-print.html").render(
        lang=lang, css=Markup(css), strings=strings, sheets=sheets, fillable=fillable, booklet=booklet, title=title)


def render(document: str, fillable: bool) -> bytes:
    import weasyprint
    return weasyprint.HTML(string=document, base_url=".").write_pdf(pdf_forms=fillable)


def code_digest() -> str:
    """What every PDF depends on besides its data: templates, this module, fonts, WeasyPrint."""
    import weasyprint
    digest = hashlib.sha256()
    for name in TEMPLATE_FILES:
        digest.update((Path(__file__).parent / "templates" / name).read_bytes())
    for module in ("pdf.py", "worksheets.py", "typography.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    digest.update(hashlib.sha256(TEXT_FONT.read_bytes()).digest())
    digest.update(weasyprint.__version__.encode())
    return digest.hexdigest()


def cache_key(code: str, *parts) -> str:
    digest = hashlib.sha256(code.encode())
    digest.update(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()[:24]


def produce(target: Path, key: str, cache_dir: Path, make, stats: Stats) -> None:
    """Copy the cached PDF for `key` to `target`, rendering it with `make()` only if absent."""
    cached = cache_dir / "pdf" / f"{key}.pdf"
    if cached.is_file():
        stats.reused += 1
    else:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".tmp")
        partial.write_bytes(make())
        partial.replace(cached)   # never a half-written PDF in the cache
        stats.rendered.append(target.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)


def build(sheets: list[dict], lang: str, out_dir: Path, cache_dir: Path, strings: dict,
          where: dict, urls: dict, groups: list[dict], booklet_url: str) -> Stats:
    """Every PDF of one language into `out_dir`: per worksheet printable and fillable, and the booklet.
    `where[id]` and `urls[id]` give each worksheet's place in the guide and online address;
    `groups` lists (label, ids) in guide order for the booklet's contents, found at `booklet_url`."""
    start = time.perf_counter()
    stats = Stats()
    font = form_font(cache_dir)
    code = code_digest()
    by_id = {s["id"]: s for s in sheets}
    contexts: dict = {}

    def context(sheet_id):   # only worksheets that must be rendered are prepared
        if sheet_id not in contexts:
            contexts[sheet_id] = sheet_context(by_id[sheet_id], lang, where[sheet_id], urls[sheet_id])
        return contexts[sheet_id]

    for sheet in sheets:
        for kind, name in file_names(sheet["id"]).items():
            fillable = kind == "fillable"
            key = cache_key(code, sheet, lang, kind, strings, where[sheet["id"]], urls[sheet["id"]])
            produce(out_dir / name, key, cache_dir,
                    lambda s=sheet["id"], f=fillable: render(html([context(s)], lang, strings, f, font), f), stats)

    def booklet_pdf():
        booklet = {"title": strings["booklet_title"], "address": booklet_url.split("://", 1)[-1],
                   "groups": [{"label": g["label"], "sheets": [context(i) for i in g["ids"]]} for g in groups]}
        ordered = [context(i) for g in groups for i in g["ids"]]
        return render(html(ordered, lang, strings, False, font, booklet), False)
    key = cache_key(code, sheets, lang, "booklet", strings, where, urls, groups, booklet_url)
    produce(out_dir / BOOKLET, key, cache_dir, booklet_pdf, stats)
    stats.seconds = time.perf_counter() - start
    return stats

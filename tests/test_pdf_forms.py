"""Fillable worksheets keep every answer: each field of each fillable PDF is filled with long
accented text as in Chromium (pdfium), then the saved file is read by poppler as Evince shows
it (the appearances pdfium wrote) and as poppler redraws it (NeedAppearances), and drawn by
both renderers: every word stays inside its box, every tick shows, a single-answer question
keeps one answer and exports the option's text."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pypdf
import pytest
import trainer_fixtures
from conftest import ROOT
from pdfcheck import POPPLER, dark_pixels, fill, pdfium_pages, poppler_pages, poppler_words, squash, words_in
from pypdf.generic import BooleanObject, NameObject
from test_worksheets import SHEETS

from macros import i18n, pdf, worksheets

pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext) is not installed")

SAMPLE = ("Coopérative d'habitant·es « Élan » : écoles, hôpitaux, marchés et crèches du quartier Nord-Est ; "
          "données ouvertes, géolocalisées, mises à jour chaque trimestre — où, quand, à quel coût ? ")
MM2_PER_CHAR = 6        # long text: as many characters as the box holds at about 8 pt
MIN_FONT_PT = 6         # what a viewer's automatic size may shrink a long answer to, at the least
DPI = 100
# When poppler (22.12) redraws a multi-line field itself, it wraps lines about 1 % wider than it
# draws them: the last letter of a long line may pass the right edge by a few points. Every line
# and every word is still there (checked); files written by pdfium are exact (checked without it).
POPPLER_OVERRUN = 5


def long_text(widget) -> str:
    """Long text for a field: more than most answers, sized to the box."""
    if widget.name.endswith("-date"):
        return "Mercredi 14 décembre 2026"
    if widget.name.endswith("-who"):
        return "Communauté d'agglomération du Grand Saint-Étienne, équipe SIG"
    left, bottom, right, top = widget.rect
    area = (right - left) * (top - bottom) / (72 / 25.4) ** 2
    length = max(40, int(area / MM2_PER_CHAR))
    return (SAMPLE * (length // len(SAMPLE) + 1))[:length].rstrip()


def options_of(sheet: dict, lang: str) -> dict[int, list[str]]:
    """Question number -> its options' labels as printed ("Other: ……" without its dots)."""
    out = {}
    for q in (q for section in pdf.sheet_context(sheet, lang, "", "https://x.org/")["sections"] for q in section["questions"]):
        out[q["number"]] = [c["label"] for c in q["choices"]] + ([q["other"]["label"]] if q["other"] else [])
    return out


def check_values(path: Path, sheet: dict, lang: str) -> list[str]:
    """Radio groups hold one answer, the last clicked, exported as its text; check boxes export theirs."""
    problems = []
    reader = pypdf.PdfReader(path)
    fields = reader.get_fields()
    options = options_of(sheet, lang)
    for name in (f"{sheet['id']}-who", f"{sheet['id']}-date"):
        if fields.get(name, {}).get("/FT") != "/Tx":
            problems.append(f"{name}: no text field")
    on = defaultdict(int)
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            parent = annot.get("/Parent")
            if parent is not None and annot.get("/AS") not in (None, "/Off"):
                on[parent.get_object()["/T"]] += 1
    for name, value in fields.items():
        found = re.fullmatch(re.escape(sheet["id"]) + r"-q(\d+)(?:-(\d+))?", name)
        if not found or value.get("/FT") != "/Btn":
            continue
        labels = options[int(found.group(1))]
        expected = labels[int(found.group(2)) - 1] if found.group(2) else labels[-1]
        exported, full = str(value.get("/V"))[1:], re.sub(r"\s+", " ", expected).strip().rstrip(" ,;:")
        if exported != full and not (len(full.encode()) > 120 and len(exported) >= 60 and full.startswith(exported + " ")):
            problems.append(f"{name}: exports {value.get('/V')!r}, expected the option {expected!r}")
        if not found.group(2) and on[name] != 1:
            problems.append(f"{name}: {on[name]} buttons on in a single-answer question")
    return problems


def check_text(path: Path, widgets, overrun: float = 0) -> list[str]:
    """Every typed word lies inside its field, as poppler reads the file (`overrun`: points a line
    may run past the right edge)."""
    words = poppler_words(path)
    problems = []
    for widget in widgets:
        if widget.kind == "text":
            shown = words_in(words.get(widget.page, []), widget.rect, overrun=overrun)
            if shown != squash(widget.text):
                problems.append(f"{path.name}: {widget.name}: {len(shown)} of {len(squash(widget.text))} characters inside the box")
    return problems


def check_font_sizes(path: Path) -> list[str]:
    """The appearances pdfium wrote keep long answers readable."""
    problems = []
    for page in pypdf.PdfReader(path).pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/FT") == "/Tx" and annot.get("/V"):
                sizes = [float(s) for s in re.findall(rb"([\d.]+) Tf", annot["/AP"]["/N"].get_object().get_data())]
                if not sizes or min(sizes) < MIN_FONT_PT:
                    problems.append(f"{annot['/T']}: font size {sizes[:1]}")
    return problems


def ticked(widgets) -> list:
    """The boxes the fill ticked and the circles it left chosen (in a radio group, the last one clicked)."""
    last = {}
    for widget in widgets:
        if widget.kind == "radio":
            last[widget.name] = widget
    return [w for w in widgets if w.kind == "checkbox"] + list(last.values())


def check_ticks(blank: dict, filled: dict, widgets, renderer: str) -> list[str]:
    """Each ticked box and chosen circle shows a mark that the empty form does not have (the
    images: the pages that hold one, by number)."""
    problems = []
    for widget in ticked(widgets):
        before = dark_pixels(blank[widget.page], widget.rect, DPI)
        after = dark_pixels(filled[widget.page], widget.rect, DPI)
        if after < before + 4:
            problems.append(f"{renderer}: {widget.name}: no visible mark ({before} -> {after} dark pixels)")
    return problems


def redrawn(path: Path, dest: Path) -> Path:
    """The same file with NeedAppearances: viewers redraw every field from its default appearance."""
    writer = pypdf.PdfWriter(clone_from=path)
    writer._root_object["/AcroForm"][NameObject("/NeedAppearances")] = BooleanObject(True)
    writer.write(dest)
    return dest


def check_form(src: Path, sheet: dict, lang: str, work: Path) -> list[str]:
    work.mkdir(parents=True, exist_ok=True)
    filled = work / "filled.pdf"
    widgets = fill(src, filled, lambda name: "")       # first pass: find the fields and their boxes
    texts = {w.name: long_text(w) for w in widgets if w.kind == "text"}
    widgets = fill(src, filled, lambda name: texts[name])
    problems = check_values(filled, sheet, lang) + check_text(filled, widgets) + check_font_sizes(filled)
    again = redrawn(filled, work / "redrawn.pdf")
    problems += check_text(again, widgets, overrun=POPPLER_OVERRUN)
    pages = {w.page for w in ticked(widgets)}    # only the pages with a tick are drawn: a sheet of text fields, none
    blank = poppler_pages(src, DPI, work / "blank", pages)
    problems += check_ticks(blank, poppler_pages(filled, DPI, work / "poppler", pages), widgets, "poppler")
    problems += check_ticks(blank, poppler_pages(again, DPI, work / "redraw", pages), widgets, "poppler, redrawn")
    problems += check_ticks(pdfium_pages(src, DPI, pages), pdfium_pages(filled, DPI, pages), widgets, "pdfium")
    return problems


@pytest.mark.pdf
@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_every_fillable_pdf_keeps_every_answer_in_pdfium_and_poppler(site, prefix, lang, tmp_path):
    import os
    from concurrent.futures import ProcessPoolExecutor
    folder = site / prefix / "worksheets" / "pdf"
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:   # each sheet on its own: use every core
        results = pool.map(check_form, [folder / worksheets.file_names(s["id"])["fillable"] for s in SHEETS], SHEETS,
                           [lang] * len(SHEETS), [tmp_path / s["id"] for s in SHEETS])
        problems = [problem for found in results for problem in found]
    assert problems == []


def render_fixture(tmp_path: Path, finished: bool) -> Path:
    import weasyprint
    sheet = trainer_fixtures.every_answer()
    strings = pdf.strings(lambda key: i18n.translate(key, "fr", ROOT))
    ctx = pdf.sheet_context(sheet, "fr", "X", "https://example.org/")
    html = pdf.document("sheet", [ctx], "fr", strings, pdf.form_font(ROOT / ".cache"), fillable=True)
    path = tmp_path / ("finished.pdf" if finished else "weasyprint.pdf")
    if finished:
        path.write_bytes(pdf.render(html, fillable=True))
    else:
        path.write_bytes(weasyprint.HTML(string=html).write_pdf(pdf_forms=True))
    return path


@pytest.mark.build
def test_the_fixture_with_every_kind_of_answer_keeps_every_answer(tmp_path):
    sheet = trainer_fixtures.every_answer()
    assert check_form(render_fixture(tmp_path, True), sheet, "fr", tmp_path / "work") == []


@pytest.mark.build
def test_the_checks_catch_what_weasyprint_alone_gets_wrong(tmp_path):
    sheet = trainer_fixtures.every_answer()
    problems = "\n".join(check_form(render_fixture(tmp_path, False), sheet, "fr", tmp_path / "work"))
    assert "poppler, redrawn" in problems and "no visible mark" in problems     # no tick drawn on redraw
    assert "exports '/on'" in problems or "exports '/" in problems               # a tick exports "on", not the option

"""Printed worksheets for trainers: choices that keep their labels, room to write, pages well
used, tagged PDFs, facilitator notes, workshop kits, A3 posters, and a booklet cover that tells
the truth about its QR codes."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
import trainer_fixtures
from conftest import ROOT
from markupsafe import escape
from pdfcheck import POPPLER, stray_choices, tagged
from test_worksheets import GROUPS, IDS, SHEETS, _strings, pdf_text, squash

from macros import i18n, pdf, slots, worksheets, workshop

MM_PER_PX = 25.4 / 96
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext, pdfinfo) is not installed")


def strings(lang: str) -> dict:
    return pdf.strings(lambda key: i18n.translate(key, lang, ROOT))


def laid_out(sheet: dict, lang: str, fit: dict | None = None, fillable: bool = False):
    font = pdf.form_font(ROOT / ".cache")
    ctx = pdf.sheet_context(sheet, lang, "X", "https://example.org/worksheets/#worksheet-" + sheet["id"], fit)
    return pdf.layout(pdf.document("sheet", [ctx], lang, strings(lang), font, fillable=fillable), fillable)


def boxes(document, css_class: str):
    """Every rendered box of an element with `css_class`, with its page."""
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and css_class in (element.get("class") or "").split() and box.element_tag != "#text" \
                    and getattr(box, "style", None) is not None and box.__class__.__name__ not in ("LineBox", "TextBox", "InlineBox"):
                yield number, box


# ------------------------------------------------------------------ room to write
@pytest.mark.build
@pytest.mark.parametrize("fit", [{}, {"compact": True}])
def test_handwritten_answers_get_rows_of_8_mm_and_columns_of_30_mm(fit):
    document = laid_out(trainer_fixtures.every_answer(), "fr", fit)
    measured = {}
    for css_class in ("line", "cell", "choice__write", "who__line"):
        sizes = [(box.border_width() * MM_PER_PX, box.border_height() * MM_PER_PX) for _, box in boxes(document, css_class)]
        assert sizes, css_class
        measured[css_class] = sizes
        assert min(h for _, h in sizes) >= 8, (css_class, min(h for _, h in sizes))
    for css_class in ("cell", "choice__write", "who__line"):
        assert min(w for w, _ in measured[css_class]) >= 30, (css_class, min(w for w, _ in measured[css_class]))
    assert len(measured["cell"]) == 5 * 3   # the widest table the schema allows: five columns


@pytest.mark.build
def test_a_scale_keeps_its_order_on_one_line_and_a_checklist_reads_row_by_row():
    document = laid_out(trainer_fixtures.every_answer(), "en")
    labels = [(box.position_x, box.position_y, box.element.text) for _, box in boxes(document, "choice__label")
              if box.element.text and box.__class__.__name__ != "LineBox"]
    scale = [entry for entry in labels if entry[2] in ("Yes, well under way", "Started", "Not yet")]
    assert [e[2] for e in sorted(scale)] == ["Yes, well under way", "Started", "Not yet"]
    assert len({round(e[1]) for e in scale}) == 1          # one line
    options = [e for e in labels if e[2].startswith("Option ")]
    reading = [e[2].split()[1] for e in sorted(options, key=lambda e: (round(e[1]), e[0]))]
    assert reading == [str(i) for i in range(1, 10)]         # left to right, then down


@pytest.mark.pdf
@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_tick_box_is_parted_from_its_label(site, prefix):
    folder = site / prefix / "worksheets" / "pdf"
    stray = {sheet_id: found for sheet_id in IDS if (found := stray_choices(folder / f"{sheet_id}.pdf"))}
    assert stray == {}


def test_the_stray_box_check_can_fail(tmp_path):
    html = """<html><body style="font: 10pt 'DejaVu Sans'"><p style="margin-top: 250mm">
    <span style="display: inline-block; width: 3.6mm; height: 3.6mm; border: .7pt solid black"></span></p>
    <p style="break-before: page">Its label, on the next page</p></body></html>"""
    (tmp_path / "bad.pdf").write_bytes(pdf.render(html))
    assert len(stray_choices(tmp_path / "bad.pdf")) == 1


def last_page_use(path: Path) -> float:
    """Share of the last page's writing area used by text and drawings (the margins left out)."""
    from pdfcheck import pdfium
    pdfium_, raw = pdfium()
    document = pdfium_.PdfDocument(path)
    page = document[len(document) - 1]
    height = page.get_height()
    top, bottom = height - 24 / 25.4 * 72, 20 / 25.4 * 72
    lows = [obj.get_bounds()[1] for obj in page.get_objects(max_depth=5) if bottom < obj.get_bounds()[1] < top]
    document.close()
    return (top - min(lows)) / (top - bottom) if lows else 0.0


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_sheet_of_several_pages_uses_at_least_a_quarter_of_its_last_page(site, prefix):
    folder = site / prefix / "worksheets" / "pdf"
    thin = {}
    for sheet_id in IDS:
        path = folder / f"{sheet_id}.pdf"
        if len(pypdf.PdfReader(path).pages) > 1 and (use := last_page_use(path)) < pdf.MIN_LAST_PAGE:
            thin[sheet_id] = round(use, 2)
    assert thin == {}


def spilling_sheet() -> tuple[dict, object]:
    """A sheet whose last question just spills onto a second page, and its layout."""
    for count in range(1, 16):
        sheet = trainer_fixtures.every_answer()
        sheet["sections"][0]["questions"] = [
            {"text": trainer_fixtures.text("Première question ?"), "answer": {"type": "lines", "count": 15}},
            {"text": trainer_fixtures.text("Deuxième question ?"), "answer": {"type": "lines", "count": count}},
            {"text": trainer_fixtures.text("Dernière question ?"), "answer": {"type": "lines", "count": 2}}]
        base = laid_out(sheet, "fr")
        if len(base.pages) > 1:
            return sheet, base
    raise AssertionError("no sheet spills over")


@pytest.mark.build
def test_fitting_saves_a_nearly_empty_last_page():
    sheet, base = spilling_sheet()
    assert pdf.last_page_use(base, sheet["id"]) < pdf.MIN_LAST_PAGE     # the case to fix
    fit, data = pdf.fit_sheet(sheet, "fr", "X", "https://example.org/", strings("fr"), pdf.form_font(ROOT / ".cache"))
    assert fit
    fitted = laid_out(sheet, "fr", fit)
    assert len(fitted.pages) < len(base.pages) or pdf.last_page_use(fitted, sheet["id"]) >= pdf.MIN_LAST_PAGE
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == len(fitted.pages)


# ------------------------------------------------------------------ tagged PDFs, French print
@pytest.mark.pdf
@needs_poppler
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_pdf_is_tagged_for_screen_readers(site, prefix):
    folder = site / prefix / "worksheets" / "pdf"
    untagged = [p.name for p in sorted(folder.glob("*.pdf")) if not tagged(p)]
    assert untagged == []


@pytest.mark.parametrize("text,expected", [
    ("l'écran d'aujourd'hui", "l\u2019écran d\u2019aujourd\u2019hui"),
    ("Qu'en pense-t-on ?", "Qu\u2019en pense-t-on\u202f?"),
    ("https://a.b/?q=1", "https://a.b/?q=1"),
])
def test_french_print_has_typographic_apostrophes(text, expected):
    assert pdf.for_print(text, "fr") == expected
    assert pdf.for_print(text, "en") == text


@pytest.mark.build
def test_the_french_booklet_has_no_straight_apostrophe_and_says_several_answers(site):
    text = pdf_text(site / "worksheets" / "pdf" / worksheets.BOOKLET)
    assert "'" not in text
    assert squash("Plusieurs réponses possibles") in text and squash("Cochez tout ce qui") not in text


# ------------------------------------------------------------------ the booklet's QR codes
def test_the_cover_promises_the_chapter_only_when_every_sheet_has_one():
    found = strings("en")
    chapters = ["https://x.org/part-a/step-1/#worksheet-a", "https://x.org/part-b/d/step-2/#worksheet-b"]
    assert pdf.qr_promise(found, chapters, "https://x.org/worksheets/") == found["qr_chapter"]
    assert pdf.qr_promise(found, chapters + ["https://x.org/worksheets/#worksheet-c"], "https://x.org/worksheets/") == found["qr_online"]


@pytest.mark.build
@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_each_qr_code_leads_to_the_page_that_shows_the_sheet(site, site_url, prefix, lang):
    folder = site / prefix / "worksheets" / "pdf"
    host = site_url.split("://", 1)[1]
    on_list_page = []
    for sheet_id in IDS:
        text = pdf_text(folder / f"{sheet_id}.pdf")
        address = re.search(re.escape(squash(host)) + r"(\S*?)#worksheet-" + re.escape(sheet_id), text)
        assert address, sheet_id
        page = site / address.group(1) / "index.html"
        assert f'id="worksheet-{sheet_id}"' in page.read_text(encoding="utf-8"), (sheet_id, address.group(1))
        if address.group(1).rstrip("/").endswith("worksheets"):
            on_list_page.append(sheet_id)
    promise = strings(lang)["qr_online" if on_list_page else "qr_chapter"]
    assert squash(pdf.for_print(promise, lang)) in pdf_text(folder / worksheets.BOOKLET)


# ------------------------------------------------------------------ facilitator notes, kits, posters
def test_facilitator_fixture_is_a_valid_worksheet(tmp_path):
    sheet = trainer_fixtures.with_notes(next(s for s in SHEETS if s["id"] == "a1-keywords"))
    trainer_fixtures.write(tmp_path, [sheet])
    loaded, problems = worksheets.load(tmp_path)
    assert problems == [] and loaded[0]["facilitator"]["duration"] == 50


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_worksheet_box_folds_the_facilitator_notes(lang):
    tr = lambda key: i18n.translate(key, lang, ROOT)  # noqa: E731
    plain = next(s for s in SHEETS if s["id"] == "a1-keywords")
    without = {k: v for k, v in plain.items() if k != "facilitator"}
    html = slots.fill(str(worksheets.render_box(trainer_fixtures.with_notes(without), lang, tr, "part-a/step-1/")))
    notes = trainer_fixtures.NOTES
    assert re.search(r'<details class="worksheet-box__facilitator">\s*<summary>' + re.escape(str(escape(tr("facilitator.summary")))), html)
    for text in (notes["aim"], notes["steps"][1]["text"], notes["debrief"][0], notes["output"], notes["materials"][0]):
        assert str(escape(text[lang])) in html, text[lang]
    assert "0:10 · 25 min" in html                       # each step with its start time
    assert 'href="../../worksheets/pdf/a1-keywords-facilitator.pdf"' in html
    bare = slots.fill(str(worksheets.render_box(without, lang, tr, "part-a/step-1/")))
    assert "<details" not in bare and "facilitator.pdf" not in bare


@pytest.mark.build
def test_facilitator_pdf_and_kit_from_notes(tmp_path):
    first, second = (trainer_fixtures.with_notes(s) for s in SHEETS[:2])
    third = {k: v for k, v in SHEETS[2].items() if k != "facilitator"}   # no notes yet: the kit still builds, and says so
    sheets = [first, second, third]
    ids = [s["id"] for s in sheets]
    stats = pdf.build(sheets, "en", tmp_path / "out", tmp_path / "cache", strings("en"), where={i: "Part A" for i in ids},
                      urls={i: f"https://example.org/part-a/#worksheet-{i}" for i in ids},
                      groups=[{"label": "Part A · Understand", "ids": ids}], booklet_url="https://example.org/worksheets/")
    assert workshop.facilitator_file(first["id"]) in stats.rendered and workshop.facilitator_file(third["id"]) not in stats.rendered
    notes = pdf_text(tmp_path / "out" / workshop.facilitator_file(first["id"]))
    for text in (trainer_fixtures.NOTES["aim"]["en"], trainer_fixtures.NOTES["steps"][2]["text"]["en"], "0:35"):
        assert squash(text) in notes, text
    kit = tmp_path / "out" / "kit-part-a.pdf"
    text = pdf_text(kit)
    assert squash("Total time: 100 min") in text                           # two sheets of 50 minutes
    assert squash(strings("en")["no_notes"]) in text                       # the third has none yet
    reader = pypdf.PdfReader(kit)
    starts = {name[len("sheet-"):]: reader.get_destination_page_number(dest)
              for name, dest in reader.named_destinations.items() if name.startswith("sheet-")}
    assert sorted(starts) == sorted(ids)
    assert all(page % 2 == 0 for page in starts.values()), starts       # page index 0, 2, 4…: right-hand pages
    assert tagged(kit) if POPPLER else True


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_posters_are_one_a3_landscape_page(site, prefix):
    posters = workshop.posters(SHEETS)
    assert {p["name"] for p in posters} == {name for name, _, _ in workshop.POSTERS}   # every poster's grid exists
    for poster in posters:
        reader = pypdf.PdfReader(site / prefix / "worksheets" / "pdf" / poster["file"])
        box = reader.pages[0].mediabox
        assert len(reader.pages) == 1, poster["file"]
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (420, 297), poster["file"]


def test_kits_cover_parts_a_b_and_c_only():
    kits = workshop.kits(SHEETS, GROUPS)
    by_file = {k["file"]: k["ids"] for k in kits}
    assert set(by_file) == {"kit-part-a.pdf", "kit-part-c.pdf"} | {f"kit-part-b-{d}.pdf" for d in range(1, 5)}
    in_kits = [i for ids in by_file.values() for i in ids]
    assert sorted(in_kits) == sorted(s["id"] for s in SHEETS if s["location"]["part"] != "X")


@pytest.mark.build
def test_each_language_renders_its_own_strings():
    sheet = trainer_fixtures.with_notes(SHEETS[0])
    for lang in ("fr", "en"):
        ctx = pdf.sheet_context(sheet, lang, "A", "https://example.org/")
        html = pdf.document("facilitator", [ctx], lang, _strings() if lang == "fr" else strings("en"), pdf.form_font(ROOT / ".cache"))
        assert trainer_fixtures.NOTES["aim"][lang].split()[0] in html

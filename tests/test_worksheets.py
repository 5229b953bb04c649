"""Worksheets: every block of the guide as data, shown in chapters, printed as PDFs."""
from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

import pypdf
import pytest
from conftest import ROOT
from pdfcheck import pdf_text, squash

from macros import pdf, worksheets, workshop
from macros.typography import french

SHEETS, PROBLEMS = worksheets.load(ROOT)
IDS = [s["id"] for s in SHEETS]
GROUPS = worksheets.groups(SHEETS, lambda key: key, str)


def test_every_block_of_the_guide_is_a_valid_worksheet():
    assert PROBLEMS == []
    guide = [s for s in SHEETS if s["source"]["document"] == "guide-afd-iddri-2018"]
    kinds = [(s["kind"], s["location"]["part"]) for s in guide]
    assert kinds.count(("key-questions", "A")) == 12
    assert kinds.count(("practical-exercise", "B")) == 24
    assert kinds.count(("key-questions", "C")) == 2
    # one practical exercise per step of each Part B domain
    assert sorted((s["location"]["domain"], s["location"]["step"]) for s in guide if s["location"]["part"] == "B") == \
        [(d, st) for d in range(1, 5) for st in range(1, 7)]


@pytest.mark.pdf
@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_each_worksheet_has_a_printable_and_a_fillable_pdf_with_every_question(site, prefix, lang):
    folder = site / prefix / "worksheets" / "pdf"
    for sheet in SHEETS:
        names = worksheets.file_names(sheet["id"])
        printable, fillable = folder / names["printable"], folder / names["fillable"]
        text = pdf_text(printable)
        questions = [q["text"][lang] for section in sheet["sections"] for q in section["questions"]]
        for question in questions:
            expected = pdf.for_print(question, lang)
            assert squash(expected) in text, (sheet["id"], question)
        fields = pypdf.PdfReader(fillable).get_fields() or {}
        assert len(fields) >= len(questions) + 2, (sheet["id"], len(fields))
        assert all(name.startswith(sheet["id"] + "-") for name in fields)
        assert {f"{sheet['id']}-who", f"{sheet['id']}-date"} <= set(fields), sheet["id"]   # returned files say whose they are


@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_the_booklet_holds_every_worksheet(site, prefix, lang):
    text = pdf_text(site / prefix / "worksheets" / "pdf" / worksheets.BOOKLET)
    for sheet in SHEETS:
        title = sheet["title"][lang]
        assert squash(pdf.for_print(title, lang)) in text, sheet["id"]


def test_pdfs_embed_their_fonts_and_stay_small(site):
    folder = site / "worksheets" / "pdf"
    for sheet_id in IDS[:6]:
        for kind, name in worksheets.file_names(sheet_id).items():
            reader = pypdf.PdfReader(folder / name)
            fonts = reader.pages[0]["/Resources"]["/Font"]
            for font in fonts.values():
                font = font.get_object()
                descriptor = (font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]).get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, (name, font.get("/BaseFont"))
            limit = 80_000 if kind == "printable" else 200_000
            assert (folder / name).stat().st_size <= limit, name


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_pdf_links_of_chapters_and_worksheets_page_exist(site, prefix):
    checked = 0
    for page in (site / prefix).rglob("*.html"):
        if prefix == "" and "en" in page.relative_to(site).parts[:1]:
            continue
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]+\.pdf)"', html):
            url = urlsplit(urljoin(page.relative_to(site).as_posix(), href))
            if url.netloc:
                continue   # a source's PDF on its own site (an initiative's link)
            assert (site / unquote(url.path)).is_file(), (page, href)
            checked += 1
    # the worksheets page alone links to all of them, the booklet, the kits and the posters
    assert checked >= 2 * len(IDS) + 1 + len(workshop.kits(SHEETS, GROUPS)) + len(workshop.posters(SHEETS))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_worksheets_page_links_to_every_kit_poster_and_facilitator_pdf(site, prefix):
    html = (site / prefix / "worksheets" / "index.html").read_text(encoding="utf-8")
    names = [k["file"] for k in workshop.kits(SHEETS, GROUPS)] + [p["file"] for p in workshop.posters(SHEETS)]
    names += [workshop.facilitator_file(s["id"]) for s in SHEETS if s.get("facilitator")]
    assert {f"kit-part-{p}.pdf" for p in "ac"} | {f"kit-part-b-{d}.pdf" for d in range(1, 5)} <= set(names)
    for name in names:
        assert f'href="pdf/{name}"' in html, name
        assert (site / prefix / "worksheets" / "pdf" / name).is_file(), name


def test_chapters_show_their_worksheets_in_a_box(site):
    html = (site / "part-a" / "step-1" / "index.html").read_text(encoding="utf-8")
    assert 'id="worksheet-a1-keywords"' in html and "a1-keywords.pdf" in html and "a1-keywords-fillable.pdf" in html


@pytest.mark.build
def test_a_warm_rebuild_renders_no_pdf_and_a_change_renders_only_it(tmp_path):
    sheet = SHEETS[0]
    kwargs = dict(lang="fr", cache_dir=tmp_path / "cache", strings=_strings(), where={sheet["id"]: "A"},
                  urls={sheet["id"]: "https://example.org/a/"}, booklet_url="https://example.org/",
                  groups=[{"label": "A", "ids": [sheet["id"]]}])
    first = pdf.build([sheet], out_dir=tmp_path / "one", **kwargs)
    expected = list(worksheets.file_names(sheet["id"]).values()) + [worksheets.BOOKLET, "kit-part-a.pdf"]
    if sheet.get("facilitator"):
        expected.append(workshop.facilitator_file(sheet["id"]))
    assert sorted(first.rendered) == sorted(expected)
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == sorted(first.rendered)
    again = pdf.build([sheet], out_dir=tmp_path / "two", **kwargs)
    assert again.rendered == [] and again.reused == len(first.rendered)
    for name in first.rendered:
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
    changed = {**sheet, "title": {"fr": "Un autre titre", "en": "Another title"}}
    third = pdf.build([changed], out_dir=tmp_path / "three", **kwargs)
    assert len(third.rendered) == len(first.rendered)


def _strings() -> dict:
    from macros import i18n
    return pdf.strings(lambda key: i18n.translate(key, "fr", ROOT))


def test_the_site_build_reuses_the_cache(site, fixture_build):
    # The fixture project (a copy with two more initiatives) builds after the site and shares its
    # PDF cache: the same worksheets, so no PDF is rendered again.
    counts = re.findall(r"worksheet PDFs \((fr|en)\): (\d+) rendered", fixture_build)
    assert counts and all(n == "0" for _, n in counts), fixture_build[-2000:]


@pytest.mark.parametrize("text,expected", [
    ("Quoi ?", "Quoi\u202f?"), ("Voir : ceci", "Voir\u00a0: ceci"), ("« oui »", "«\u00a0oui\u00a0»"),
    ("Non!", "Non\u202f!"), ("https://a.b/?q=1", "https://a.b/?q=1"),
])
def test_french_spacing(text, expected):
    assert french(text) == expected


# ------------------------------------------------------------------ questions completed by the site
def _marked(sheet: dict, index: int) -> dict:
    """A copy of `sheet` whose question number `index` (0-based, over all sections) is marked reconstructed."""
    import copy
    sheet = copy.deepcopy(sheet)
    questions = [q for section in sheet["sections"] for q in section["questions"]]
    for q in questions:
        q.pop("reconstructed", None)
    questions[index]["reconstructed"] = True
    return sheet


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_reconstructed_question_carries_a_visible_note_in_the_box_and_the_pdf_data(lang):
    from macros import i18n
    tr = lambda key: i18n.translate(key, lang, ROOT)  # noqa: E731
    note = tr("worksheet.reconstructed")
    sheet = _marked(next(s for s in SHEETS if sum(len(x["questions"]) for x in s["sections"]) >= 2), 1)
    from macros import slots
    html = slots.fill(str(worksheets.render_box(sheet, lang, tr, "part-a/step-1/")))
    items = html.split('<span class="worksheet-box__question">')[1:]
    assert len(items) >= 2 and "worksheet-box__note" not in items[0] and note in items[1]
    context = pdf.sheet_context(sheet, lang, "A", "https://example.org/a/")
    flags = [q["reconstructed"] for section in context["sections"] for q in section["questions"]]
    assert flags[1] is True and flags.count(True) == 1
    assert pdf.strings(tr)["reconstructed"] == note


def test_the_completed_question_of_c1_is_marked():
    """Seed 003, l. 4755-4756: the OCR cuts the fifth question of the Part C self-diagnosis."""
    sheet = worksheets.by_id(SHEETS, "c1-maturity-self-diagnosis")
    marked = [q["text"]["en"] for s in sheet["sections"] for q in s["questions"] if q.get("reconstructed")]
    assert len(marked) == 1 and "local digital ecosystem" in marked[0]


def test_reconstructed_must_be_true_or_false(tmp_path):
    (tmp_path / "worksheets").mkdir()
    good = (ROOT / "worksheets" / "a1-keywords.yml").read_text(encoding="utf-8")
    broken = good.replace("        answer:", "        reconstructed: maybe\n        answer:", 1)
    assert broken != good
    (tmp_path / "worksheets" / "a1-keywords.yml").write_text(broken, encoding="utf-8")
    found = [str(p) for p in worksheets.load(tmp_path)[1]]
    assert len(found) == 1 and found[0].endswith("reconstructed: must be true or false, not text — write true or false"), found

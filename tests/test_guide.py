"""The guide's pages: links and anchors, and the components they are built from."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import ROOT

from macros import diagrams, store, worksheets
from macros import render as _render


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_no_broken_internal_link_or_anchor(site, site_url):
    parsed: dict[Path, Page] = {}

    def get(path):
        if path not in parsed:
            parsed[path] = parse(path)
        return parsed[path]

    broken = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        base = site_url + page.relative_to(site).as_posix()
        for href in get(page).links:
            url = urljoin(base, href)
            if not url.startswith(site_url) or href.startswith(("mailto:", "javascript:")):
                continue
            parts = urlsplit(url)
            target = site / unquote(parts.path[len(urlsplit(site_url).path):])
            if target.is_dir() or url.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in get(target).ids:
                broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


# ------------------------------------------------------------------ components
def test_worksheet_box_renders_every_question_and_its_downloads():
    from macros import slots
    sheets, _ = worksheets.load(ROOT)
    sheet = next(s for s in sheets if s["id"] == "b1-3-actors")
    token = worksheets.render_box(sheet, "en", lambda key: key, "part-b/urban-services/step-3/")
    html = slots.fill(str(token))
    assert html.startswith('<section class="worksheet-box worksheet-box--practical-exercise" id="worksheet-b1-3-actors"')
    assert html.count('<span class="worksheet-box__question">') == sum(len(s["questions"]) for s in sheet["sections"])
    assert '<a href="../../../worksheets/pdf/b1-3-actors.pdf" download>worksheet.printable</a>' in html
    assert sheet["title"]["en"] in html


def test_diagram_has_a_text_alternative(tmp_path):
    html = str(diagrams.render("compass", "en", ROOT, {"summary": "As text"}))
    assert html.startswith('<figure class="diagram" id="diagram-compass">')
    assert '<svg role="img" aria-labelledby="compass-title"' in html and '<title id="compass-title">' in html
    assert re.search(r'<details class="diagram__text"><summary>As text</summary><p>.{200,}</p></details>', html)
    assert 'id="compass-arrow"' in html or "url(#" not in html   # ids are prefixed per diagram


def test_a_diagram_with_a_script_is_refused(tmp_path):
    (tmp_path / "diagrams").mkdir()
    (tmp_path / "diagrams" / "x.yml").write_text("caption: {en: X}\ndescription: {en: X}\n")
    (tmp_path / "diagrams" / "x.en.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><title>X</title><script>alert(1)</script></svg>')
    with pytest.raises(ValueError, match="not allowed"):
        diagrams.render("x", "en", tmp_path, {"summary": "s"})


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("page,component", [
    ("introduction/", 'class="admonition pull-quote"'), ("introduction/", 'class="admonition warning"'),
    ("part-a/step-1/", 'class="admonition idea"'), ("part-a/step-1/", 'class="admonition go-further"'),
    ("part-a/step-1/", 'class="worksheet-box worksheet-box--key-questions"'), ("part-a/step-1/", 'class="initiative-card"'),
    ("part-a/step-1/", 'class="diagram"'), ("part-a/step-3/", 'class="diagram"'), ("part-a/step-5/", 'class="diagram"'),
])
def test_guide_pages_use_the_components(site, prefix, page, component):
    assert component in (site / prefix / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_step_of_part_a_shows_its_key_questions(lang):
    docs = ROOT / "docs" / lang
    embedded = worksheets.embedded_in(docs)
    sheets, _ = worksheets.load(ROOT)
    for sheet in sheets:
        if sheet["location"]["part"] == "A":
            assert embedded.get(sheet["id"]) == f"part-a/step-{sheet['location']['step']}.md", sheet["id"]


@pytest.mark.parametrize("page", ["introduction/", "part-a/step-1/", "initiatives/lagos-wecyclers/", "about/"])
def test_french_pages_keep_punctuation_with_its_word(site, page):
    html = (site / page / "index.html").read_text(encoding="utf-8")
    main = html[html.index('<article class="md-content__inner'):html.index("</article>", html.index('<article class="md-content__inner'))]
    text = re.sub(r"<(code|pre|script|style)\b.*?</\1>", "", main, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    assert "\u202f?" in text or "\u00a0:" in text
    assert not re.search(r"\w [?!;:](\s|$)", text), re.search(r".{30}\w [?!;:](\s|$)", text)
    assert not re.search(r"« \w|\w »", text)


# ------------------------------------------------------------------ Part B and Part C: every block in its place
# From the inventories of the guide (shared/source-notes): per page, the idea boxes (by the
# line where they start in the source), tables, worksheets, the guide's own initiatives,
# diagrams, and the item counts of the lists the text must keep. Other sources' initiatives
# may be added on a page; they are not listed here.
D1, D2, D3, D4 = "part-b/urban-services", "part-b/inclusive-planning", "part-b/local-economy", "part-b/citizen-relations"
BLOCKS = {
    f"{D1}/step-1": {"worksheets": ["b1-1-expectations"], "lists": [3, 2]},
    f"{D1}/step-2": {"worksheets": ["b1-2-self-diagnosis"]},
    f"{D1}/step-3": {"worksheets": ["b1-3-actors"], "tables": 1},
    f"{D1}/step-4": {"worksheets": ["b1-4-pilot-actions"], "ideas": [2128, 2200], "initiatives": ["lagos-wecyclers", "accra-mobility"],
                     "lists": [4, 2]},
    f"{D1}/step-5": {"worksheets": ["b1-5-roadmap"], "ideas": [2320]},
    f"{D1}/step-6": {"worksheets": ["b1-6-evaluation"], "ideas": [2449]},
    f"{D2}/step-1": {"worksheets": ["b2-1-expectations"], "lists": [3]},
    f"{D2}/step-2": {"worksheets": ["b2-2-self-diagnosis"]},
    f"{D2}/step-3": {"worksheets": ["b2-3-actors"], "tables": 1},
    f"{D2}/step-4": {"worksheets": ["b2-4-pilot-actions"], "ideas": [2861, 2886],
                     "initiatives": ["dar-es-salaam-tandale-mapping", "kathmandu-open-cities"]},
    f"{D2}/step-5": {"worksheets": ["b2-5-roadmap"], "ideas": [3090]},
    f"{D2}/step-6": {"worksheets": ["b2-6-evaluation"], "ideas": [3198]},
    f"{D3}/step-1": {"worksheets": ["b3-1-expectations"], "initiatives": ["le-havre-cite-numerique"]},
    f"{D3}/step-2": {"worksheets": ["b3-2-self-diagnosis"]},
    f"{D3}/step-3": {"worksheets": ["b3-3-actors"], "tables": 1},
    f"{D3}/step-4": {"worksheets": ["b3-4-pilot-actions"], "ideas": [3651, 3780],
                     "initiatives": ["niamey-cipmen", "mekong-innovative-startup-tourism"]},
    f"{D3}/step-5": {"worksheets": ["b3-5-roadmap"]},
    f"{D3}/step-6": {"worksheets": ["b3-6-evaluation"], "ideas": [3963]},
    f"{D4}/index": {"lists": [3]},
    f"{D4}/step-1": {"worksheets": ["b4-1-expectations"]},
    f"{D4}/step-2": {"worksheets": ["b4-2-self-diagnosis"]},
    f"{D4}/step-3": {"worksheets": ["b4-3-actors"], "tables": 1},
    f"{D4}/step-4": {"worksheets": ["b4-4-pilot-actions"], "ideas": [4353, 4446],
                     "initiatives": ["belo-horizonte-participatory-budget", "kampala-e-citie"]},
    f"{D4}/step-5": {"worksheets": ["b4-5-roadmap"], "ideas": [4539, 4582]},
    f"{D4}/step-6": {"worksheets": ["b4-6-evaluation"], "ideas": [4658]},
    "part-c/pillar-1": {"worksheets": ["c1-maturity-self-diagnosis"], "lists": [3, 2],
                        "initiatives": ["philippines-intermediate-cities-e-government", "fes-e-fes-civil-registry"]},
    "part-c/pillar-2": {"ideas": [5016, 5048], "initiatives": ["cartago-mi-muni-en-casa"], "lists": [3, 3]},
    "part-c/pillar-3": {"ideas": [5323], "initiatives": ["montevideo-open-data-working-group", "rennes-open-data"],
                        "diagrams": ["urban-data-production", "urban-data-platform"], "lists": [7, 4]},
    "part-c/pillar-4": {"worksheets": ["c4-local-strategy"], "diagrams": ["project-assistance"], "lists": [2, 5],
                        "initiatives": ["paris-digital-strategy", "techtown-clermont-ferrand", "guediawaye-decentralised-cooperation"]},
}
SKIP_LISTS_IN = {"div", "article", "section", "nav", "details", "figure"}   # boxes, cards, worksheets, diagrams


class Blocks(HTMLParser):
    """The blocks of a page's article: idea boxes, tables, worksheets, cards, diagrams, the text's lists."""

    def __init__(self):
        super().__init__()
        self.found = {"ideas": 0, "tables": 0, "worksheets": [], "initiatives": [], "diagrams": [], "lists": []}
        self.stack, self.lists = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if "admonition" in classes and "idea" in classes:
            self.found["ideas"] += 1
        if tag == "table":
            self.found["tables"] += 1
        if tag == "section" and "worksheet-box" in classes:
            self.found["worksheets"].append(attrs["id"].removeprefix("worksheet-"))
        if tag == "article" and "initiative-card" in classes:
            self.found["initiatives"].append(attrs["data-id"])
        if tag == "figure" and "diagram" in classes:
            self.found["diagrams"].append(attrs["id"].removeprefix("diagram-"))
        boxed = any(t in SKIP_LISTS_IN and c for t, c in self.stack)
        if tag in ("ul", "ol"):
            self.lists.append([0, boxed or any(t in ("ul", "ol") for t, _ in self.stack)])
        if tag == "li" and self.lists:
            self.lists[-1][0] += 1
        self.stack.append((tag, tag in SKIP_LISTS_IN and (tag != "div" or bool(classes))))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag in ("ul", "ol"):
                count, nested = self.lists.pop()
                if not nested:
                    self.found["lists"].append(count)
            if open_tag == tag:
                break


def article(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    start = html.index(">", html.index('<article class="md-content__inner')) + 1
    return html[start:html.rindex("</article>", start, html.index("</main>"))]


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("page", sorted(BLOCKS))
def test_every_block_of_the_guide_is_in_its_place(site, prefix, page):
    expected = BLOCKS[page]
    parser = Blocks()
    parser.feed(article(site, prefix + (page.removesuffix("/index") + "/")))
    found = parser.found
    assert found["ideas"] == len(expected.get("ideas", [])), "idea boxes"
    assert found["tables"] == expected.get("tables", 0), "tables"
    assert found["worksheets"] == expected.get("worksheets", []), "worksheets"
    assert found["diagrams"] == expected.get("diagrams", []), "diagrams"
    if not page.endswith("/index"):   # a domain page lists all its initiatives
        guide_cases = [i for i in found["initiatives"] if CATALOGUE.by_id()[i]["source"]["document"] == "guide-afd-iddri-2018"]
        assert guide_cases == expected.get("initiatives", []), "the guide's initiatives"
    for count in expected.get("lists", []):
        assert count in found["lists"], f"a list of {count} items (found lists of {found['lists']})"


# ------------------------------------------------------------------ links land where the concept is
CATALOGUE = store.cached(ROOT).catalogue   # the live data, validated once per change (macros/store.py)
OVERVIEWS = {"index.md", "part-a/index.md", "part-b/index.md", "part-c/index.md"}


def test_self_test_read_more_links_point_to_the_step_that_discusses_them():
    import yaml
    quiz = yaml.safe_load((ROOT / "quiz" / "self-test.yml").read_text(encoding="utf-8"))
    for question in quiz["questions"]:
        chapter = question["chapter"].partition("#")[0]
        assert chapter not in OVERVIEWS, question["id"]
        for lang in ("fr", "en"):
            assert (ROOT / "docs" / lang / chapter).is_file(), (question["id"], chapter)
    for band in quiz["bands"]:   # where each score band says to start: a page, never a part's table of contents
        for start in band["start"]:
            assert start not in OVERVIEWS and all((ROOT / "docs" / lang / start).is_file() for lang in ("fr", "en")), (band["min"], start)


def test_every_initiative_links_to_an_existing_step_or_pillar():
    for item in CATALOGUE.initiatives:
        for ref in item.get("guide_refs", []):
            src = _render.guide_ref_src(ref)
            assert src not in OVERVIEWS and all((ROOT / "docs" / lang / src).is_file() for lang in ("fr", "en")), (item["id"], ref)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_worksheet_of_the_guide_is_shown_once_on_its_own_page(lang):
    docs = ROOT / "docs" / lang
    sheets, _ = worksheets.load(ROOT)
    calls: dict = {}
    for page in docs.rglob("*.md"):
        for sheet_id in re.findall(r"""worksheet\(\s*["']([a-z0-9-]+)["']\s*\)""", page.read_text(encoding="utf-8")):
            calls.setdefault(sheet_id, []).append(page.relative_to(docs).as_posix())
    for sheet in sheets:
        loc = sheet["location"]
        if loc["part"] == "X":
            continue
        ref = {k: v for k, v in loc.items() if k != "part"} | {"part": loc["part"]}
        assert calls.get(sheet["id"]) == [_render.guide_ref_src(ref)], (sheet["id"], calls.get(sheet["id"]))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_worksheet_pdfs_point_to_the_page_that_shows_them(site, site_url, prefix):
    from pdfcheck import pdf_text
    sheets, _ = worksheets.load(ROOT)
    for sheet in sheets:
        if sheet["location"]["part"] == "X":
            continue
        loc = sheet["location"]
        page = _render.guide_ref_src({k: v for k, v in loc.items()})
        expected = f"{site_url}{prefix}{page.removesuffix('.md')}/#worksheet-{sheet['id']}".replace("/index/", "/")
        text = pdf_text(site / prefix / "worksheets" / "pdf" / f"{sheet['id']}.pdf")
        address = expected.split("://", 1)[1]
        assert re.sub(r"\s+", "", address) in text, (sheet["id"], address)

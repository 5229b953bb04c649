"""The guide's pages: links and anchors, and the components they are built from."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import ROOT

from macros import diagrams, worksheets


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

"""Pure functions of the macros package, without a build."""
from __future__ import annotations

from pathlib import Path

import pytest

from macros import alternates, i18n, links, selftest, yamlfile

ALT = [{"name": "Français", "root": "", "lang": "fr"}, {"name": "English", "root": "en/", "lang": "en"}]


@pytest.mark.parametrize("lang,url,expected", [
    ("fr", "", {"fr": "./", "en": "en/"}),
    ("fr", "part-a/", {"fr": "./", "en": "../en/part-a/"}),
    ("en", "part-a/step-1/", {"fr": "../../../part-a/step-1/", "en": "./"}),
    ("en", "", {"fr": "../", "en": "./"}),
])
def test_alternates_link_to_the_same_page(lang, url, expected):
    result = alternates.alternates(ALT, lang, url, None)
    assert {a["lang"]: a["href"] for a in result} == expected


def test_alternates_absolute_urls_follow_site_url():
    result = alternates.alternates(ALT, "en", "about/", "https://example.org/guide/en/")
    assert {a["lang"]: a["url"] for a in result} == {
        "fr": "https://example.org/guide/about/", "en": "https://example.org/guide/en/about/"}


def test_unknown_language_is_an_error():
    with pytest.raises(KeyError, match="no entry for language 'de'"):
        alternates.language_root(ALT, "de")


def test_translate_names_the_file_of_a_missing_key():
    root = Path(__file__).resolve().parent.parent
    assert i18n.translate("nav.part_a", "en", root) == "Part A · Understand"
    with pytest.raises(KeyError, match=r"i18n/fr.yml: no string 'nope'"):
        i18n.translate("nope", "fr", root)


@pytest.mark.parametrize("src,url", [
    ("index.md", ""), ("part-a/index.md", "part-a/"), ("part-a/step-1.md", "part-a/step-1/"),
    ("about.md#credits", "about/#credits"),
])
def test_page_url(src, url):
    assert links.page_url(src) == url


@pytest.mark.parametrize("start,target,rel", [
    ("introduction/self-test/", "part-a/step-1/", "../../part-a/step-1/"),
    ("", "about/#x", "about/#x"),
    ("part-a/", "part-a/", "./"),
])
def test_relative_links(start, target, rel):
    assert links.relative(start, target) == rel


def test_missing_page_falls_back_to_its_section(tmp_path):
    (tmp_path / "part-b").mkdir()
    (tmp_path / "part-b" / "index.md").write_text("# B")
    (tmp_path / "index.md").write_text("# Home")
    assert links.existing_page("part-b/urban-services.md", tmp_path) == "part-b/index.md"
    assert links.existing_page("zz/page.md", tmp_path) == "index.md"


@pytest.mark.parametrize("score,title", [(0, "a"), (3, "a"), (4, "b"), (10, "b")])
def test_band_for_score(score, title):
    bands = [{"min": 0, "max": 3, "title": "a"}, {"min": 4, "max": 10, "title": "b"}]
    assert selftest.band_for(score, bands)["title"] == title


@pytest.mark.parametrize("text,message", [
    ("", "1: the file is empty"),
    ("a:\n\tb: 1\n", "2: tab in indentation (column 1)"),
    ("a: 1\na: 2\n", "2: a: appears twice (first on line 1)"),
    ("a: [1\n", "2: YAML syntax error"),
])
def test_yaml_problems_name_the_line(tmp_path, text, message):
    path = tmp_path / "x.yml"
    path.write_text(text)
    problems = yamlfile.read(path, "x.yml").problems
    assert len(problems) == 1 and str(problems[0]).startswith("x.yml:" + message), problems


def test_yaml_lines_of_fields(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("id: a\nplace:\n  city: Lagos\nlinks:\n  - url: x\n")
    read = yamlfile.read(path)
    assert read.line("place", "city") == 3 and read.line("links", 0, "url") == 5
    assert read.line("links", 0, "label") == 5  # unknown field: nearest known parent


def test_self_test_bands_must_cover_every_score():
    quiz = {"questions": [{"id": "q1"}, {"id": "q2"}], "bands": [{"min": 0, "max": 0}, {"min": 2, "max": 2}]}
    with pytest.raises(ValueError, match="no band covers a score of 1"):
        selftest.render(quiz, "fr", str, str, str)


# ------------------------------------------------------------------ contributed text as people type it (issue 14, point 5)
@pytest.mark.parametrize("text,html", [
    ("One.\n\nTwo.", "<p>One.</p><p>Two.</p>"),
    ("Results:\n- fewer dumps\n- faster removal", "<p>Results:</p><ul><li>fewer dumps</li><li>faster removal</li></ul>"),
    ("- a\n- b\nThen a sentence.", "<ul><li>a</li><li>b</li></ul><p>Then a sentence.</p>"),
    ("- a long item\n  that goes on\n- b", "<ul><li>a long item that goes on</li><li>b</li></ul>"),
    ("Line one\nline two", "<p>Line one line two</p>"),
    ("*italic* start, 2 - 1 = 1", "<p><em>italic</em> start, 2 - 1 = 1</p>"),
    ("- <script>x</script>\n- [ok](https://example.org) [no](javascript:x)",
     '<ul><li>&lt;script&gt;x&lt;/script&gt;</li><li><a href="https://example.org">ok</a> [no](javascript:x)</li></ul>'),
])
def test_text_becomes_paragraphs_and_lists_the_way_it_was_typed(text, html):
    from macros import richtext
    assert str(richtext.to_html(text)) == html


@pytest.mark.parametrize("src,url,meta,expected", [
    ("initiatives/a.md", "initiatives/a/", {"hide": ["toc"]}, "2"),          # outside the navigation: shared per depth
    ("initiatives/b.md", "initiatives/b/", {}, "2"),
    ("initiatives/themes/c.md", "initiatives/themes/c/", {}, "3"),
    ("initiatives/d.md", "initiatives/d/", {"hide": ["navigation"]}, ""),  # its sidebar is hidden: its own
    ("part-a/step-1.md", "part-a/step-1/", {}, ""),                          # in the navigation: its own
])
def test_pages_outside_the_navigation_share_a_sidebar_per_depth(src, url, meta, expected):
    import importlib.util
    from types import SimpleNamespace
    spec = importlib.util.spec_from_file_location("sidebar_hook", Path(__file__).resolve().parent.parent / "hooks" / "sidebar.py")
    sidebar = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sidebar)
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src), url=url, meta=meta)
    sidebar.on_nav(SimpleNamespace(pages=[SimpleNamespace(file=SimpleNamespace(src_uri="part-a/step-1.md"))]), None, None)
    assert sidebar.shared_sidebar_key(page) == expected

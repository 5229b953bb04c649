"""The Initiatives section in the built site: one page, card and data row per initiative,
in both languages; contributed text inert; untranslated entries shown, not dropped."""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import FIXTURE_PAGE_SIZE, ROOT, fixture_ids, fixture_index_page

from macros import catalogue, cli, i18n, render

CATALOGUE = catalogue.load(ROOT)
IDS = [i["id"] for i in CATALOGUE.initiatives]


# Tests of the live data check properties that stay true when a contributor adds a valid
# file, in one language or two (issue 14, point 2); behaviour is tested on fixtures.
@pytest.mark.live
def test_every_initiative_file_is_valid_and_written_in_a_language_of_the_site():
    assert CATALOGUE.problems == []
    assert sorted(p.stem for p in catalogue.initiative_files(ROOT)) == IDS
    assert all(catalogue.languages(i) for i in CATALOGUE.initiatives)


@pytest.mark.live
def test_check_lists_exactly_the_initiatives_written_in_one_language():
    one_language = [f"initiatives/{i['id']}.yml: awaiting {'en' if catalogue.languages(i) == ['fr'] else 'fr'} translation"
                    for i in CATALOGUE.initiatives if len(catalogue.languages(i)) == 1]
    assert cli.awaiting_translation(ROOT) == one_language


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_one_detail_page_per_initiative(site, prefix):
    pages = {p.parent.name for p in (site / prefix / "initiatives").glob("*/index.html")} - {"themes", "share", "open-data"}
    assert pages == set(IDS)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_index_lists_every_initiative_once(site, prefix):
    html = (site / prefix / "initiatives" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<article class="initiative-card" data-id="([^"]+)"', html)
    assert sorted(listed) == IDS


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_initiative_is_on_each_of_its_theme_pages(site, prefix):
    for item in CATALOGUE.initiatives:
        for theme in item["themes"]:
            html = (site / prefix / "initiatives" / "themes" / theme / "index.html").read_text(encoding="utf-8")
            assert f'data-id="{item["id"]}"' in html, (item["id"], theme)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_open_data_has_one_row_per_initiative(site, prefix):
    data = json.loads((site / prefix / "data" / "initiatives.json").read_text(encoding="utf-8"))
    assert data["count"] == len(IDS) and [i["id"] for i in data["initiatives"]] == IDS
    assert [set(i["title"]) for i in data["initiatives"]] == [set(catalogue.languages(i)) for i in CATALOGUE.initiatives]
    text = (site / prefix / "data" / "initiatives.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in rows] == IDS
    assert all(r[f"title_{lang}"] for r, item in zip(rows, CATALOGUE.initiatives, strict=True)
               for lang in catalogue.languages(item))


def test_a_chapter_macro_shows_its_initiatives(site):
    html = (site / "part-a" / "step-1" / "index.html").read_text(encoding="utf-8")
    assert 'data-id="jamaica-community-telecentres"' in html


# ------------------------------------------------------------------ contributed text is inert
class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def main_tags(html: str):
    start = html.index('<article class="md-content__inner')
    main = html[start:html.rindex("</article>", start, html.index("</main>"))]
    parser = Tags()
    parser.feed(main)
    return parser.tags, main


# The fixture splits the list in pages of 20: the page that lists zz-hostile depends on how
# many initiatives there are.
HOSTILE_PAGES = ["initiatives/zz-hostile/", "en/initiatives/zz-hostile/", fixture_index_page("zz-hostile"),
                 "en/" + fixture_index_page("zz-hostile"),
                 "initiatives/themes/solid-waste/", "en/initiatives/themes/urban-services/"]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_fields_come_out_inert(fixture_site, path):
    html = (fixture_site / path / "index.html").read_text(encoding="utf-8")
    tags, main = main_tags(html)
    assert "window.__pwned" in main, "the hostile initiative is missing from the page"
    assert not [t for t, _ in tags if t in ("script", "iframe", "svg", "img", "b")], "raw HTML passed through"
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")], "event handler attribute"
    assert not [v for _, attrs in tags for k, v in attrs.items() if k == "href" and v and v.strip().lower().startswith("javascript:")]
    # Shown as typed, not evaluated (evaluated, they would read 49, JINJA and the site name).
    assert "{{ 7*7 }}" in main and "{% if true %}JINJA{% endif %}" in main
    if path.endswith("zz-hostile/"):
        assert "{{ config.site_name }}" in main and "{# comment #}" in main
    assert "&lt;script&gt;window.__pwned" in main


def test_hostile_title_is_escaped_in_the_head(fixture_site):
    html = (fixture_site / "initiatives" / "zz-hostile" / "index.html").read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    assert "<script>window.__pwned" not in head and "onerror=" not in head.replace("onerror=&#34;", "")


# ------------------------------------------------------------------ awaiting translation
def test_untranslated_initiative_is_shown_in_its_language_with_a_notice(fixture_site):
    html = (fixture_site / "en" / "initiatives" / "zz-french-only" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    original = re.search(r'<div class="initiative-page__original" lang="fr">\s*<h1>([^<]+)</h1>', html)
    assert original and original.group(1).startswith("Dakar : un service de signalement")
    assert "not yet translated into English" in html
    index = (fixture_site / "en" / fixture_index_page("zz-french-only") / "index.html").read_text(encoding="utf-8")
    card = index[index.index('data-id="zz-french-only"'):]
    card = card[:card.index("</article>")]
    assert 'lang="fr"' in card and "Not yet translated into English" in card
    french = (fixture_site / "initiatives" / "zz-french-only" / "index.html").read_text(encoding="utf-8")
    # Its own text only: the related cards below may hold other initiatives awaiting French.
    own = french[french.index('<div class="initiative-page">'):]
    own = own[:own.index('<h2 id="related"')] if '<h2 id="related"' in own else own
    assert "initiative-page__original" in own and "untranslated-notice" not in own


def test_check_lists_what_awaits_translation(fixture_project):
    assert "initiatives/zz-french-only.yml: awaiting en translation" in cli.awaiting_translation(fixture_project)
    assert "initiatives/zz-long-words.yml: awaiting fr translation" in cli.awaiting_translation(fixture_project)
    assert not [line for line in cli.awaiting_translation(fixture_project) if "zz-hostile" in line]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_long_list_is_split_into_linked_pages(fixture_site, fixture_project, prefix):
    ids = [i["id"] for i in catalogue.load(fixture_project).initiatives]
    assert ids == fixture_ids()
    pages = render.index_pages(len(ids), FIXTURE_PAGE_SIZE)
    assert pages >= 3
    first = (fixture_site / prefix / "initiatives" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]+)">(\d+)</a>', first) == [(f"all/{n}/", str(n)) for n in range(2, pages + 1)]
    listed = []
    for page in ["initiatives/index.html"] + [f"initiatives/all/{n}/index.html" for n in range(2, pages + 1)]:
        html = (fixture_site / prefix / page).read_text(encoding="utf-8")
        listed += re.findall(r'<article class="initiative-card" data-id="([^"]+)"', html)
    assert listed == ids


# ------------------------------------------------------------------ the source, as readers see it
def view(lang: str) -> render.View:
    return render.View(CATALOGUE, lang, lambda key: i18n.translate(key, lang, ROOT), "initiatives/x/", ROOT / "docs" / lang)


GUIDE_ITEM = {"id": "x", "source": {"document": "guide-afd-iddri-2018", "lines": "878-926"}}


@pytest.mark.parametrize("lang,ref,expected", [
    ("fr", {"part": "A", "step": 1}, "Guide smart city AFD–Iddri (2018), partie A, étape 1"),
    ("en", {"part": "A", "step": 1}, "AFD–Iddri smart city guide (2018), Part A, step 1"),
    ("fr", {"part": "B", "domain": 2, "step": 4}, "Guide smart city AFD–Iddri (2018), partie B, domaine 2, étape 4"),
    ("en", {"part": "B", "domain": 3}, "AFD–Iddri smart city guide (2018), Part B, domain 3"),
    ("en", {"part": "C", "pillar": 3}, "AFD–Iddri smart city guide (2018), Part C, pillar 3"),
])
def test_a_guide_initiative_is_cited_by_part_and_step_not_by_line(lang, ref, expected):
    # The first reference is where the guide prints the initiative; later ones are other pages that show it.
    item = {**GUIDE_ITEM, "guide_refs": [ref, {"part": "C", "pillar": 1}]}
    assert view(lang).citation(item) == expected


@pytest.mark.parametrize("lang,document,expected", [
    ("fr", "open-north-2021", "Livre blanc Nord Ouvert (2021)"),
    ("en", "open-north-2021", "Open North white paper (2021)"),
    ("en", "datacites-2", "DataCités 2 synthesis"),
    ("fr", "guide-afd-iddri-2018", "Guide smart city AFD–Iddri (2018)"),
])
def test_other_sources_are_cited_by_name(lang, document, expected):
    item = {"id": "x", "source": {"document": document, "lines": "445-477"}}
    refs = [{"part": "A", "step": 5}] if document != "guide-afd-iddri-2018" else []
    assert view(lang).citation({**item, "guide_refs": refs}) == expected


def test_a_guide_initiative_is_printed_on_the_page_of_its_first_reference():
    """The citation names the first guide_ref: the page of that step must cover the initiative's lines."""
    covered = {}
    for page in (ROOT / "docs" / "fr").rglob("*.md"):
        found = re.search(r"coverage: seed 003 lines (.*?)-->", page.read_text(encoding="utf-8"), re.S)
        if found:
            covered[page.relative_to(ROOT / "docs" / "fr").as_posix()] = [
                (int(a), int(b)) for a, b in re.findall(r"(\d+)-(\d+)", found.group(1))]
    guide_items = [i for i in CATALOGUE.initiatives if i["source"]["document"] == render.GUIDE]
    assert guide_items
    for item in guide_items:
        first_line = int(re.match(r"\d+", item["source"]["lines"]).group())
        page = render.guide_ref_src(item["guide_refs"][0])
        assert any(a <= first_line <= b for a, b in covered.get(page, [])), (item["id"], page)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_an_initiative_page_names_its_source_without_line_numbers(site, prefix):
    html = (site / prefix / "initiatives" / "jamaica-community-telecentres" / "index.html").read_text(encoding="utf-8")
    # The paragraph's text, whatever inline markup it holds (a glossary term, a citation).
    source = re.sub(r"<[^>]+>", "", re.search(r'<h2 id="source">[^<]*</h2>\s*<p>(.*?)</p>', html, re.S).group(1))
    assert source.endswith("(2018), partie A, étape 1" if not prefix else "(2018), Part A, step 1"), source
    assert "878" not in source and not re.search(r"\b(lignes|lines)\b", source)


# ------------------------------------------------------------------ places in the reader's language
LAGOS = CATALOGUE.by_id()["lagos-wecyclers"]


@pytest.mark.parametrize("lang,place,expected", [
    ("fr", {"city": {"fr": "Le Cap", "en": "Cape Town"}, "country": "ZA", "region": "africa"}, "Le Cap, Afrique du Sud"),
    ("en", {"city": {"fr": "Le Cap", "en": "Cape Town"}, "country": "ZA", "region": "africa"}, "Cape Town, South Africa"),
    # a whole country: its name once, as Babel spells it in each language
    ("fr", {"city": {"fr": "Ouganda", "en": "Uganda"}, "country": "UG", "region": "africa"}, "Ouganda"),
    ("en", {"city": {"fr": "Ouganda", "en": "Uganda"}, "country": "UG", "region": "africa"}, "Uganda"),
    ("fr", {"city": "Lagos", "country": "NG", "region": "africa"}, "Lagos, Nigeria"),
    ("en", {"city": "Genève", "country": "CH", "region": "europe"}, "Genève, Switzerland"),
    ("fr", {"city": {"fr": "Sous-région du Grand Mékong", "en": "Greater Mekong Subregion"}, "region": "asia"},
     "Sous-région du Grand Mékong"),
])
def test_a_card_names_the_place_in_the_page_language(lang, place, expected):
    assert view(lang).card({**LAGOS, "place": place})["place"] == expected


def test_open_data_has_the_city_in_each_language():
    from macros import export
    columns = list(export.COLUMNS)
    translated = export.row({**LAGOS, "place": {"city": {"fr": "Le Cap", "en": "Cape Town"}, "country": "ZA", "region": "africa"}})
    plain = export.row(LAGOS)
    at = columns.index("city_fr"), columns.index("city_en")
    assert [translated[i] for i in at] == ["Le Cap", "Cape Town"] and [plain[i] for i in at] == ["Lagos", "Lagos"]


@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_translated_city_names_reach_the_pages(site, prefix, lang):
    for item in CATALOGUE.initiatives:
        city = item["place"]["city"]
        if isinstance(city, dict) and city["fr"] != city["en"]:
            html = (site / prefix / "initiatives" / item["id"] / "index.html").read_text(encoding="utf-8")
            place = re.search(r"<dd>([^<(]*)", html[html.index('class="initiative-page__facts"'):]).group(1)
            other = "en" if lang == "fr" else "fr"
            assert place.startswith(city[lang]) and city[other] not in place, (item["id"], place)


@pytest.mark.parametrize("lang,ref,part", [("fr", {"part": "A", "step": 4}, "Partie A"),
                                           ("en", {"part": "B", "domain": 1, "step": 4}, "Part B, domain 1"),
                                           ("en", {"part": "C", "pillar": 2}, "Part C")])
def test_in_the_guide_names_each_page_once_by_its_own_title(lang, ref, part, tmp_path):
    from macros import links
    src = render.guide_ref_src(ref)
    title = links.page_title(src, ROOT / "docs" / lang)
    assert view(lang).chapter_title(ref) == f"{part} · {title}"
    assert title.split(" · ")[0] not in part   # the step or pillar is named once, by the page title
    missing = render.View(CATALOGUE, lang, lambda key: i18n.translate(key, lang, ROOT), "initiatives/x/", tmp_path)
    assert missing.chapter_title(ref)[:1].isupper() and missing.chapter_title(ref).startswith(part.split(",")[0])


# ------------------------------------------------------------------ years (issue 14, point 4)
@pytest.mark.parametrize("lang,years,expected", [
    ("fr", {"start": 2015, "end": 2019}, "2015–2019"), ("en", {"start": 2016, "end": 2016}, "2016"),
    ("fr", {"start": 2015, "end": "ongoing"}, "depuis 2015"), ("en", {"start": 2015, "end": "ongoing"}, "since 2015"),
    ("fr", {"start": 2015}, "lancée en 2015"), ("en", {"start": 2015}, "started in 2015"),
])
def test_a_card_says_whether_an_initiative_ended_runs_or_only_started(lang, years, expected):
    card = view(lang).card({**LAGOS, "years": years})
    assert card["years"] == expected and card["start"] == years["start"] and card["end"] == years.get("end")


def test_an_ongoing_initiative_is_valid_and_exported_as_such(tmp_path):
    import shutil

    from macros import export
    (tmp_path / "initiatives").mkdir()
    shutil.copytree(ROOT / "initiatives" / "vocabularies", tmp_path / "initiatives" / "vocabularies")
    text = (ROOT / "initiatives" / "lagos-wecyclers.yml").read_text(encoding="utf-8")
    (tmp_path / "initiatives" / "lagos-wecyclers.yml").write_text(
        text.replace("years: {start: 2012}", "years: {start: 2012, end: ongoing}"), encoding="utf-8")
    found = catalogue.load(tmp_path)
    assert found.problems == [] and found.initiatives[0]["years"] == {"start": 2012, "end": "ongoing"}
    row = dict(zip(export.COLUMNS, export.row(found.initiatives[0]), strict=True))
    assert (row["year_start"], row["year_end"]) == ("2012", "ongoing")


def test_a_card_shown_on_many_pages_keeps_its_link_and_strings_per_page():
    found = catalogue.load(ROOT)
    item = found.by_id()["lagos-wecyclers"]
    strings = {"initiatives.years_started": "started in {start}"}

    def tr(key):
        return strings.get(key) or i18n.translate(key, "en", ROOT)
    first = render.View(found, "en", tr, "initiatives/themes/solid-waste/", ROOT / "docs" / "en").card(item)
    strings["initiatives.years_started"] = "launched in {start}"   # `mkdocs serve` reloaded the strings
    again = render.View(found, "en", tr, "part-a/step-1/", ROOT / "docs" / "en").card(item)
    assert (first["href"], again["href"]) == ("../../lagos-wecyclers/", "../../initiatives/lagos-wecyclers/")
    assert (first["years"], again["years"]) == ("started in 2012", "launched in 2012")
    assert {k: v for k, v in first.items() if k not in ("href", "years")} == {k: v for k, v in again.items() if k not in ("href", "years")}
    # an item that is not the catalogue's own (a changed copy) is never taken for it
    assert render.View(found, "en", tr, "x/", ROOT / "docs" / "en").card({**item, "title": {"en": "Other"}})["title"] == "Other"


def test_related_initiatives_share_the_most_themes_ties_by_id():
    def item(i, themes):
        return {"id": i, "themes": themes}
    found = catalogue.Catalogue(initiatives=[item("a", ["x", "y"]), item("b", ["x"]), item("c", ["x", "y"]), item("d", ["y"]),
                                             item("e", ["z"]), item("f", ["x", "y", "z"])])
    assert [i["id"] for i in found.related("a", limit=3)] == ["c", "f", "b"]
    assert [i["id"] for i in found.related("e")] == ["f"]

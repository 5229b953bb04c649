"""`make serve` with a broken data file: the browser gets a page that names the file, line,
field and fix, and the site comes back when the file is fixed (issue 14, point 7)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import copy_project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def _wait(url: str, condition, seconds: float = 600) -> tuple[int, str]:
    """Ask until the answer satisfies `condition` (each build of the copy takes a while)."""
    deadline = time.monotonic() + seconds
    status, body = _get(url)
    while not condition(status, body) and time.monotonic() < deadline:
        time.sleep(0.2)
        status, body = _get(url)
    return status, body


def _problems_page(status: int, body: str) -> bool:
    return "data-build-problems" in body


def _real_page(status: int, body: str) -> bool:
    return status == 200 and "data-build-problems" not in body and "md-content" in body


@pytest.mark.build
def test_serve_shows_a_broken_file_in_the_browser_and_recovers(tmp_path):
    root = copy_project(tmp_path / "project")
    # The worksheet PDFs have nothing to do with this test and would be rendered for the
    # server's address: the copy builds without them.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("  - hooks/worksheet_pdfs.py\n", "")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    initiative = root / "initiatives" / "lagos-wecyclers.yml"
    good = initiative.read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(good.splitlines(), 1) if text.startswith("themes:"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PDF_CACHE_DIR=str(tmp_path / "pdf-cache"))
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                              cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        status, _ = _wait(url, _real_page)
        assert status == 200, "the site was never served"
        initiative.write_text(good.replace("themes: [solid-waste,", "themes: [solid-wastes,"), encoding="utf-8")
        status, body = _wait(url, _problems_page)
        assert _problems_page(status, body), body[:2000]
        assert (f"<code>initiatives/lagos-wecyclers.yml:{line}</code> · <code>themes[0]</code></span> — "
                "unknown theme &#39;solid-wastes&#39;<span class=\"fix\">→ did you mean &#39;solid-waste&#39;?</span>") in body
        assert "thème hors de la liste : &#39;solid-wastes&#39;" in body            # and in French
        assert "location.reload()" in body                                  # it reloads itself once fixed
        status, body = _get(url + "en/initiatives/lagos-wecyclers/")        # any address of the site shows it
        assert _problems_page(status, body)
        assert server.poll() is None, "the server stopped on invalid data"
        initiative.write_text(good, encoding="utf-8")
        status, body = _wait(url + "initiatives/lagos-wecyclers/", _real_page)
        assert _real_page(status, body), body[:2000]
        assert _real_page(*_wait(url + "en/initiatives/lagos-wecyclers/", _real_page))
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0].decode("utf-8", "replace")
    assert "Invalid data (1 problem(s)); the browser shows them until they are fixed" in output
    assert "Traceback" not in output
    # The French pages reloaded without waiting for the English build, whose pages reloaded after.
    last = output[output.rindex("Detected file changes"):]
    assert last.index("Reloading browsers") < last.index("English pages rebuilt"), last[-3000:]


"""The suite's own machinery: what `make test` relies on to run on several workers."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# A session fixture made with made_once, asked for by tests spread over two workers: each
# making writes a line to a file outside pytest's folders, so the test can count them.
MADE_ONCE_TESTS = """\
import importlib.util
import os
import time
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location("suite_conftest", {conftest!r})
suite = importlib.util.module_from_spec(spec)
spec.loader.exec_module(suite)


@pytest.fixture(scope="session")
def thing(pytestconfig, tmp_path_factory):
    with suite.made_once(pytestconfig, tmp_path_factory, "thing") as (folder, made):
        if not made:
            time.sleep(0.5)   # long enough for the other worker to ask meanwhile
            folder.mkdir()
            (folder / "made-by").write_text(os.environ.get("PYTEST_XDIST_WORKER", "-"))
            with open({log!r}, "a") as log:
                log.write("made\\n")
    return folder


@pytest.mark.parametrize("n", range(8))
def test_uses_it(thing, n):
    time.sleep(0.05)
    assert (thing / "made-by").read_text()
    with open({ran!r}, "a") as ran:
        ran.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
"""


def test_a_shared_session_fixture_is_made_once_for_all_workers(tmp_path):
    log, ran = tmp_path / "made.log", tmp_path / "ran.log"
    tests = tmp_path / "suite"
    tests.mkdir()
    (tests / "test_shared.py").write_text(MADE_ONCE_TESTS.format(
        conftest=str(Path(__file__).with_name("conftest.py")), log=str(log), ran=str(ran)), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
                             "--basetemp", str(tmp_path / "base"), str(tests)],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"})   # its own options only
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 passed" in result.stdout, result.stdout
    assert set(ran.read_text().split()) == {"gw0", "gw1"}   # both workers used it
    assert log.read_text().splitlines() == ["made"]


def test_a_shared_page_comes_back_as_new_and_refuses_what_would_outlast_a_test(browser, server):
    import pytest
    from conftest import SharedPage
    shared = SharedPage(browser.new_context())
    try:
        page = shared.lend()
        page.goto(server.url)
        page.evaluate("localStorage.setItem('k', '1'); sessionStorage.setItem('k', '2'); document.cookie = 'k=3; path=/'")
        page.context.grant_permissions(["clipboard-read"], origin=server.url.rstrip("/"))
        page.emulate_media(media="print")
        with pytest.raises(RuntimeError, match=r"page\.on\(\) would outlast this test .* new_page fixture"):
            page.on("request", print)
        shared.put_back()
        assert page.url == "about:blank"
        page = shared.lend()
        page.goto(server.url)
        assert page.evaluate("[localStorage.getItem('k'), sessionStorage.getItem('k'), document.cookie]") == [None, None, ""]
        assert page.evaluate("matchMedia('print').matches") is False
        assert page.evaluate("navigator.permissions.query({name: 'clipboard-read'}).then(p => p.state)") != "granted"
    finally:
        shared.page.context.close()

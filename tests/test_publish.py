"""Publishing the built site: `make site` replaces site/ with renames only, so a build
stopped at any moment leaves a whole site (issue 15, point 7)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT

FILES = 200


def _fake_tools(folder: Path, marker: Path) -> None:
    """A stand-in `mkdocs` that writes a new site of FILES pages, and an `rm` that removes
    one file of a folder and then stalls: the moment the test stops the build."""
    folder.mkdir()
    (folder / "mkdocs").write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import sys
        from pathlib import Path
        dest = Path(sys.argv[sys.argv.index("--site-dir") + 1])
        for n in range({FILES}):
            (dest / f"page-{{n}}").mkdir(parents=True)
            (dest / f"page-{{n}}" / "index.html").write_text("new")
        """))
    (folder / "rm").write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import shutil, sys, time
        from pathlib import Path
        for name in [a for a in sys.argv[1:] if not a.startswith("-")]:
            path = Path(name)
            if path.is_dir() and any(path.rglob("*.html")):
                next(path.rglob("*.html")).unlink()
                Path({str(marker)!r}).write_text(name)
                time.sleep(120)
            shutil.rmtree(path, ignore_errors=True)
        """))
    for tool in ("mkdocs", "rm"):
        (folder / tool).chmod(0o755)


def _pages(site: Path) -> dict[str, str]:
    return {p.parent.name: p.read_text() for p in site.glob("*/index.html")}


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_stopping_make_site_while_it_publishes_leaves_a_whole_site(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    old = tmp_path / "site"
    for n in range(FILES):
        (old / f"page-{n}").mkdir(parents=True)
        (old / f"page-{n}" / "index.html").write_text("old")
    marker = tmp_path / "stalled"
    _fake_tools(tmp_path / "bin", marker)
    env = dict(os.environ, PATH=f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    make = subprocess.Popen(["make", "-o", ".venv/.installed", "-o", "system", "site", f"BIN={tmp_path / 'bin'}"],
                            cwd=tmp_path, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(600):   # until a folder is half removed, or make ends (it cannot stall then)
            if marker.exists() or make.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), make.communicate()[0].decode()
    finally:
        os.killpg(make.pid, signal.SIGKILL)
        make.wait()
    pages = _pages(tmp_path / "site")
    assert len(pages) == FILES and len(set(pages.values())) == 1, \
        f"site/ has {len(pages)} of {FILES} pages after a stop while removing {marker.read_text()}"
    assert set(pages.values()) == {"new"}


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_a_site_left_aside_by_an_interruption_is_put_back(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "site.old" / "page").mkdir(parents=True)
    (tmp_path / "site.old" / "page" / "index.html").write_text("old")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "mkdocs").write_text(f"#!{sys.executable}\nimport sys\nsys.exit(1)\n")   # this build fails
    (bin_dir / "mkdocs").chmod(0o755)
    result = subprocess.run(["make", "-o", ".venv/.installed", "-o", "system", "site", f"BIN={bin_dir}"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert _pages(tmp_path / "site") == {"page": "old"} and not (tmp_path / "site.old").exists()


# ------------------------------------------------------------------ the English build's leftovers (point 9)
def _processes_naming(text: str) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text.encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            pass
    return found


def _wait_for(condition, seconds: float = 120) -> bool:
    for _ in range(int(seconds * 10)):
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.build
@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc to find the English process")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_leaves_no_english_process_or_folder(tmp_path, how):
    from conftest import SITE_URL, copy_project
    root = copy_project(tmp_path / "project")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    stale = tmp / f"site-en-{dead}-left"        # what a build killed earlier left behind
    (stale / "index.html").parent.mkdir()
    (stale / "index.html").write_text("old")
    env = dict(os.environ, TMPDIR=str(tmp), SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1",
               PDF_CACHE_DIR=os.environ.get("PDF_CACHE_DIR", str(ROOT / ".cache")))
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                             cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: [f for f in tmp.glob("site-en-*") if f != stale] or build.poll() is not None)
        folder = next(f for f in tmp.glob("site-en-*") if f != stale)
        assert _wait_for(lambda: _processes_naming(str(folder)) or build.poll() is not None)
        assert build.poll() is None, "the build ended before it could be stopped"
        assert not stale.exists(), "a folder left by a killed build is removed by the next one"
        build.send_signal(how)
        build.wait(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
    assert _wait_for(lambda: not _processes_naming(str(folder)), 60), "the English build outlived the French one"
    assert _wait_for(lambda: not folder.exists(), 60), f"{folder.name} was left in the temporary folder"

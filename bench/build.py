"""Benchmark: how long the bilingual build takes, against a plain site of the same pages.

The plain equivalent is Material for MkDocs + mkdocs-static-i18n building, in one project,
every page this project builds (both languages), each page's article as raw HTML: the same
pages and the same theme, without our data, macros and hooks. Runs are warm (caches filled
by a first build of each) and alternate, and the medians are compared.

Then the time from saving a page under `mkdocs serve` to the page being served with the
change, for both projects.

Usage: .venv/bin/python bench/build.py [--runs 5] [--edits 3] [--no-serve]     (figures, not a test)
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import SITE_URL, copy_project  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1", PDF_CACHE_DIR=str(ROOT / ".cache"))
PLAIN_CONFIG = """\
site_name: Plain equivalent
site_url: {site_url}
docs_dir: docs
theme:
  name: material
  language: fr
  font: false
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {{locale: fr, default: true, name: Français, build: true}}
        - {{locale: en, name: English, build: true}}
markdown_extensions: [attr_list, md_in_html]
"""


def run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (all child processes) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def plain_equivalent(site: Path, dest: Path) -> int:
    """Write every built page's article as a raw-HTML Markdown page of a static-i18n project."""
    count = 0
    for html_path in sorted(site.rglob("index.html")):
        rel = html_path.relative_to(site)
        lang = "en" if rel.parts[0] == "en" else "fr"
        rel = Path(*rel.parts[1:]) if lang == "en" else rel
        html = html_path.read_text(encoding="utf-8")
        start = html.find('<article class="md-content__inner')
        if start < 0:
            continue
        start = html.index(">", start) + 1
        article = html[start:html.rindex("</article>", start, html.index("</main>"))]
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).split(" - ")[0].replace('"', "'")
        md = dest / "docs" / lang / (rel.parent.as_posix() + ".md" if rel.parent.as_posix() != "." else "index.md")
        md.parent.mkdir(parents=True, exist_ok=True)
        md.write_text(f'---\ntitle: "{title}"\n---\n\n<div markdown="0">\n{article}\n</div>\n', encoding="utf-8")
        count += 1
    (dest / "mkdocs.yml").write_text(PLAIN_CONFIG.format(site_url=SITE_URL), encoding="utf-8")
    return count


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read().decode("utf-8", "replace")


def serve_address(cache: Path) -> tuple[int, dict]:
    """The port to serve on and the environment: `make serve`'s own port when it is free. Under
    `mkdocs serve` the site's address is the server's, and the worksheet PDFs carry it (QR codes):
    on `make serve`'s port they come from the project's cache, on another one they are rendered
    for that address into a cache of the benchmark's own (the project's keeps its entries)."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", 8000))
            return 8000, ENV
        except OSError:
            pass
    return free_port(), dict(ENV, PDF_CACHE_DIR=str(cache))


def edit_to_reload(project: Path, page: Path, url_path: str, edits: int) -> list[float]:
    """Seconds from saving `page` to `mkdocs serve` serving it with the change."""
    port, env = serve_address(project.parent / f"{project.name}-serve-cache")
    server = subprocess.Popen(MKDOCS + ["serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{url_path}"
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                fetch(url)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit(f"mkdocs serve did not start in {project}")
                time.sleep(0.2)
        original = page.read_text(encoding="utf-8")
        times = []
        for n in range(edits):
            time.sleep(1.5)   # let the watcher settle after the previous build
            marker = f"benchmarkedit{n}x{int(time.time())}"
            start = time.perf_counter()
            page.write_text(original + f"\n\n<p>{marker}</p>\n", encoding="utf-8")
            while marker not in fetch(url):
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
        page.write_text(original, encoding="utf-8")
        return times
    finally:
        server.terminate()
        server.wait()


def figures(label: str, values: list[float]) -> str:
    return f"{label} median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--no-serve", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        run(MKDOCS + ["build", "--strict", "--site-dir", str(tmp / "site")], project)   # warm the caches
        plain = tmp / "plain"
        pages = plain_equivalent(tmp / "site", plain)
        run(MKDOCS + ["build", "--site-dir", str(tmp / "plain-site")], plain)
        print(f"{pages} pages (both languages); {os.cpu_count()} cores; {args.runs} alternating warm runs each")
        ours, theirs = {"wall": [], "cpu": []}, {"wall": [], "cpu": []}
        for _ in range(args.runs):
            for store, cmd, cwd in ((ours, MKDOCS + ["build", "--strict", "--site-dir", str(tmp / "site")], project),
                                    (theirs, MKDOCS + ["build", "--site-dir", str(tmp / "plain-site")], plain)):
                wall, cpu = run(cmd, cwd)
                store["wall"].append(wall)
                store["cpu"].append(cpu)
        print(figures("project build   wall", ours["wall"]), "·", figures("cpu", ours["cpu"]))
        print(figures("plain static-i18n wall", theirs["wall"]), "·", figures("cpu", theirs["cpu"]))
        print(f"ratio project/plain: wall {statistics.median(ours['wall']) / statistics.median(theirs['wall']):.2f}× · "
              f"cpu {statistics.median(ours['cpu']) / statistics.median(theirs['cpu']):.2f}×")
        if args.no_serve:
            return
        ours_reload = edit_to_reload(project, project / "docs/fr/part-a/step-4.md", "part-a/step-4/", args.edits)
        theirs_reload = edit_to_reload(plain, plain / "docs/fr/part-a/step-4.md", "part-a/step-4/", args.edits)
        print(figures("edit-to-reload under mkdocs serve, project", ours_reload))
        print(figures("edit-to-reload under mkdocs serve, plain  ", theirs_reload))
        print(f"ratio project/plain: {statistics.median(ours_reload) / statistics.median(theirs_reload):.2f}×")


if __name__ == "__main__":
    main()

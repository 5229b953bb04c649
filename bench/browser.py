"""Benchmark: what the browser tests' steps cost Chromium, in the machine's CPU seconds (from
/proc/stat: the renderers are not children of this process), for each Chromium installed:
a new context with its first load, a new page in an open context, an open page moved to another
address (scripts on and off), and an axe-core run. These figures chose the shared page of
tests/conftest.py and the headless shell. Run it on a quiet machine.

Usage: .venv/bin/python bench/browser.py [SITE]   (a site built with SITE_URL=http://127.0.0.1:8000/;
       without SITE, it builds one in a temporary folder)          (figures, not a test)
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM_ARGS, build_site, wcag_violations  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from siteserver import SiteServer  # noqa: E402

BROWSERS = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
PAGES = ("part-a/step-1/", "introduction/", "initiatives/", "glossary/", "part-b/urban-services/step-3/")
RUNS = 8


def machine_cpu_seconds() -> float:
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    return sum(int(f) for i, f in enumerate(fields) if i not in (3, 4)) / os.sysconf("SC_CLK_TCK")


def each(step, runs: int = RUNS) -> str:
    cpu, start = machine_cpu_seconds(), time.perf_counter()
    for i in range(runs):
        step(i)
    return f"{(machine_cpu_seconds() - cpu) / runs:.3f} CPU-s, {(time.perf_counter() - start) / runs:.3f} s wall"


def measure(pw, executable: str, url: str) -> None:
    browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    print(f"\n{executable} ({browser.version}), each step the mean of {RUNS}:")

    def new_context(_):
        context = browser.new_context()
        context.new_page().goto(url + PAGES[0])
        context.close()
    print("  new context, first load      ", each(new_context))
    context = browser.new_context()
    pages = [context.new_page()]
    pages[0].goto(url + PAGES[0])

    def new_page(_):
        pages[0].close()
        pages[0] = context.new_page()
        pages[0].goto(url + PAGES[0])
    print("  new page in an open context  ", each(new_page))
    print("  open page, another address   ", each(lambda i: pages[0].goto(url + PAGES[i % len(PAGES)])))
    pages[0].goto(url + PAGES[0])
    print("  axe-core on a content page   ", each(lambda _: wcag_violations(pages[0]), 4))
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    print("  same, scripts off            ", each(lambda i: page.goto(url + PAGES[i % len(PAGES)])))
    browser.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp) / "site"
        if len(sys.argv) == 1:
            built = build_site(site)
            if built.returncode:
                sys.exit(built.stderr[-3000:])
        found = [path for path in BROWSERS if os.path.exists(path)]
        if not found:
            sys.exit(f"none of {', '.join(BROWSERS)} is installed (make browser)")
        with SiteServer(site) as server, sync_playwright() as pw:
            for executable in found:
                measure(pw, executable, server.url)


if __name__ == "__main__":
    main()

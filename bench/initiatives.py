"""Benchmark: the cost of the Initiatives section as the number of initiatives grows.

For each N (default 100, 1000, 5000) it copies the project to a temporary folder, adds N
synthetic initiatives and 40 plain Markdown pages of similar size (20 per language), builds
the bilingual site once, and prints:
  - wall time of the whole build (both languages), and time per initiative;
  - mean time per initiative page and per plain page in the same build (from a timing hook
    between on_pre_page and on_post_page), and their ratio;
  - peak memory (largest process: the French build or the English one);
  - size of the All initiatives page (raw and gzip) and of each search index.

Usage: .venv/bin/python bench/initiatives.py [N ...]      (figures, not a test)
"""
from __future__ import annotations

import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from conftest import SITE_URL, copy_project  # noqa: E402

WORDS = ("ville quartier service données habitants collecte réseau carte mairie projet outil usage "
         "city district service data residents collection network map council project tool use").split()

# MkDocs reads and converts every page first, then renders every page's template: time
# each page's two phases (macros and Markdown; theme template) and add them up.
TIMING_HOOK = '''
import json, os, time
from pathlib import Path
_times, _start = {}, {}
def on_pre_page(page, config, files):
    _start[page.file.src_uri] = time.perf_counter()
def on_page_content(html, page, config, files):
    uri = page.file.src_uri
    _times[uri] = _times.get(uri, 0) + time.perf_counter() - _start.pop(uri)
def on_page_context(context, page, config, nav):
    _start[page.file.src_uri] = time.perf_counter()
def on_post_page(output, page, config):
    uri = page.file.src_uri
    _times[uri] = _times.get(uri, 0) + time.perf_counter() - _start.pop(uri)
def on_post_build(config):
    lang = config["theme"]["language"]
    Path(os.environ["BENCH_TIMES"]).joinpath(lang + ".json").write_text(json.dumps(_times))
'''


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def text(rng: random.Random, chars: int) -> str:
    out = ""
    while len(out) < chars:
        out += sentence(rng, rng.randint(8, 16)) + " "
    return out[:chars].rstrip() + "."


def synthetic(i: int, vocab: dict, rng: random.Random) -> dict:
    def pick(name, k):
        return rng.sample(sorted(vocab[name]), k)
    langs = {lang: None for lang in ("fr", "en")}
    return {
        "id": f"bench-{i:05d}",
        "title": {lang: f"Initiative {i} " + sentence(rng, 4)[:-1] for lang in langs},
        "summary": {lang: text(rng, 300) for lang in langs},
        "description": {lang: text(rng, 700) + "\n\n" + text(rng, 700) for lang in langs},
        "lessons": {lang: text(rng, 250) for lang in langs},
        "place": {"city": f"Ville {i}", "country": rng.choice(["SN", "FR", "BR", "VN", "MA", "KE"]),
                  "region": rng.choice(sorted(vocab["regions"]))},
        "years": {"start": rng.randint(2000, 2024)},
        "themes": pick("themes", 2), "tools": pick("tools", 2), "actors": pick("actors", 2),
        "links": [{"url": f"https://example.org/{i}", "label": {lang: "Site" for lang in langs}}],
        "guide_refs": [{"part": "A", "step": rng.randint(1, 6)}],
        "source": {"document": "contribution", "organisation": "Benchmark", "date": "2026-01-01"},
    }


def plain_page(k: int, rng: random.Random) -> str:
    body = "\n\n".join(text(rng, 700) for _ in range(3))
    return (f"---\ntitle: Page {k}\ndescription: A plain Markdown page of about the size of an initiative page.\n---\n\n"
            f"# Page {k}\n\n{text(rng, 300)}\n\n## Section\n\n{body}\n\n- {sentence(rng, 6)}\n- {sentence(rng, 6)}\n")


def gz(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6))


def run(n: int, workdir: Path) -> dict:
    rng = random.Random(n)
    root = copy_project(workdir / f"n{n}")
    vocab = {name: yaml.safe_load((root / "initiatives" / "vocabularies" / f"{name}.yml").read_text())
             for name in ("themes", "regions", "tools", "actors")}
    for i in range(n):
        item = synthetic(i, vocab, rng)
        (root / "initiatives" / f"{item['id']}.yml").write_text(yaml.safe_dump(item, allow_unicode=True), encoding="utf-8")
    for lang in ("fr", "en"):
        folder = root / "docs" / lang / "bench-plain"
        folder.mkdir()
        for k in range(20):
            (folder / f"page-{k}.md").write_text(plain_page(k, rng), encoding="utf-8")
    (root / "hooks" / "bench_timing.py").write_text(TIMING_HOOK)
    config = (root / "mkdocs.yml").read_text()
    config = config.replace("  - hooks/data.py\n", "  - hooks/data.py\n  - hooks/bench_timing.py\n")
    config += "\n  /bench-plain/*.md\n" if "not_in_nav: |" in config else ""
    (root / "mkdocs.yml").write_text(config)
    times_dir = workdir / f"times-{n}"
    times_dir.mkdir()
    # The tests' SITE_URL: the PDFs come from their cache (a different address would render them again and prune it).
    env = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1", BENCH_TIMES=str(times_dir), PDF_CACHE_DIR=str(ROOT / ".cache"))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")],
                            cwd=root, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build failed for N={n}:\n{result.stderr[-3000:]}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    times = json.loads((times_dir / "fr.json").read_text())
    initiative = [t for uri, t in times.items() if uri.startswith("initiatives/bench-")]
    plain = [t for uri, t in times.items() if uri.startswith("bench-plain/")]
    site = root / "site"
    return {
        "n": n, "wall": wall, "per_item_ms": wall / n * 1000,
        "initiative_ms": sum(initiative) / len(initiative) * 1000, "plain_ms": sum(plain) / len(plain) * 1000,
        "peak_mb": peak_mb,
        "index": gz(site / "initiatives" / "index.html"),
        "search_fr": gz(site / "search" / "search_index.json"), "search_en": gz(site / "en" / "search" / "search_index.json"),
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 5000]
    print(f"{'N':>6} {'build s':>8} {'ms/item':>8} {'init. page ms':>14} {'plain page ms':>14} {'ratio':>6} "
          f"{'peak MB':>8} {'index KB raw/gz':>16} {'search fr KB raw/gz':>20} {'search en KB raw/gz':>20}")
    with tempfile.TemporaryDirectory(prefix="bench-initiatives-") as tmp:
        for n in sizes:
            r = run(n, Path(tmp))
            print(f"{r['n']:>6} {r['wall']:>8.1f} {r['per_item_ms']:>8.1f} {r['initiative_ms']:>14.2f} {r['plain_ms']:>14.2f} "
                  f"{r['initiative_ms'] / r['plain_ms']:>6.2f} {r['peak_mb']:>8.0f} "
                  f"{r['index'][0] / 1024:>8.0f}/{r['index'][1] / 1024:<7.0f} "
                  f"{r['search_fr'][0] / 1024:>10.0f}/{r['search_fr'][1] / 1024:<9.0f} "
                  f"{r['search_en'][0] / 1024:>10.0f}/{r['search_en'][1] / 1024:<9.0f}", flush=True)


if __name__ == "__main__":
    main()

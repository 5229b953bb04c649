"""Benchmark: worksheet PDFs — time and size per PDF, the booklet, and a warm rebuild.

Renders every worksheet in both languages with an empty cache (printable and fillable,
one at a time), then the booklet, then runs the whole PDF step again on the warm cache.
Usage: .venv/bin/python bench/pdfs.py            (figures, not a test)
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_worksheets import _strings  # noqa: E402

from macros import pdf, worksheets  # noqa: E402


def main() -> None:
    sheets, problems = worksheets.load(ROOT)
    if problems:
        sys.exit("\n".join(map(str, problems)))
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        tmp = Path(tmp)
        where = {s["id"]: "A" for s in sheets}
        urls = {s["id"]: f"https://example.org/worksheets/#worksheet-{s['id']}" for s in sheets}
        groups = [{"label": "All", "ids": [s["id"] for s in sheets]}]
        font = pdf.form_font(tmp / "cache")
        for lang in ("fr", "en"):
            times = {"printable": [], "fillable": []}
            sizes = {"printable": [], "fillable": []}
            for sheet in sheets:
                context = pdf.sheet_context(sheet, lang, "A", urls[sheet["id"]])
                for kind in ("printable", "fillable"):
                    start = time.perf_counter()
                    data = pdf.render(pdf.html([context], lang, _strings(), kind == "fillable", font), kind == "fillable")
                    times[kind].append(time.perf_counter() - start)
                    sizes[kind].append(len(data))
            for kind in ("printable", "fillable"):
                print(f"{lang} {kind:9}: {len(sheets)} PDFs, time mean {statistics.mean(times[kind]):.2f} s "
                      f"(max {max(times[kind]):.2f}), size mean {statistics.mean(sizes[kind]) / 1024:.0f} KB "
                      f"(max {max(sizes[kind]) / 1024:.0f} KB)")
            start = time.perf_counter()
            contexts = [pdf.sheet_context(s, lang, "A", urls[s["id"]]) for s in sheets]
            booklet = {"title": "Booklet", "address": "example.org/worksheets/",
                       "groups": [{"label": "All", "sheets": contexts}]}
            data = pdf.render(pdf.html(contexts, lang, _strings(), False, font, booklet), False)
            print(f"{lang} booklet  : {time.perf_counter() - start:.1f} s, {len(data) / 1024:.0f} KB, "
                  f"{len(sheets)} worksheets")
        cold = pdf.build(sheets, "fr", tmp / "out1", tmp / "cache", _strings(), where, urls, groups,
                         booklet_url="https://example.org/worksheets/")
        warm = pdf.build(sheets, "fr", tmp / "out2", tmp / "cache", _strings(), where, urls, groups,
                         booklet_url="https://example.org/worksheets/")
        print(f"whole PDF step, one language: cold {cold.seconds:.1f} s ({len(cold.rendered)} rendered); "
              f"warm {warm.seconds:.2f} s ({len(warm.rendered)} rendered, {warm.reused} from cache)")


if __name__ == "__main__":
    main()

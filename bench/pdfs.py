"""Benchmark: worksheet PDFs — a cold PDF step per language (every PDF rendered), then a warm
one (every PDF from the cache), with time and size per kind of PDF: printable, fillable and
facilitator sheets, the booklet, the workshop kits and the posters; and how the sheets fit
their pages.

Worksheets without facilitator notes get the notes of tests/trainer_fixtures.py, so that the
figures include the facilitator PDFs and full kits (`--as-is` keeps the worksheets as they are).
Usage: .venv/bin/python bench/pdfs.py [--as-is] [fr|en]     (figures, not a test)
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import trainer_fixtures  # noqa: E402

from macros import i18n, pdf, pdfcache, store, worksheets, workshop  # noqa: E402


def kind_of(name: str, sheet_ids: set) -> str:
    if name == worksheets.BOOKLET:
        return "booklet"
    if name.startswith("kit-"):
        return "kit"
    if name.startswith("poster-"):
        return "poster"
    if name.endswith("-fillable.pdf"):
        return "fillable"
    if name.endswith("-facilitator.pdf"):
        return "facilitator"
    return "printable"


def report(lang: str, cold: pdf.Stats, warm: pdf.Stats, sheet_ids: set) -> None:
    kinds: dict = {}
    for name, size in cold.sizes.items():
        kinds.setdefault(kind_of(name, sheet_ids), []).append((cold.times.get(name, 0.0), size))
    for kind in ("printable", "fillable", "facilitator", "booklet", "kit", "poster"):
        rows = kinds.get(kind, [])
        if not rows:
            continue
        times, sizes = [t for t, _ in rows], [s for _, s in rows]
        print(f"{lang} {kind:11}: {len(rows):3} PDFs, render mean {statistics.mean(times):5.2f} s (max {max(times):5.2f}, "
              f"total {sum(times):6.1f}), size mean {statistics.mean(sizes) / 1024:4.0f} KB (max {max(sizes) / 1024:4.0f} KB, "
              f"total {sum(sizes) / 1024:5.0f} KB)")
    print(f"{lang} PDF step   : cold {cold.seconds:.1f} s ({len(cold.rendered)} rendered); warm {warm.seconds:.2f} s "
          f"({len(warm.rendered)} rendered, {warm.reused} from cache){'' if warm.seconds < 1 else '  <-- over 1 s'}")


def fits(lang: str, cache: Path, sheets: list[dict]) -> None:
    found = [pdfcache.verified(p) for p in (cache / "pdf" / lang).glob("*.json")]
    fits = [json.loads(f) for f in found if f is not None]
    print(f"{lang} fitting    : {len(sheets)} sheets; {sum(1 for f in fits if f.get('compact'))} set tighter to save a page, "
          f"{sum(1 for f in fits if f.get('extra'))} given more room on their last page")


def main() -> None:
    langs = [a for a in sys.argv[1:] if not a.startswith("--")]
    data = store.load(ROOT)
    if data.problems:
        sys.exit("\n".join(map(str, data.problems)))
    sheets = data.worksheets
    if "--as-is" not in sys.argv:
        sheets = [s if s.get("facilitator") else trainer_fixtures.with_notes(s) for s in sheets]
    for lang in langs or ("fr", "en"):
        tr = lambda key, lang=lang: i18n.translate(key, lang, ROOT)  # noqa: E731
        domains = data.catalogue.domain_labels(lang)
        groups = worksheets.groups(sheets, tr, domains.get)
        where = {s["id"]: worksheets.place(s["location"], tr, domains.get) for s in sheets}
        urls = {s["id"]: f"https://example.org/worksheets/#worksheet-{s['id']}" for s in sheets}
        with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
            tmp = Path(tmp)
            kwargs = dict(strings=pdf.strings(tr), where=where, urls=urls, groups=groups, booklet_url="https://example.org/worksheets/")
            start = time.perf_counter()
            cold = pdf.build(sheets, lang, tmp / "out1", tmp / "cache", **kwargs)
            print(f"{lang}: {len(sheets)} worksheets, {len(workshop.kits(sheets, groups))} kits, "
                  f"{len(workshop.posters(sheets))} posters; cold step {time.perf_counter() - start:.1f} s")
            warm = pdf.build(sheets, lang, tmp / "out2", tmp / "cache", **kwargs)
            report(lang, cold, warm, {s["id"] for s in sheets})
            fits(lang, tmp / "cache", sheets)


if __name__ == "__main__":
    main()

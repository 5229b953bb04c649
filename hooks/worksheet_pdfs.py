"""MkDocs hook: after each language's build, put every worksheet PDF in
<site_dir>/worksheets/pdf/ (printable, fillable and facilitator PDFs, the booklet, the workshop
kits and the posters), from the cache when nothing changed (macros/pdf.py). The cache lives in
.cache/ (PDF_CACHE_DIR overrides it), one folder per language, holding only current entries."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import i18n, links, pdf, store, worksheets  # noqa: E402

log = logging.getLogger("mkdocs.hooks.worksheet_pdfs")


def cache_dir() -> Path:
    return Path(os.environ.get("PDF_CACHE_DIR") or ROOT / ".cache")


def on_post_build(config):
    lang = i18n.build_language(config)
    tr = lambda key: i18n.translate(key, lang, ROOT)  # noqa: E731
    strings = pdf.strings(tr)
    data = store.current(ROOT)
    if data.problems:   # on_config of hooks/data.py has already stopped the build
        return
    sheets = data.worksheets
    domains = data.catalogue.domain_labels(lang)
    docs = Path(config["docs_dir"])
    embedded = worksheets.embedded_in(docs)
    site_url = config.get("site_url") or "http://127.0.0.1:8000/"
    where = {s["id"]: worksheets.place(s["location"], tr, domains.get) for s in sheets}
    urls = {s["id"]: site_url + links.page_url(worksheets.online_src(s["id"], docs, embedded)) for s in sheets}
    stats = pdf.build(sheets, lang, Path(config["site_dir"]) / worksheets.PDF_DIR, cache_dir(), strings, where, urls,
                      worksheets.groups(sheets, tr, domains.get), booklet_url=site_url + links.page_url(worksheets.LIST_PAGE))
    log.info("worksheet PDFs (%s): %d rendered, %d from cache, %.2f s", lang, len(stats.rendered), stats.reused, stats.seconds)
    if stats.repaired:
        log.info("worksheet PDFs (%s): %d cache entries were damaged and rendered again", lang, len(stats.repaired))
    if stats.removed:
        log.info("worksheet PDFs (%s): %d unused cache files removed", lang, stats.removed)

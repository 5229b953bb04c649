"""MkDocs hook: site search —
- finds accented words typed without accents (macros/searchfold.py);
- reads less: what it would skip (cards, related initiatives) is set aside while Material's
  search plugin reads the page, and put back right after (macros/searchskip.py). This hook's
  on_page_content runs after the other hooks have changed the text, its on_page_context after
  the plugin (MkDocs runs hooks after plugins)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import searchfold, searchskip  # noqa: E402

_set_aside: dict[str, list[str]] = {}   # page -> what search does not read, until it has read the page


def on_page_content(html, page, config, files):
    html, _set_aside[page.file.src_uri] = searchskip.set_aside(html)
    return html


def on_page_context(context, page, config, nav):
    page.content = searchskip.put_back(page.content, _set_aside.pop(page.file.src_uri, []))
    return context


def on_post_build(config):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        index.write_text(searchfold.add_folded(index.read_text(encoding="utf-8")), encoding="utf-8")

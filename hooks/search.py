"""MkDocs hook: site search finds accented words typed without accents (macros/searchfold.py)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import searchfold  # noqa: E402


def on_post_build(config):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        index.write_text(searchfold.add_folded(index.read_text(encoding="utf-8")), encoding="utf-8")

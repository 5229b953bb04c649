"""MkDocs hook: tables stack into cards on phones (macros/tables.py; styles in site.css)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import tables  # noqa: E402


def on_page_content(html, page, config, files):
    return tables.stackable(html)

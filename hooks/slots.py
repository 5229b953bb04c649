"""MkDocs hook: put back the HTML that macros kept out of Markdown (see macros/slots.py)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import slots  # noqa: E402


def on_page_content(html, page, config, files):
    return slots.fill(html)

"""MkDocs hook: French pages get French typography in their text (macros/typography.py) —
no-break spaces before : ; ? ! and inside « guillemets », numbers kept with their units,
typographic apostrophes — so a phone never starts a line with a colon. Only text nodes
change: markup, character references and code are left as written."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import i18n, typography  # noqa: E402


def on_page_content(html, page, config, files):
    return typography.french_html(html) if i18n.build_language(config) == "fr" else html

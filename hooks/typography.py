"""MkDocs hook: French pages get French typography — no-break spaces before : ; ? ! and inside
« guillemets » (macros/typography.py), so a phone never starts a line with a colon.
Only text between tags changes; code, scripts and form fields are left as written."""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import i18n, typography  # noqa: E402

VERBATIM = re.compile(r"<(/?)(code|pre|script|style|textarea|kbd|samp)\b", re.I)


def french_html(html: str) -> str:
    out, depth = [], 0
    for part in re.split(r"(<[^>]+>)", html):
        if part.startswith("<"):
            tag = VERBATIM.match(part)
            if tag:
                depth += -1 if tag.group(1) else (0 if part.endswith("/>") else 1)
            out.append(part)
        else:
            out.append(part if depth > 0 or not part.strip() else typography.french(part))
    return "".join(out)


def on_page_content(html, page, config, files):
    return french_html(html) if i18n.build_language(config) == "fr" else html

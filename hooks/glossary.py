"""MkDocs hook: in-text definitions of the glossary's terms (macros/glossary.py): each
term's first use on a page carries its short definition. Runs after hooks/slots.py has put
the macros' HTML back (worksheet boxes and initiative cards get definitions too) and before
hooks/typography.py (the terms' forms are written with straight apostrophes)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import glossary, i18n, store  # noqa: E402

_definitions: dict = {}


def on_config(config):
    lang = i18n.build_language(config)
    _definitions[lang] = glossary.Definitions(store.cached(ROOT).glossary, lang)
    return config


def on_page_content(html, page, config, files):
    if page.file.src_uri == glossary.PAGE:
        return html   # the glossary page is all definitions already
    return _definitions[i18n.build_language(config)].first_uses(html)

"""MkDocs hook: the text of each page, in one pass (macros/pagetext.py) —
- the glossary's in-text definitions: each term's first use outside headings, links and code
  carries its short definition (macros/glossary.py), worksheet boxes and cards included
  (the hook runs after hooks/slots.py has put the macros' HTML back);
- on French pages, French typography: no-break spaces before : ; ? ! and inside « », numbers
  kept with their units, typographic apostrophes (macros/typography.py).
Only text nodes change: markup, character references and code are left as written."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import glossary, i18n, pagetext, store  # noqa: E402

_definitions: dict = {}


def on_config(config):
    lang = i18n.build_language(config)
    _definitions[lang] = glossary.Definitions(store.cached(ROOT).glossary, lang)
    return config


def on_page_content(html, page, config, files):
    lang = i18n.build_language(config)
    # The glossary page is all definitions already.
    definitions = None if page.file.src_uri == glossary.PAGE else _definitions[lang]
    return pagetext.rewrite(html, definitions, french=lang == "fr")

"""HTML built by macros skips Markdown: the page gets a placeholder comment, and
hooks/slots.py puts the HTML back once Markdown is done.

Markdown has nothing to gain from finished HTML, costs time on it (a large share of an
initiative page's build) and could misread it (a blank line ends a raw HTML block).
"""
from __future__ import annotations

import itertools
import re

from markupsafe import Markup

_slots: dict[str, str] = {}
_counter = itertools.count()
SLOT = re.compile(r"<!--html-slot:(\d+)-->")


def put(html: str) -> Markup:
    """A placeholder to return from a macro instead of `html`."""
    key = str(next(_counter))
    _slots[key] = str(html)
    return Markup(f"<!--html-slot:{key}-->")


def fill(content: str) -> str:
    """The page's HTML with every placeholder replaced (each slot is used once)."""
    return SLOT.sub(lambda m: _slots.pop(m.group(1)), content)

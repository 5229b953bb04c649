"""The Jinja environment of the HTML and print templates in macros/templates/.

One environment for the whole process, so each template is compiled once per build (and
again only when its file changes, under `mkdocs serve`). Autoescape is on: contributed text
is data, escaped on output, and never becomes template source.
"""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import slots

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template: str, **context) -> str:
    return TEMPLATES.get_template(template).render(**context)


def one_block(html: str) -> Markup:
    """Finished HTML, compacted, that skips Markdown (macros/slots.py)."""
    return slots.put(re.sub(r"\n\s*\n", "\n", html).strip())

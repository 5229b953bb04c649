"""Contributed text to safe HTML: a small Markdown subset, raw HTML never passed through.

Supported: paragraphs (blank line), lists (lines starting with "- " or "* "), **bold**,
*italics* and [links](https://…) to http(s) addresses only. Everything is escaped first,
so `<script>`, `onerror=`, `{{ … }}` and `javascript:` stay inert text.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s)]+)\)")
BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
ITALIC = re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])")


def inline(text: str) -> str:
    html = str(escape(text))
    html = LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', html)
    html = BOLD.sub(r"<strong>\1</strong>", html)
    return ITALIC.sub(r"<em>\1</em>", html)


def to_html(text: str) -> Markup:
    """HTML blocks with no blank line between them (so Markdown keeps them as one raw block)."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(re.match(r"[-*] ", line) for line in lines):
            items = "".join(f"<li>{inline(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        elif lines:
            blocks.append(f"<p>{inline(' '.join(lines))}</p>")
    return Markup("".join(blocks))


def plain(text: str) -> str:
    """Text without the Markdown marks, for descriptions, exports and search."""
    text = LINK.sub(r"\1", text)
    return re.sub(r"\*\*?(.+?)\*\*?", r"\1", text)

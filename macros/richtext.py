"""Contributed text to safe HTML: a small Markdown subset, raw HTML never passed through.

Supported: paragraphs (blank line), lists (lines starting with "- " or "* ", also right
after a sentence), **bold**,
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


ITEM = re.compile(r"[-*] ")


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """("p", [lines]) and ("ul", [items]) as people type them: a blank line starts a paragraph,
    and lines starting with "- " or "* " are a list, also right after a sentence (an indented
    line continues the item above). The share form's preview (site.js) follows the same rule."""
    out: list[tuple[str, list[str]]] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        kind = None
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if ITEM.match(line):
                if kind != "ul":
                    out.append(("ul", []))
                out[-1][1].append(line[2:].strip())
                kind = "ul"
            elif kind == "ul" and raw[:1] in (" ", "\t"):
                out[-1][1][-1] += " " + line
            else:
                if kind != "p":
                    out.append(("p", []))
                out[-1][1].append(line)
                kind = "p"
    return out


def to_html(text: str) -> Markup:
    """HTML blocks with no blank line between them (so Markdown keeps them as one raw block)."""
    html = []
    for kind, lines in blocks(text):
        if kind == "ul":
            html.append("<ul>" + "".join(f"<li>{inline(item)}</li>" for item in lines) + "</ul>")
        else:
            html.append(f"<p>{inline(' '.join(lines))}</p>")
    return Markup("".join(html))


def plain(text: str) -> str:
    """Text without the Markdown marks, for descriptions, exports and search."""
    text = LINK.sub(r"\1", text)
    return re.sub(r"\*\*?(.+?)\*\*?", r"\1", text)

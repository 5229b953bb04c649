"""Diagrams: hand-written SVG per language (diagrams/<name>.<lang>.svg) inlined in the page,
with a caption, a credit and a full text alternative (diagrams/<name>.yml)."""
from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

from . import yamlfile

FORBIDDEN = re.compile(r"<script|<foreignObject|\bon\w+\s*=|(?:xlink:)?href\s*=\s*[\"'](?!#)|\{\{|\{%", re.I)


def render(name: str, lang: str, root: Path, strings: dict) -> Markup:
    folder = root / "diagrams"
    meta_path, svg_path = folder / f"{name}.yml", folder / f"{name}.{lang}.svg"
    for path in (meta_path, svg_path):
        if not path.is_file():
            raise FileNotFoundError(f"diagram({name!r}): {path.relative_to(root)} is missing")
    meta = yamlfile.safe_load(meta_path.read_text(encoding="utf-8"))
    svg = svg_path.read_text(encoding="utf-8")
    bad = FORBIDDEN.search(svg)
    if bad:
        raise ValueError(f"{svg_path.relative_to(root)}: {bad.group(0)!r} is not allowed (no script, event, external link or template)")
    # Ids must be unique in the page: prefix them with the diagram's name.
    svg = re.sub(r'id="([^"]+)"', rf'id="{name}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf'url(#{name}-\1)', svg)
    svg = svg.replace("<title>", f'<title id="{name}-title">', 1)
    svg = svg.replace("<svg ", f'<svg aria-labelledby="{name}-title" focusable="false" ', 1)
    if not re.search(r"<svg\b[^>]*\srole=", svg):
        svg = svg.replace("<svg ", '<svg role="img" ', 1)
    svg = re.sub(r"<\?xml[^>]*>", "", svg)
    svg = "\n".join(line for line in svg.splitlines() if line.strip())
    credit = meta.get("credit", {}).get(lang)
    caption = escape(meta["caption"][lang]) + (Markup(' <span class="diagram__credit">') + escape(credit) + Markup("</span>") if credit else "")
    # The caption comes last: HTML allows a figure's caption only first or last.
    return Markup(
        f'<figure class="diagram" id="diagram-{escape(name)}">\n<div class="diagram__drawing">{svg}</div>\n'
        f'<details class="diagram__text"><summary>{escape(strings["summary"])}</summary>'
        f'<p>{escape(meta["description"][lang])}</p></details>\n'
        f'<figcaption>{caption}</figcaption>\n</figure>')

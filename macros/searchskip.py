"""What site search skips, set aside while it reads the page.

Material's search plugin reads each page's HTML with a parser written in Python, then drops
what is marked `data-search-exclude`. On the pages of the Initiatives section that is most of
the page: the cards of a theme page or of the All initiatives page, the related initiatives of
a detail page (thousands of cards in a large catalogue, each read to be thrown away).
`set_aside` takes such elements out of the page's HTML before the plugin reads it and leaves a
comment in their place (the parser ignores comments); `put_back` returns them afterwards: the
published page is unchanged. The index is what the markup asks for, which the plugin alone does
not give: it compares elements by tag name, so the first `</div>` inside an excluded `<div>`
ends the exclusion, and the cards after the first were indexed.

An excluded heading is left in place: it excludes its whole section, not only itself. So is an
element holding a heading with an id (the parser would start a section there) or a script.
"""
from __future__ import annotations

import re

from .htmlpass import TOKEN, VOID

EXCLUDED = re.compile(r"""<(?P<tag>[a-zA-Z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?\sdata-search-exclude(?=[\s>=/])""")
KEEP_IN_PLACE = re.compile(r"<h[1-6]\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*\sid=|<script\b", re.I)
HEADING = re.compile(r"h[1-6]")
PLACEHOLDER = re.compile(r"<!--search-skip:(\d+)-->")


def _end_of(html: str, tag: str, start_tag_end: int) -> int | None:
    """Where the element whose start tag ends at `start_tag_end` ends (None: never closed)."""
    depth = 1
    for token in TOKEN.finditer(html, start_tag_end):
        if (token.group("start") or "").lower() == tag and not token.group(0).endswith("/>"):
            depth += 1
        elif (token.group("end") or "").lower() == tag:
            depth -= 1
            if depth == 0:
                return token.end()
    return None


def set_aside(html: str) -> tuple[str, list[str]]:
    """The page without the elements search skips (a placeholder for each), and those elements."""
    if "data-search-exclude" not in html:   # most pages of the guide: nothing to look for
        return html, []
    out: list[str] = []
    parts: list[str] = []
    position = 0
    while match := EXCLUDED.search(html, position):
        tag = match.group("tag").lower()
        start_tag = TOKEN.match(html, match.start())
        end = None
        if start_tag and not HEADING.fullmatch(tag) and tag not in VOID and not start_tag.group(0).endswith("/>"):
            end = _end_of(html, tag, start_tag.end())
        if end is None or KEEP_IN_PLACE.search(html, start_tag.end(), end):
            out.append(html[position:match.end()])
            position = match.end()
            continue
        out.append(html[position:match.start()] + f"<!--search-skip:{len(parts)}-->")
        parts.append(html[match.start():end])
        position = end
    out.append(html[position:])
    return "".join(out), parts


def put_back(html: str, parts: list[str]) -> str:
    """The page with every element set aside in its place again."""
    return PLACEHOLDER.sub(lambda m: parts[int(m.group(1))], html) if parts else html

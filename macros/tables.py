"""Tables that read on a phone: each data cell carries its column's header, so that on a
narrow screen the stylesheet can show every row as a card of "header: value" lines, and
the full table on a wide one. Works on the tables Markdown writes (`<table>` with a `<thead>`).
"""
from __future__ import annotations

import re
from html import escape, unescape

TABLE = re.compile(r"<table>(.*?)</table>", re.S)
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
TAG = re.compile(r"<[^>]+>")


def _label(cell_html: str) -> str:
    return escape(unescape(TAG.sub("", cell_html)).strip(), quote=True)


def _table(match: re.Match) -> str:
    inner = match.group(1)
    if "<thead>" not in inner or "<tbody>" not in inner:
        return match.group(0)
    head, body = inner.split("<tbody>", 1)
    labels = [_label(cell) for cell in HEADER_CELL.findall(head)]

    def row(m: re.Match) -> str:
        cells = iter(labels)
        return "<tr>" + re.sub(r"<td(?=[\s>])", lambda _: f'<td data-label="{next(cells, "")}"', m.group(1)) + "</tr>"
    return f"<table data-stack>{head}<tbody>{ROW.sub(row, body)}</table>"


def stackable(html: str) -> str:
    """The page's HTML with its Markdown tables ready to stack on narrow screens."""
    return TABLE.sub(_table, html) if "<table>" in html else html

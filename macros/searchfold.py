"""Search that forgives missing accents: readers on phones type « numerique » for « numérique ».

Material's search (lunr) matches words as indexed. `add_folded` gives each entry of the
search index a `folded` field holding its accented words without their accents; mkdocs.yml
declares that field to the search plugin, so « dechets » finds the pages that say
« déchets ». Titles and texts keep their accents: results look as written.
"""
from __future__ import annotations

import json
import re
import unicodedata

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def fold(text: str) -> str:
    """Text without its diacritics (é → e, ç → c, œ stays œ)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def folded_words(text: str) -> str:
    """The words of `text` that carry a diacritic, folded, once each; and, as written, those that
    begin with one: lunr does not find « économie » in « (économie, », where the word is glued to
    the punctuation before it, but finds it standing alone in this field."""
    words = {word.lower() for word in WORD.findall(text) if not word.isascii() and fold(word) != word}
    return " ".join(sorted({fold(word) for word in words} | {word for word in words if not word[0].isascii()}))


def add_folded(index_json: str) -> str:
    """Material's search_index.json with a `folded` field on every entry that needs one."""
    index = json.loads(index_json)
    for doc in index["docs"]:
        folded = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}")
        if folded:
            doc["folded"] = folded
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))

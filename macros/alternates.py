"""Links from a page to the same page in the other languages (switcher and hreflang)."""
from __future__ import annotations

import posixpath
from urllib.parse import urljoin


def language_root(alternate: list[dict], lang: str) -> str:
    """Folder of `lang` in the built site ("" for the first language, "en/" …)."""
    for alt in alternate:
        if alt["lang"] == lang:
            return alt["root"]
    raise KeyError(f"extra.alternate in mkdocs.yml has no entry for language {lang!r}")


def alternates(alternate: list[dict], lang: str, page_url: str, site_url: str | None) -> list[dict]:
    """For each language: its name, code, a link relative to the page, and an absolute one.

    Pages are mirrored (same relative path in every language), so the counterpart of
    `page_url` in another language is that language's root followed by `page_url`.
    """
    here = language_root(alternate, lang) + page_url
    top = site_url[: len(site_url) - len(language_root(alternate, lang))] if site_url else None
    result = []
    for alt in alternate:
        there = alt["root"] + page_url
        start = here if here.endswith("/") else posixpath.dirname(here)
        rel = posixpath.relpath(there or ".", start or ".")
        if there.endswith("/") or there == "":
            rel = "./" if rel == "." else rel.rstrip("/") + "/"
        root_rel = posixpath.relpath(alt["root"] or ".", start or ".")
        result.append({
            "root_href": "./" if root_rel == "." else root_rel.rstrip("/") + "/",
            "lang": alt["lang"],
            "name": alt["name"],
            "href": rel,
            "url": urljoin(top, there) if top else None,
            "current": alt["lang"] == lang,
        })
    return result

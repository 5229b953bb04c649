"""One rendering of the navigation sidebar for all the pages outside the navigation.

Initiative and theme pages (thousands, as contributions grow) are outside the navigation:
their sidebar highlights nothing and its relative links depend only on how deep the page
sits. overrides/main.html renders it once per depth and reuses it; pages in the navigation
(or hiding it) render their own. Material's sidebar is most of the cost of a page otherwise.
"""
from __future__ import annotations

_state: dict = {"in_nav": frozenset(), "rendered": {}}


def on_nav(nav, config, files):
    _state["in_nav"] = frozenset(page.file.src_uri for page in nav.pages)
    _state["rendered"] = {}   # each build (and each rebuild under `mkdocs serve`) starts afresh
    return nav


def shared_sidebar_key(page) -> str:
    """The key of the sidebar this page shares with others, or "" when it has its own."""
    if page is None or page.file.src_uri in _state["in_nav"] or "navigation" in ((page.meta or {}).get("hide") or ()):
        return ""
    return str(page.url.count("/"))


def on_env(env, config, files):
    env.globals["shared_sidebar_key"] = shared_sidebar_key
    env.globals["shared_sidebars"] = _state["rendered"]
    return env

"""MkDocs hook: no request leaves the site's own host.

Material's bundle loads a ResizeObserver polyfill from unpkg.com when a browser lacks
ResizeObserver (old phones). After each build, point that request at the copy this site
serves (overrides/assets/javascripts/vendor/). `__md_scope` is the site root that
Material's own inline script defines on every page.
"""
from __future__ import annotations

from pathlib import Path

REMOTE = '"https://unpkg.com/resize-observer-polyfill"'
LOCAL = 'new URL("assets/javascripts/vendor/resize-observer-polyfill.js",__md_scope).href'


def on_post_build(config):
    bundles = list((Path(config["site_dir"]) / "assets" / "javascripts").glob("bundle.*.min.js"))
    if not bundles:
        raise RuntimeError("hooks/offline.py: Material's bundle.*.min.js not found in the built site")
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        if REMOTE not in text and LOCAL not in text:
            raise RuntimeError(f"hooks/offline.py: {REMOTE} not found in {bundle.name}; "
                               "Material changed: check its remote requests again")
        bundle.write_text(text.replace(REMOTE, LOCAL), encoding="utf-8")

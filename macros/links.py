"""Links between pages from inside macros (raw HTML gets no help from MkDocs' link rewriting)."""
from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

from . import yamlfile


def page_url(src_path: str) -> str:
    """Site URL of a Markdown page, with directory URLs: part-a/step-1.md -> part-a/step-1/."""
    path, _, anchor = src_path.partition("#")
    if path.endswith("index.md"):
        url = path[: -len("index.md")]
    else:
        url = path[: -len(".md")] + "/"
    return url + (f"#{anchor}" if anchor else "")


def existing_page(src_path: str, docs_dir: Path) -> str:
    """`src_path` if it exists, else the nearest existing section index (pages come part by part)."""
    path, _, anchor = src_path.partition("#")
    if (docs_dir / path).is_file():
        return src_path
    folder = posixpath.dirname(path)
    while folder:
        if (docs_dir / folder / "index.md").is_file():
            return f"{folder}/index.md"
        folder = posixpath.dirname(folder)
    return "index.md"


def relative(from_url: str, to_url: str) -> str:
    """Relative link from the page at `from_url` to `to_url` (both site URLs, directory style)."""
    path, _, anchor = to_url.partition("#")
    start = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = posixpath.relpath(path or ".", start or ".")
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def page_title(src_path: str, docs_dir: Path) -> str:
    """Title of a page: its front matter `title`, else its first `# ` heading."""
    path = docs_dir / src_path.partition("#")[0]
    return _title(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=1024)
def _title(path: Path, mtime: int) -> str:
    # The modification time is part of the key so that `mkdocs serve` sees an edited title.
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):

        meta = yamlfile.safe_load(text.split("---", 2)[1]) or {}
        if meta.get("title"):
            return str(meta["title"])
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.name

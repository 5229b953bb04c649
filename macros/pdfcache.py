"""The PDF cache: one folder per language (`<cache>/pdf/<lang>/`, the two languages build in
parallel processes), each entry checked before use, and only current entries kept.

An entry is `<key>.pdf` with `<key>.sha256` beside it (the digest of the PDF written with it);
`<key>.json` holds small derived data (how a worksheet fits its pages). An entry whose digest
does not match, whose sidecar is missing, or whose bytes are not a whole PDF is treated as
absent: the PDF is rendered again and the entry rewritten. After a build, `prune()` removes
every entry of the language that this build did not use.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

SUFFIXES = (".pdf", ".sha256", ".json")
TMP_AGE = 3600   # seconds after which a partial file is a leftover


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def looks_like_pdf(data: bytes) -> bool:
    """A whole PDF: its header at the start, its end-of-file marker near the end."""
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def write_atomic(path: Path, data: bytes) -> None:
    """Never a half-written file: write beside it, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)


def verified(path: Path, check=lambda data: True) -> bytes | None:
    """The bytes of `path` if its `.sha256` sidecar matches them and `check` accepts them, else None."""
    sidecar = path.with_name(path.name + ".sha256") if path.suffix != ".pdf" else path.with_suffix(".sha256")
    try:
        data, expected = path.read_bytes(), sidecar.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return data if digest(data) == expected and check(data) else None


def store(path: Path, data: bytes) -> None:
    """Write `path` and its `.sha256` sidecar (the sidecar last: an entry without it is not trusted)."""
    sidecar = path.with_name(path.name + ".sha256") if path.suffix != ".pdf" else path.with_suffix(".sha256")
    sidecar.unlink(missing_ok=True)
    write_atomic(path, data)
    write_atomic(sidecar, digest(data).encode("ascii"))


class Cache:
    """The cache of one language's PDFs."""

    def __init__(self, root: Path, lang: str):
        self.base = root / "pdf"
        self.dir = self.base / lang
        self.used: set[str] = set()
        self.repaired: list[str] = []   # keys found corrupt and rendered again

    def _path(self, key: str, suffix: str) -> Path:
        self.used.add(key)
        return self.dir / f"{key}{suffix}"

    def keep(self, key: str) -> None:
        """Keep the entries of `key` (current, though this build did not need to read them)."""
        self.used.add(key)

    def get(self, key: str) -> bytes | None:
        path = self._path(key, ".pdf")
        data = verified(path, looks_like_pdf)
        if data is None and (path.exists() or path.with_suffix(".sha256").exists()):
            self.repaired.append(key)
        return data

    def put(self, key: str, data: bytes) -> None:
        store(self._path(key, ".pdf"), data)

    def get_json(self, key: str):
        path = self._path(key, ".json")
        data = verified(path)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def put_json(self, key: str, value) -> None:
        store(self._path(key, ".json"), json.dumps(value, sort_keys=True).encode())

    def prune(self) -> int:
        """Remove this language's entries that this build did not use, and the flat entries of
        the cache's first layout (`<cache>/pdf/<key>.pdf`). Returns how many files went."""
        removed = 0
        candidates = list(self.dir.iterdir()) if self.dir.is_dir() else []
        candidates += [p for p in self.base.glob("*") if p.is_file()] if self.base.is_dir() else []
        for path in candidates:
            if not path.is_file() or not self._stale(path):
                continue
            try:
                path.unlink()
                removed += 1
            except FileNotFoundError:   # another build removed it first
                pass
        return removed

    def _stale(self, path: Path) -> bool:
        if path.name.endswith(".tmp"):   # left by a build that stopped; another may be writing it now
            return time.time() - path.stat().st_mtime > TMP_AGE
        if path.suffix not in SUFFIXES:
            return False
        return path.parent == self.base or path.name.split(".", 1)[0] not in self.used

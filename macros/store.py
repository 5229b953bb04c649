"""The build's data, read and validated once: the initiatives with their vocabularies, the
worksheets, the glossary and the self-diagnostic (whose printable worksheet joins the others).

Both language builds need the same validated data. The first build to need it (the French
one, in on_config) reads every file and writes the result to `.cache/data/<hash>.json`, the
hash covering the content of every data file, the schemas and the code that reads them;
the English build, in its own process, finds that file and skips the work. Within one
process, `mkdocs serve` reads the files again only when one of them changed.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import catalogue, diagnostic, glossary, worksheets
from .problems import Problem

# Everything the result depends on besides the data files themselves.
CODE = ("catalogue.py", "worksheets.py", "glossary.py", "diagnostic.py", "validate.py", "yamlfile.py", "problems.py",
        "store.py", "messages.py", "countries.py")


@dataclass
class Data:
    catalogue: catalogue.Catalogue
    worksheets: list = field(default_factory=list)      # valid worksheets, in guide order
    glossary: list = field(default_factory=list)        # glossary terms
    problems: list = field(default_factory=list)        # every problem in any data file
    diagnostic: dict | None = None                      # quiz/diagnostic.yml, once valid

    def to_json(self) -> str:
        return json.dumps({"vocab": self.catalogue.vocab, "initiatives": self.catalogue.initiatives,
                           "catalogue_problems": [list(vars(p).values()) for p in self.catalogue.problems],
                           "worksheets": self.worksheets, "glossary": self.glossary,
                           "problems": [list(vars(p).values()) for p in self.problems],
                           "diagnostic": self.diagnostic}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Data:
        raw = json.loads(text)
        found = catalogue.Catalogue(vocab=raw["vocab"], initiatives=raw["initiatives"],
                                    problems=[Problem(*p) for p in raw["catalogue_problems"]])
        return cls(found, raw["worksheets"], raw["glossary"], [Problem(*p) for p in raw["problems"]], raw["diagnostic"])


def files(root: Path) -> list[Path]:
    """Every file the data is read from."""
    found = sorted((root / "initiatives").rglob("*.yml")) + worksheets.files(root) + sorted((root / "schema").glob("*.json"))
    found += sorted((root / "i18n" / "messages").glob("*.yml"))
    return found + [p for p in (root / glossary.FILE, root / diagnostic.PATH) if p.is_file()]


def load(root: Path) -> Data:
    """Read and validate every data file (no cache)."""
    found = catalogue.load(root)
    sheets, sheet_problems = worksheets.load(root)
    terms, glossary_problems = glossary.load(root)
    diag, diag_problems = diagnostic.load(root, found, sheets)
    if diag:
        sheets = sorted(sheets + [diagnostic.as_worksheet(diag)], key=worksheets.sort_key)
    return Data(found, sheets, terms, sorted(found.problems + sheet_problems + glossary_problems + diag_problems), diag)


def digest(root: Path, paths: list[Path]) -> str:
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in CODE:
        h.update((here / name).read_bytes())
    h.update(datetime.date.today().isoformat().encode())   # years are checked against today
    for path in paths:
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:24]


def cache_dir(root: Path) -> Path:
    return root / ".cache" / "data"


def _from_disk(root: Path, key: str) -> Data | None:
    path = cache_dir(root) / f"{key}.json"
    try:
        return Data.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None   # absent or damaged: read the files again


def _to_disk(root: Path, key: str, data: Data) -> None:
    folder = cache_dir(root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{key}.{os.getpid()}.tmp"
        partial.write_text(data.to_json(), encoding="utf-8")
        partial.replace(folder / f"{key}.json")
        for old in folder.glob("*.json"):   # keep only the current entry
            if old.stem != key:
                old.unlink(missing_ok=True)
    except OSError:
        pass   # a read-only checkout still builds


_memo: dict = {}


def cached(root: Path) -> Data:
    """The data of this build: from memory when no file changed, else from the shared cache
    file, else read and validated (and the cache file written)."""
    paths = files(root)
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if _memo.get("root") == root and _memo.get("stamp") == stamp:
        return _memo["data"]
    key = digest(root, paths)
    data = _from_disk(root, key)
    if data is None:
        data = load(root)
        _to_disk(root, key, data)
    _memo.update(root=root, stamp=stamp, data=data)
    return data


def current(root: Path) -> Data:
    """The data of this build, without looking at the files again (macros call it per page)."""
    return _memo["data"] if _memo.get("root") == root else cached(root)

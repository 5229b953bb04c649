"""Load the initiatives and their vocabularies, checked, into one read-only catalogue.

`load(root)` reads every file, validates it (macros.validate) and returns the catalogue
with the list of problems; the build stops on any problem, `make check` prints them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import validate, yamlfile
from .problems import Problem, display_path

from .validate import TEXT_FIELDS

VOCABULARIES = ("themes", "regions", "tools", "actors", "sources")


@dataclass
class Catalogue:
    vocab: dict = field(default_factory=dict)        # name -> {id: entry}
    initiatives: list = field(default_factory=list)  # validated data dicts, sorted by id
    problems: list = field(default_factory=list)
    _index: dict = field(default_factory=dict, repr=False)

    def by_id(self) -> dict:
        if "by_id" not in self._index:
            self._index["by_id"] = {i["id"]: i for i in self.initiatives}
        return self._index["by_id"]

    def by_theme(self) -> dict:
        """Theme id -> initiatives tagged with it (built once: detail pages look it up N times)."""
        if "by_theme" not in self._index:
            index: dict = {}
            for item in self.initiatives:
                for theme in item["themes"]:
                    index.setdefault(theme, []).append(item)
            self._index["by_theme"] = index
        return self._index["by_theme"]

    def domain_labels(self, lang: str) -> dict:
        """Part B domain number -> its label (from the domain themes)."""
        return {e["guide_ref"]["domain"]: e["label"][lang] for e in self.vocab["themes"].values()
                if e.get("group") == "domain" and e.get("guide_ref", {}).get("domain")}

    def label(self, vocabulary: str, item_id: str, lang: str) -> str:
        return self.vocab[vocabulary][item_id]["label"].get(lang) or next(iter(self.vocab[vocabulary][item_id]["label"].values()))


def initiative_files(root: Path) -> list[Path]:
    """initiatives/*.yml, without the template and other files starting with _."""
    return sorted(p for p in (root / "initiatives").glob("*.yml") if not p.name.startswith("_"))


def languages(initiative: dict) -> list[str]:
    """Languages in which every text of the initiative is written (at least one, once valid)."""
    texts = [initiative[f] for f in TEXT_FIELDS if f in initiative]
    texts += [link["label"] for link in initiative.get("links", [])]
    return [lang for lang in ("fr", "en") if all(lang in t for t in texts)]


def load_vocabularies(root: Path) -> tuple[dict, list[Problem]]:
    vocab, problems = {}, []
    for name in VOCABULARIES:
        path = root / "initiatives" / "vocabularies" / f"{name}.yml"
        shown = display_path(path, root)
        if not path.is_file():
            problems.append(Problem(shown, 0, "", "file missing", f"restore initiatives/vocabularies/{name}.yml"))
            vocab[name] = {}
            continue
        read = yamlfile.read(path, shown)
        problems += read.problems or validate.vocabulary(read)
        vocab[name] = read.data if isinstance(read.data, dict) and not read.problems else {}
    problems += validate.theme_tree(vocab.get("themes", {}), display_path(root / "initiatives/vocabularies/themes.yml", root))
    return vocab, problems


def load(root: Path, files: list[Path] | None = None) -> Catalogue:
    """The catalogue of all initiatives (or only `files`, still checked for unique ids against all)."""
    vocab, problems = load_vocabularies(root)
    catalogue = Catalogue(vocab=vocab, problems=problems)
    seen: dict[str, str] = {}
    for path in initiative_files(root):
        read = yamlfile.read(path, display_path(path, root))
        found = read.problems or validate.initiative(read, path.stem, vocab)
        if isinstance(read.data, dict) and isinstance(read.data.get("id"), str):
            first = seen.setdefault(read.data["id"], read.path)
            if first != read.path:
                found.append(Problem(read.path, read.line("id"), "id", f"duplicate id, already used by {first}",
                                     "choose another id and rename the file to match"))
        if files is None or path.resolve() in {f.resolve() for f in files}:
            catalogue.problems += found
        if not found:
            catalogue.initiatives.append(read.data)
    catalogue.initiatives.sort(key=lambda i: i["id"])
    catalogue.problems.sort()
    return catalogue


_cache: dict = {}


def cached(root: Path) -> Catalogue:
    """`load(root)`, read again only when a file under initiatives/ changed (mkdocs serve).
    Called once per build (hooks/initiatives.py on_config); pages use `current`."""
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted((root / "initiatives").rglob("*.yml")))
    if _cache.get("stamp") != stamp:
        _cache.update(stamp=stamp, catalogue=load(root))
    return _cache["catalogue"]


def current(root: Path) -> Catalogue:
    """The catalogue of this build, without looking at the files again (macros call it per page)."""
    return _cache["catalogue"] if "catalogue" in _cache else cached(root)

"""Load the initiatives and their vocabularies, checked, into one read-only catalogue.

`load(root)` reads every file, validates it (macros.validate) and returns the catalogue
with the list of problems; the build stops on any problem, `make check` prints them.
"""
from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from . import validate, yamlfile
from .messages import problem
from .problems import Problem, display_path
from .validate import TEXT_FIELDS

VOCABULARIES = ("themes", "regions", "tools", "actors", "sources")


@dataclass
class Catalogue:
    vocab: dict = field(default_factory=dict)        # name -> {id: entry}
    initiatives: list = field(default_factory=list)  # validated data dicts, sorted by id
    problems: list = field(default_factory=list)
    _index: dict = field(default_factory=dict, repr=False)

    def memo(self, key: tuple, make):
        """`make()`, worked out once for this catalogue: pages ask the same thing thousands of times."""
        if key not in self._index:
            self._index[key] = make()
        return self._index[key]

    def by_id(self) -> dict:
        return self.memo(("by_id",), lambda: {i["id"]: i for i in self.initiatives})

    def by_theme(self) -> dict:
        """Theme id -> initiatives tagged with it (built once: detail pages look it up N times)."""
        def make() -> dict:
            index: dict = {}
            for item in self.initiatives:
                for theme in item["themes"]:
                    index.setdefault(theme, []).append(item)
            return index
        return self.memo(("by_theme",), make)

    def theme_members(self, theme_id: str) -> list[str]:
        """Ids of the initiatives tagged with `theme_id`."""
        return self.memo(("members", theme_id), lambda: [i["id"] for i in self.by_theme().get(theme_id, [])])

    def domain_labels(self, lang: str) -> dict:
        """Part B domain number -> its label (from the domain themes)."""
        return {e["guide_ref"]["domain"]: e["label"][lang] for e in self.vocab["themes"].values()
                if e.get("group") == "domain" and e.get("guide_ref", {}).get("domain")}

    def label(self, vocabulary: str, item_id: str, lang: str) -> str:
        return self.vocab[vocabulary][item_id]["label"].get(lang) or next(iter(self.vocab[vocabulary][item_id]["label"].values()))

    # ------------------------------------------------------------------ the theme tree
    def themes_in(self, group: str) -> list[str]:
        """Theme ids of a group (domain, sub-theme, cross-cutting), in vocabulary order."""
        return [t for t, e in self.vocab["themes"].items() if e.get("group") == group]

    def children(self, theme_id: str) -> list[str]:
        """Sub-themes of a Part B domain theme."""
        return [t for t, e in self.vocab["themes"].items() if e.get("parent") == theme_id]

    def theme_ids(self, item: dict) -> list[str]:
        """The item's themes and the Part B domains they belong to (filtering by a domain finds both)."""
        themes = self.vocab["themes"]
        parents = [themes[t].get("parent") for t in item["themes"] if themes.get(t, {}).get("parent")]
        return list(dict.fromkeys(item["themes"] + parents))

    # ------------------------------------------------------------------ queries
    def select(self, theme=None, region=None, tool=None, actor=None, ids=None, part=None, domain=None,
               step=None, pillar=None, limit=None) -> list[dict]:
        """Initiatives matching every given criterion; a theme includes its sub-themes."""
        wanted = None
        if theme:
            if theme not in self.vocab["themes"]:
                raise ValueError(f"initiatives(theme={theme!r}): no such theme in initiatives/vocabularies/themes.yml")
            wanted = {theme, *self.children(theme)}
        if ids:
            unknown = [i for i in ids if i not in self.by_id()]
            if unknown:
                raise ValueError(f"initiatives(ids=…): no initiative {', '.join(unknown)} in initiatives/")
            items = [self.by_id()[i] for i in ids]
        else:
            items = list(self.initiatives)
        ref = {k: v for k, v in (("part", part), ("domain", domain), ("step", step), ("pillar", pillar)) if v is not None}
        items = [i for i in items
                 if (not wanted or wanted & set(i["themes"]))
                 and (not region or i["place"]["region"] == region)
                 and (not tool or tool in i["tools"]) and (not actor or actor in i["actors"])
                 and (not ref or any(all(r.get(k) == v for k, v in ref.items()) for r in i.get("guide_refs", [])))]
        return items[:limit] if limit else items

    def related(self, item_id: str, limit: int = 4) -> list[dict]:
        """Other initiatives sharing the most themes with `item_id` (ties by id)."""
        # Counted by Counter's C loop: a theme of a large catalogue holds thousands of initiatives.
        shared = Counter(chain.from_iterable(self.theme_members(theme) for theme in self.by_id()[item_id]["themes"]))
        shared.pop(item_id, None)
        # The first `limit` in this order, without sorting them all (detail pages ask N times).
        return [self.by_id()[i] for i in heapq.nsmallest(limit, shared, key=lambda i: (-shared[i], i))]

    def counts(self, values) -> dict:
        """Option id -> number of initiatives whose `values(item)` holds it."""
        out: dict = {}
        for item in self.initiatives:
            for value in values(item):
                out[value] = out.get(value, 0) + 1
        return out


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
            problems.append(problem(shown, 0, "", "vocabulary_missing", name=name))
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
    paths = initiative_files(root)
    reads = [yamlfile.read(path, display_path(path, root)) for path in paths]
    duplicates = validate.duplicate_ids(paths, reads)
    for path, read in zip(paths, reads, strict=True):
        found = read.problems or validate.initiative(read, path.stem, vocab)
        found += duplicates.get(read.path, [])
        if files is None or path.resolve() in {f.resolve() for f in files}:
            catalogue.problems += found
        if not found:
            catalogue.initiatives.append(read.data)
    catalogue.initiatives.sort(key=lambda i: i["id"])
    catalogue.problems.sort()
    return catalogue

"""Problems found in content and data, reported one per line: `path:line: field: problem — fix`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        fix = f" — {self.fix}" if self.fix else ""
        return f"{where}:{field} {self.message}{fix}"


def dotted(path) -> str:
    """A field's place as contributors write it: `links[0].url` (a name of hundreds of
    characters is cut: the line stays readable)."""
    out = ""
    for part in path:
        part = part if isinstance(part, int) or len(str(part)) <= 60 else str(part)[:59] + "…"
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def display_path(path: Path, root: Path) -> str:
    """Path as the contributor knows it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)

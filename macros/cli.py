"""Command line: `python -m macros check [files…]` validates content and data for contributors."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import catalogue, parity, worksheets, yamlfile
from .problems import display_path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = ("initiatives", "worksheets", "quiz", "i18n")


def data_files(root: Path) -> list[Path]:
    return sorted(p for d in DATA_DIRS for p in (root / d).rglob("*.yml"))


def check(files: list[Path], root: Path = ROOT) -> list:
    """Every problem in the given data files (all of them when none is given) and in page parity."""
    files = [f.resolve() for f in files]
    initiatives = [f for f in files if f.parent == (root / "initiatives").resolve()]
    problems = catalogue.load(root, initiatives if files else None).problems
    sheets = {f.resolve() for f in worksheets.files(root)}
    problems += [p for p in worksheets.load(root)[1] if not files or (root / p.path).resolve() in files]
    handled = set(catalogue.initiative_files(root)) | sheets | {p.resolve() for p in (root / "initiatives" / "vocabularies").glob("*.yml")}
    for path in files or data_files(root):
        if path.resolve() not in {h.resolve() for h in handled}:
            problems += yamlfile.read(path, display_path(path, root)).problems
    if not files:
        problems += parity.page_problems(root) + parity.string_problems(root)
    return sorted(set(problems))


def awaiting_translation(root: Path = ROOT) -> list[str]:
    """Initiatives written in one language only, as `path: missing language`."""
    out = []
    for item in catalogue.load(root).initiatives:
        langs = catalogue.languages(item)
        for lang in ("fr", "en"):
            if lang not in langs:
                out.append(f"initiatives/{item['id']}.yml: awaiting {lang} translation")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("check", help="validate content and data; one line per problem")
    cmd.add_argument("files", nargs="*", type=Path, help="data files to check (default: all, plus page parity)")
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = check(args.files)
        for problem in problems:
            print(problem)
        if not args.files:
            waiting = awaiting_translation()
            for line in waiting:
                print(line, file=sys.stderr)
            if waiting:
                print(f"{len(waiting)} initiative(s) await translation (shown untranslated, with a notice).", file=sys.stderr)
        print(f"{len(problems)} problem(s)" if problems else "No problem found.", file=sys.stderr)
        return 1 if problems else 0
    return 2

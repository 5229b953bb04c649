"""Command line: `python -m macros check [files…]` validates content and data for contributors."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import parity, yamlfile
from .problems import display_path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = ("initiatives", "worksheets", "quiz", "i18n")


def data_files(root: Path) -> list[Path]:
    return sorted(p for d in DATA_DIRS for p in (root / d).rglob("*.yml"))


def check(files: list[Path], root: Path = ROOT) -> list:
    """Every problem in the given data files (all of them when none is given) and in page parity."""
    problems = []
    for path in files or data_files(root):
        problems += yamlfile.read(path, display_path(path, root)).problems
    if not files:
        problems += parity.page_problems(root) + parity.string_problems(root)
    return sorted(problems)


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
        print(f"{len(problems)} problem(s)" if problems else "No problem found.", file=sys.stderr)
        return 1 if problems else 0
    return 2

"""Command line: `python -m macros check [files…]` validates content and data for contributors."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import catalogue, contribute, diagnostic, parity, worksheets, yamlfile
from .problems import display_path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = ("initiatives", "worksheets", "quiz", "i18n")


def data_files(root: Path) -> list[Path]:
    return sorted(p for d in DATA_DIRS for p in (root / d).rglob("*.yml"))


def check(files: list[Path], root: Path = ROOT) -> list:
    """Every problem in the given data files (all of them when none is given) and in page parity."""
    files = [f.resolve() for f in files]
    initiatives = [f for f in files if f.parent == (root / "initiatives").resolve()]
    found = catalogue.load(root, initiatives if files else None)
    problems = found.problems
    sheets = {f.resolve() for f in worksheets.files(root)}
    valid_sheets, sheet_problems = worksheets.load(root)
    problems += [p for p in sheet_problems if not files or (root / p.path).resolve() in files]
    if not files or (root / diagnostic.PATH).resolve() in files:
        problems += diagnostic.load(root, found, valid_sheets)[1]
    handled = set(catalogue.initiative_files(root)) | sheets | {p.resolve() for p in (root / "initiatives" / "vocabularies").glob("*.yml")}
    handled.add(root / diagnostic.PATH)
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


QUESTIONS = [  # (answer, question) asked by `new` for what the options did not give
    ("lang", "Language of your texts / langue de vos textes (fr or en)"),
    ("title", "Title (3-10 words)"), ("summary", "Summary (2-3 sentences)"),
    ("city", "City or area"), ("country", "Country code (ISO, 2 letters, e.g. SN)"),
    ("region", "Region id ({regions})"), ("themes", "Theme ids, comma-separated (see initiatives/vocabularies/themes.yml)"),
    ("tools", "Tool ids, comma-separated ({tools})"), ("actors", "Actor ids, comma-separated ({actors})"),
    ("organisation", "Your organisation"), ("start", "Start year (optional)"),
]


def new(args, root: Path = ROOT) -> int:
    answers = {k: getattr(args, k) for k, _ in QUESTIONS if getattr(args, k, None)}
    if sys.stdin.isatty():
        vocab, _ = catalogue.load_vocabularies(root)
        ids = {name: ", ".join(vocab[name]) for name in ("regions", "tools", "actors")}
        for key, question in QUESTIONS:
            while not answers.get(key):
                answers[key] = input(question.format(**ids) + ": ").strip()
                if key == "start":
                    break
    try:
        item = contribute.build(answers, root)
        path = contribute.write(item, root)
    except contribute.ContributionError as exc:
        print(f"python -m macros new: {exc}", file=sys.stderr)
        return 2
    shown = display_path(path, root)
    print(f"Wrote {shown}. Complete the description (and lessons, links), then run `make check`.")
    problems = check([path], root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) to fix in {shown} (one per line above).", file=sys.stderr)
    return 1 if problems else 0


def from_issue(args, root: Path = ROOT) -> int:
    body = sys.stdin.read() if args.source == "-" else Path(args.source).read_text(encoding="utf-8")
    try:
        item = contribute.from_issue(body, root)
    except (contribute.ContributionError, ValueError) as exc:
        print(f"python -m macros from-issue: {exc}", file=sys.stderr)
        return 2
    if args.print:
        print(contribute.to_yaml(item), end="")
        return 0
    try:
        path = contribute.write(item, root)
    except contribute.ContributionError as exc:
        print(f"python -m macros from-issue: {exc}", file=sys.stderr)
        return 2
    problems = check([path], root)
    for problem in problems:
        print(problem)
    print(f"Wrote {display_path(path, root)}" + (f" with {len(problems)} problem(s) to fix" if problems else ""), file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("check", help="validate content and data; one line per problem")
    cmd.add_argument("files", nargs="*", type=Path, help="data files to check (default: all, plus page parity)")
    cmd.add_argument("--github", action="store_true", help="print problems as GitHub annotations (::error file=…,line=…::…)")
    cmd = commands.add_parser("new", help="write a valid initiative skeleton from the essentials (asks for what is missing)")
    for key, question in QUESTIONS:
        cmd.add_argument(f"--{key}", help=question.split(" (")[0])
    cmd = commands.add_parser("from-issue", help="turn a GitHub issue form body into initiatives/<id>.yml")
    cmd.add_argument("source", help="file holding the issue body, or - for standard input")
    cmd.add_argument("--print", action="store_true", help="print the file instead of writing it")
    commands.add_parser("issue-form", help="print .github/ISSUE_TEMPLATE/initiative.yml, generated from the vocabularies")
    args = parser.parse_args(argv)
    if args.command == "new":
        return new(args)
    if args.command == "from-issue":
        return from_issue(args)
    if args.command == "issue-form":
        print(contribute.issue_form(ROOT), end="")
        return 0
    problems = check(args.files)
    for problem in problems:
        print(contribute.annotation(problem) if args.github else problem)
    if not args.files:
        waiting = awaiting_translation()
        for line in waiting:
            print(line, file=sys.stderr)
        if waiting:
            print(f"{len(waiting)} initiative(s) await translation (shown untranslated, with a notice).", file=sys.stderr)
    print(f"{len(problems)} problem(s)" if problems else "No problem found.", file=sys.stderr)
    return 1 if problems else 0

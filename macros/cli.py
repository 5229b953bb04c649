"""Command line: `python -m macros check [files…]` validates content and data for contributors."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import catalogue, contribute, messages, parity, worksheets, yamlfile
from .problems import display_path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = ("initiatives", "worksheets", "quiz", "i18n")


def data_files(root: Path) -> list[Path]:
    return sorted(p for d in DATA_DIRS for p in (root / d).rglob("*.yml"))


def check(files: list[Path], root: Path = ROOT) -> list:
    """Every problem in the given data files (all of them when none is given) and in page parity.
    A path that names no file is itself a problem (a name split by a shell, a deleted file)."""
    missing = [messages.problem(str(f), 0, "", "path_missing") for f in files if not Path(f).is_file()]
    files = [f.resolve() for f in files if Path(f).is_file()]
    if missing and not files:
        return missing
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
    return sorted(set(problems + missing))


def awaiting_translation(root: Path = ROOT) -> list[str]:
    """Initiatives written in one language only, as `path: missing language`."""
    out = []
    for item in catalogue.load(root).initiatives:
        langs = catalogue.languages(item)
        for lang in ("fr", "en"):
            if lang not in langs:
                out.append(messages.text("awaiting", path=f"initiatives/{item['id']}.yml", lang=lang))
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
    cmd.add_argument("--lang", choices=messages.LANGUAGES, default=messages.DEFAULT, help="language of the messages (en or fr)")
    cmd = commands.add_parser("new", help="write a valid initiative skeleton from the essentials (asks for what is missing)")
    for key, question in QUESTIONS:
        cmd.add_argument(f"--{key}", help=question.split(" (")[0])
    cmd = commands.add_parser("from-issue", help="turn a GitHub issue form body into initiatives/<id>.yml")
    cmd.add_argument("source", help="file holding the issue body, or - for standard input")
    cmd.add_argument("--print", action="store_true", help="print the file instead of writing it")
    commands.add_parser("issue-form", help="print .github/ISSUE_TEMPLATE/initiative.yml, generated from the vocabularies")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except Exception as exc:  # noqa: BLE001 - a contributor sees one line, never a traceback
        print(f"python -m macros {args.command}: internal error ({type(exc).__name__}: {str(exc)[:300]}) — "
              "please report it with the file that caused it", file=sys.stderr)
        return 3


def _run(args) -> int:
    if args.command == "new":
        return new(args)
    if args.command == "from-issue":
        return from_issue(args)
    if args.command == "issue-form":
        print(contribute.issue_form(ROOT), end="")
        return 0
    with messages.use(args.lang):
        return _check(args)


def project_of(files: list[Path]) -> Path:
    """The project the files belong to: this one, or the checkout holding them all (a data
    file sits in <project>/initiatives/ or <project>/worksheets/)."""
    roots = {f.resolve().parent.parent for f in files if f.resolve().parent.name in ("initiatives", "worksheets")}
    if len(roots) == 1 and len(files) and all(f.resolve().parent.parent in roots for f in files):
        root = roots.pop()
        if (root / "initiatives" / "vocabularies").is_dir():
            return root
    return ROOT


def _check(args) -> int:
    problems = check(args.files, project_of(args.files))
    for problem in problems:
        print(contribute.annotation(problem) if args.github else problem)
    if not args.files:
        waiting = awaiting_translation()
        for line in waiting:
            print(line, file=sys.stderr)
        if waiting:
            print(messages.text("awaiting_total", count=len(waiting)), file=sys.stderr)
    print(messages.text("summary_problems", count=len(problems)) if problems else messages.text("summary_none"), file=sys.stderr)
    return 1 if problems else 0

"""Command line: `python -m macros check [files…]` validates content and data for contributors."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import catalogue, contribute, diagnostic, messages, parity, worksheets, yamlfile
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


QUESTIONS = [  # (answer, what `new` asks; in order)
    ("lang", "prompt_lang"), ("title", "prompt_title"), ("summary", "prompt_summary"), ("city", "prompt_city"),
    ("country", "prompt_country"), ("region", "prompt_region"), ("themes", "prompt_themes"), ("tools", "prompt_tools"),
    ("actors", "prompt_actors"), ("organisation", "prompt_organisation"), ("start", "prompt_start"), ("end", "prompt_end"),
]
OPTIONS = [key for key, _ in QUESTIONS] + ["description", "lessons", "links", "id"] + [
    f"{field}_{lang}" for field in contribute.TEXTS for lang in ("fr", "en")]
OPTIONAL = {"country", "start", "end"}
# Problem fields of the file -> the answer that gives them (to ask again)
ANSWER_OF = {"title": "title", "summary": "summary", "description": "description", "lessons": "lessons",
             "place.city": "city", "place.country": "country", "place.region": "region", "themes": "themes",
             "tools": "tools", "actors": "actors", "years": "start", "source.organisation": "organisation", "links": "links"}


def _answer_of(field: str) -> str | None:
    for prefix, key in sorted(ANSWER_OF.items(), key=lambda pair: -len(pair[0])):
        if field == prefix or field.startswith((prefix + ".", prefix + "[")):
            return key
    return None


def _ask(key: str, answers: dict, vocab: dict, lang: str | None = None) -> None:
    """Ask one question until the answer can be read (lists are shown numbered, with labels)."""
    field = key.split("_")[0] if key.endswith(("_fr", "_en")) else key
    if field in contribute.CHOICES:
        shown = messages.language()
        for number, (item_id, entry) in enumerate(contribute.choices(vocab, field), 1):
            print(f"  {number:2}. {entry['label'].get(shown) or entry['label']['en']} ({item_id})")
    question = messages.text("prompt_" + field, language=messages.text(f"language_{lang}") if lang else "")
    while True:
        answers[key] = input(question + " ").strip()
        errors = _answer_errors(field, answers, vocab)
        if (answers[key] or field in OPTIONAL) and not errors:
            return
        for error in errors:
            print(error)


def _answer_errors(field: str, answers: dict, vocab: dict) -> list[str]:
    if field in contribute.CHOICES:
        return contribute.resolve(field, answers[field], vocab)[1]
    if field == "country":
        return contribute.country_of(answers.get("country", ""))[1]
    if field in ("start", "end"):
        return contribute.years_of(answers.get("start"), answers.get("end") if field == "end" else None)[1]
    if field == "lang":
        langs = contribute.languages_of(answers["lang"])
        return [] if langs and set(langs) <= {"fr", "en"} else [f"lang: {messages.text('new_lang', 'message', value=repr(answers['lang']))}"]
    return []


def _interview(answers: dict, root: Path) -> None:
    """Ask for what the options did not give, in the contributor's language."""
    vocab, _ = catalogue.load_vocabularies(root)
    if not answers.get("lang"):
        _ask("lang", answers, vocab)
    langs = contribute.languages_of(answers["lang"])
    with messages.use(langs[0] if langs and langs[0] in messages.LANGUAGES else "en"):
        for key, _ in QUESTIONS[1:]:
            if key in contribute.TEXTS:
                for index, lang in enumerate(langs):
                    if not (answers.get(f"{key}_{lang}") or (index == 0 and answers.get(key))):
                        _ask(f"{key}_{lang}", answers, vocab, lang if len(langs) > 1 else None)
            elif key not in answers or (not answers[key] and key not in OPTIONAL):
                _ask(key, answers, vocab)


def new(args, root: Path = ROOT) -> int:
    answers = {k: getattr(args, k) for k in OPTIONS if getattr(args, k, None)}
    interactive = sys.stdin.isatty()
    if interactive:
        _interview(answers, root)
    lang = (contribute.languages_of(answers.get("lang", "")) or ["en"])[0]
    with messages.use(lang if lang in messages.LANGUAGES else "en"):
        while True:
            try:
                item = contribute.build(answers, root)
            except contribute.ContributionError as exc:
                print("\n".join(f"python -m macros new: {line}" for line in exc.lines), file=sys.stderr)
                return 2
            found = contribute.problems(item, root)
            if not found:
                break
            for problem in found:
                print(problem)
            if not interactive:
                print(messages.text("new_not_written", path=f"initiatives/{item['id']}.yml"), file=sys.stderr)
                return 1
            vocab, _ = catalogue.load_vocabularies(root)
            for key in dict.fromkeys(filter(None, map(_answer_of, (p.field for p in found)))):
                answers.pop(key, None)
                _ask(key, answers, vocab)
        try:
            path = contribute.write(item, root)
        except contribute.ContributionError as exc:
            print(f"python -m macros new: {exc}", file=sys.stderr)
            return 2
        print(messages.text("new_written", path=display_path(path, root)))
    return 0


def from_issue(args, root: Path = ROOT) -> int:
    body = sys.stdin.read() if args.source == "-" else Path(args.source).read_text(encoding="utf-8")
    lang = re.search(r"^(fr|en) — ", body, re.M)
    with messages.use(lang.group(1) if lang else "en"):
        return _from_issue(body, args, root)


def _from_issue(body: str, args, root: Path) -> int:
    try:
        answers, notes = contribute.parse_issue(body)
        item = contribute.build(answers, root)
    except contribute.ContributionError as exc:
        print("\n".join(f"python -m macros from-issue: {line}" for line in exc.lines), file=sys.stderr)
        return 2
    for note in notes:
        print(f"python -m macros from-issue: {note}", file=sys.stderr)
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
    print(messages.text("issue_written" if not problems else "issue_written_problems", path=display_path(path, root),
                        count=len(problems)), file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("check", help="validate content and data; one line per problem")
    cmd.add_argument("files", nargs="*", type=Path, help="data files to check (default: all, plus page parity)")
    cmd.add_argument("--github", action="store_true", help="print problems as GitHub annotations (::error file=…,line=…::…)")
    cmd.add_argument("--lang", choices=messages.LANGUAGES, default=messages.DEFAULT, help="language of the messages (en or fr)")
    cmd = commands.add_parser("new", help="write a valid initiative from the essentials (asks for what is missing)")
    for key in OPTIONS:
        cmd.add_argument(f"--{key.replace('_', '-')}", dest=key, help=_option_help(key))
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


def _option_help(key: str) -> str:
    field, _, lang = key.partition("_")
    if lang:
        return f"the {field} in {lang} (for --lang both)"
    return {"lang": "fr, en or both", "country": "name (French or English) or two-letter code",
            "themes": "numbers, labels or ids, comma-separated", "tools": "numbers, labels or ids, comma-separated",
            "actors": "numbers, labels or ids, comma-separated", "region": "number, label or id",
            "start": "year, or range such as 2016-2019", "end": "year, ongoing, or nothing",
            "links": "one per line: address, space, label", "id": "the file name (default: place + short name)"}.get(key, field)


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

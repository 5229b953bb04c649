"""Read one YAML data file safely, with the line of every field, or explain what is wrong.

Contributed files are data: they are read with the safe loader only and never rendered
as templates. The file is parsed once (by libyaml when PyYAML has it): the values and the
line of every field come from the same tree of nodes. Every failure becomes a Problem with
a line, never a traceback, and the work per file is bounded: anchors and aliases (which
let a few lines stand for billions of values) and very deep nesting are refused.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .messages import number, problem
from .problems import Problem, dotted

try:   # libyaml, shipped in PyYAML's wheels: the same nodes and marks, parsed in C
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as Loader

MAX_DEPTH = 30          # data files nest 4-6 levels; deeper is a mistake or an attack
MAX_BYTES = 1_000_000   # the largest data file is ~20 KB
MAX_EVENTS = 50_000     # parser events (about two per value); the largest data file has ~2,000
# Building nodes recurses once per level (libyaml overflows the C stack near 100,000 levels)
# and costs memory per value: a file with this many brackets, commas and lines is first
# measured by streaming its events, which stops as soon as a limit is passed.
QUICK_CHECK = 2_000


def safe_load(text: str):
    """Trusted project files (interface strings, front matter, quiz): the safe loader, in C."""
    return yaml.load(text, Loader=Loader)


@dataclass
class YamlFile:
    path: str                       # as shown in messages
    data: object = None
    lines: dict = field(default_factory=dict)   # (key, index, …) -> line number
    problems: list = field(default_factory=list)

    def line(self, *where) -> int:
        """Line of the deepest known part of `where` (a path of keys and indexes)."""
        where = tuple(where)
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where, 1)


def read(path: Path, shown: str | None = None) -> YamlFile:
    shown = shown or str(path)
    result = YamlFile(shown)
    try:
        _read(path, result)
    except Exception as exc:  # noqa: BLE001 - whatever happens, one line that names the file
        result.data = None
        result.problems.append(problem(shown, 1, "", "unreadable", error=f"{type(exc).__name__}: {str(exc)[:200]}"))
    return result


# Characters a data file may not hold: controls other than tab and line breaks (NUL, ESC,
# the C1 range…), which are invisible and break exports; half characters (lone surrogates,
# from an escape such as "\ud800"), which cannot even be written to a UTF-8 file.
RAW_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
VALUE_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Tags that plain data uses (implicit or written out); any other (!!python/object…) is refused.
DATA_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


def _char_problem(shown: str, line: int, column: int, char: str, field: str = "") -> Problem:
    code = f"U+{ord(char):04X}"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return problem(shown, line, field, "half_character", code=code, column=column)
    return problem(shown, line, field, "control_character", code=code, column=column)


def _read(path: Path, result: YamlFile) -> None:
    shown = result.path
    raw = path.read_bytes()
    text, result.problems = _decode(raw, shown)
    if text is None:
        return
    result.problems = _text_problems(text, shown)
    if result.problems:
        return
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            result.problems.append(problem(shown, 1, "", "empty_file"))
            return
        _walk(node, result, text)
        if not result.problems:
            result.data = _construct(loader, node, result)
    except yaml.YAMLError as exc:
        result.problems.append(_syntax_problem(text, shown, exc))
    finally:
        loader.dispose()


def _decode(raw: bytes, shown: str) -> tuple[str | None, list]:
    """The text of a file of bounded size in UTF-8, or the problem with its line."""
    if len(raw) > MAX_BYTES:
        return None, [problem(shown, 1, "", "too_big", size=number(len(raw)), limit=number(MAX_BYTES))]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [problem(shown, line, "", "not_utf8", byte=f"0x{raw[exc.start]:02x}", column=column)]


def _text_problems(text: str, shown: str) -> list:
    """What is wrong before parsing: tabs, forbidden characters, emptiness, size of the tree."""
    found = []
    for line_number, line_text in enumerate(text.split("\n"), 1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            found.append(problem(shown, line_number, "", "tab_indent", column=indent.index(chr(9)) + 1))
        bad = RAW_FORBIDDEN.search(line_text)
        if bad:
            found.append(_char_problem(shown, line_number, bad.start() + 1, bad.group()))
    if found:
        return cap_lines(found)
    if not text.strip() or all(line.strip().startswith("#") or not line.strip() for line in text.splitlines()):
        return [problem(shown, 1, "", "empty_file")]
    if sum(map(text.count, "[{,\n")) > QUICK_CHECK:
        depth, events = _measure(text)
        if depth > MAX_DEPTH:
            return [problem(shown, 1, "", "too_deep", depth=MAX_DEPTH)]
        if events > MAX_EVENTS:
            return [problem(shown, 1, "", "too_many_values", limit=number(MAX_EVENTS // 2))]
    return []


def cap_lines(problems: list, limit: int = 5) -> list:
    """The first few problems of a kind, then how many more (10,000 tabs make one summary line)."""
    if len(problems) <= limit:
        return problems
    return problems[:limit] + [problem(problems[0].path, problems[limit].line, "", "more_in_file",
                                       count=number(len(problems) - limit))]


def _construct(loader, node, result: YamlFile):
    """Python values from the checked nodes; a value that cannot be built (a date such as
    2026-13-45, a number of 5,000 digits) is reported at its line."""
    try:
        return loader.construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        detail = getattr(exc, "problem", None) or str(exc)
        result.problems.append(problem(result.path, line + 1 if line is not None else _bad_scalar_line(node),
                                       "", "not_data", detail=str(detail)[:200]))
        return None


def _bad_scalar_line(root) -> int:
    loader = Loader("")
    try:
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node, deep=True)
                except Exception:  # noqa: BLE001 - the first value that fails names the line
                    return node.start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                stack.extend(v for pair in node.value for v in pair)
    finally:
        loader.dispose()
    return 1


def _measure(text: str) -> tuple[int, int]:
    """Nesting depth and number of parser events, streamed: stops once either limit is passed."""
    depth = deepest = events = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            events += 1
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            if deepest > MAX_DEPTH or events > MAX_EVENTS:
                break
    except yaml.YAMLError:
        pass   # reported by the parse that follows
    return deepest, events


def _first_alias_line(text: str) -> int:
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return 1


def _syntax_problem(text: str, shown: str, first: yaml.YAMLError) -> Problem:
    """The syntax error as the pure-Python parser words it (same message with or without libyaml).
    What only libyaml refuses (an escape such as "\\ud800") is looked for in the pure-Python nodes."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return _worded(exc, shown)
    if node is not None:
        probe = YamlFile(shown)
        _walk(node, probe, text)
        if probe.problems:
            return probe.problems[0]
    return _worded(first, shown)


def _worded(exc: yaml.YAMLError, shown: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return problem(shown, 1, "", "syntax_plain")
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    detail = f"{context}, {what}" if context else what
    return problem(shown, mark.line + 1, "", "syntax", column=mark.column + 1, detail=detail)


def _scalar_problem(node, result: YamlFile, where) -> Problem | None:
    """A tag other than plain data's, or a character that cannot be in data, in one scalar."""
    if node.tag not in DATA_TAGS:
        return problem(result.path, node.start_mark.line + 1, dotted(where), "tag", tag=_tag(node.tag))
    if isinstance(node, yaml.ScalarNode):
        bad = VALUE_FORBIDDEN.search(node.value)
        if bad:
            before = node.value[: bad.start()]
            line = node.start_mark.line + 1 + (before.count("\n") if node.style in ("|", ">") else 0)
            column = bad.start() - before.rfind("\n") if "\n" in before else node.start_mark.column + 1 + bad.start()
            return _char_problem(result.path, line, column, bad.group(), dotted(where))
    return None


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _walk(root, result: YamlFile, text: str) -> None:
    """Record the line of every key and item; refuse aliases, deep nesting, foreign tags and
    characters that cannot be data. Iterative, and each node is visited once: an alias is a
    node met a second time."""
    seen: set[int] = set()
    stack = [(root, (), 0)]
    while stack:
        node, where, depth = stack.pop()
        line = node.start_mark.line + 1
        if id(node) in seen:
            result.problems.append(problem(result.path, _first_alias_line(text), "", "alias"))
            return
        seen.add(id(node))
        if depth > MAX_DEPTH:
            result.problems.append(problem(result.path, line, dotted(where), "too_deep", depth=MAX_DEPTH))
            return
        _note(result, _scalar_problem(node, result, where))
        if len(result.problems) > 5:
            result.problems = cap_lines(result.problems)
            return
        result.lines.setdefault(where, line)
        stack.extend(reversed(_children(node, result, where, depth)))   # document order


def _note(result: YamlFile, found: Problem | None) -> None:
    if found:
        result.problems.append(found)


def _children(node, result: YamlFile, where: tuple, depth: int) -> list:
    """The node's keys and items, with their lines recorded (and keys checked)."""
    children: list = []
    if isinstance(node, yaml.MappingNode):
        first: dict = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line + 1)
            key_line = key.start_mark.line + 1
            _note(result, _scalar_problem(key, result, where))
            if name in first:
                result.problems.append(problem(result.path, key_line, dotted(where + (name,)), "twice", first=first[name]))
            first.setdefault(name, key_line)
            result.lines[where + (name,)] = key_line
            children.append((value, where + (name,), depth + 1))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            result.lines[where + (index,)] = item.start_mark.line + 1
            children.append((item, where + (index,), depth + 1))
    return children

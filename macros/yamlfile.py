"""Read one YAML data file safely, with the line of every field, or explain what is wrong.

Contributed files are data: they are read with the safe loader only and never rendered
as templates. The file is parsed once (by libyaml when PyYAML has it): the values and the
line of every field come from the same tree of nodes. Every failure becomes a Problem with
a line, never a traceback, and the work per file is bounded: anchors and aliases (which
let a few lines stand for billions of values) and very deep nesting are refused.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, dotted

try:   # libyaml, shipped in PyYAML's wheels: the same nodes and marks, parsed in C
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as Loader

MAX_DEPTH = 30          # data files nest 4-6 levels; deeper is a mistake or an attack
MAX_BYTES = 1_000_000   # the largest data file is ~20 KB
# Building nodes recurses once per level (libyaml overflows the C stack near 100,000 levels):
# a file with this many brackets is first measured by streaming its events.
FLOW_CHECK = 2_000


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
        result.problems.append(Problem(shown, 1, "", f"could not be read ({type(exc).__name__}: {exc})",
                                       "compare the file with the template and simplify it"))
    return result


def _read(path: Path, result: YamlFile) -> None:
    shown = result.path
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        result.problems.append(Problem(shown, 1, "", f"is {len(raw):,} bytes long; data files stay under {MAX_BYTES:,}",
                                       "shorten the texts, or split the content"))
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        result.problems.append(Problem(shown, line, "", f"not UTF-8 text ({exc.reason})", "save the file as UTF-8"))
        return
    for number, line_text in enumerate(text.splitlines(), 1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            result.problems.append(Problem(shown, number, "", f"tab in indentation (column {indent.index(chr(9)) + 1})",
                                           "indent with spaces only (2 per level)"))
    if result.problems:
        return
    if not text.strip() or all(line.strip().startswith("#") or not line.strip() for line in text.splitlines()):
        result.problems.append(Problem(shown, 1, "", "the file is empty", "fill it in from the template, or delete it"))
        return
    if text.count("[") + text.count("{") > FLOW_CHECK and _flow_depth(text) > MAX_DEPTH:
        result.problems.append(Problem(shown, 1, "", f"nests more than {MAX_DEPTH} levels deep",
                                       "compare the file with the template: fields nest a few levels at most"))
        return
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            result.problems.append(Problem(shown, 1, "", "the file is empty", "fill it in from the template, or delete it"))
            return
        _walk(node, result, text)
        if not result.problems:
            result.data = loader.construct_document(node)
    except yaml.YAMLError:
        result.problems.append(_syntax_problem(text, shown))
    finally:
        loader.dispose()


def _flow_depth(text: str) -> int:
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > MAX_DEPTH:
                    break
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass   # reported by the parse that follows
    return deepest


def _first_alias_line(text: str) -> int:
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return 1


def _syntax_problem(text: str, shown: str) -> Problem:
    """The syntax error as the pure-Python parser words it (same message with or without libyaml)."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None)
        detail = f"{context}, {what}" if context else what
        return Problem(shown, line, "", f"YAML syntax error at column {col}: {detail}",
                       "check the indentation and quote texts that contain ': ' or start with a symbol")
    return Problem(shown, 1, "", "YAML syntax error", "check the indentation and quote texts that contain ': '")


def _walk(root, result: YamlFile, text: str) -> None:
    """Record the line of every key and item; refuse aliases and deep nesting.
    Iterative, and each node is visited once: an alias is a node met a second time."""
    seen: set[int] = set()
    stack = [(root, (), 0)]
    while stack:
        node, where, depth = stack.pop()
        line = node.start_mark.line + 1
        if id(node) in seen:
            result.problems.append(Problem(result.path, _first_alias_line(text), "", "uses an alias (*name) of another value",
                                           "write the value out in full: anchors (&name) and aliases are not used in data files"))
            return
        seen.add(id(node))
        if depth > MAX_DEPTH:
            result.problems.append(Problem(result.path, line, dotted(where), f"nests more than {MAX_DEPTH} levels deep",
                                           "compare the file with the template: fields nest a few levels at most"))
            return
        result.lines.setdefault(where, line)
        children: list = []
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line + 1)
                key_line = key.start_mark.line + 1
                if name in first:
                    result.problems.append(Problem(result.path, key_line, dotted(where + (name,)),
                                                   f"appears twice (first on line {first[name]})", "keep only one"))
                first.setdefault(name, key_line)
                result.lines[where + (name,)] = key_line
                children.append((value, where + (name,), depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                result.lines[where + (index,)] = item.start_mark.line + 1
                children.append((item, where + (index,), depth + 1))
        stack.extend(reversed(children))   # document order

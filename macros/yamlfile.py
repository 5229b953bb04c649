"""Read one YAML data file safely, with the line of every field, or explain what is wrong.

Contributed files are data: they are read with the safe loader only and never rendered
as templates. Every failure becomes a Problem with a line, never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem


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
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        result.problems.append(Problem(shown, 1, "", f"not UTF-8 text ({exc.reason})", "save the file as UTF-8"))
        return result
    for number, raw in enumerate(text.splitlines(), 1):
        indent = raw[: len(raw) - len(raw.lstrip(" \t"))]
        if "\t" in indent:
            result.problems.append(Problem(shown, number, "", f"tab in indentation (column {indent.index(chr(9)) + 1})",
                                           "indent with spaces only (2 per level)"))
    if result.problems:
        return result
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        result.problems.append(Problem(shown, 1, "", "the file is empty", "fill it in from the template, or delete it"))
        return result
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        result.data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None)
        detail = f"{context}, {what}" if context else what
        result.problems.append(Problem(shown, line, "", f"YAML syntax error at column {col}: {detail}",
                                       "check the indentation and quote texts that contain ': ' or start with a symbol"))
        return result
    _walk(node, (), result)
    return result


def _walk(node, where: tuple, result: YamlFile) -> None:
    result.lines.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key, value in node.value:
            name = key.value
            if name in seen:
                result.problems.append(Problem(result.path, key.start_mark.line + 1, ".".join(map(str, where + (name,))),
                                               f"appears twice (first on line {seen[name]})", "keep only one"))
            seen[name] = key.start_mark.line + 1
            result.lines[where + (name,)] = key.start_mark.line + 1
            _walk(value, where + (name,), result)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            result.lines[where + (index,)] = item.start_mark.line + 1
            _walk(item, where + (index,), result)

"""Check data files against the JSON Schemas in schema/ and the cross-file rules.

Every problem becomes one line `path:line: field: problem — how to fix`, never a traceback,
worded by the message catalogue (macros/messages.py, i18n/messages/) in the contributor's
language. Vocabulary ids live only in initiatives/vocabularies/; here they are looked up,
with a "did you mean" for near misses.
"""
from __future__ import annotations

import datetime
import difflib
import json
import re
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry, Resource

from . import countries
from .messages import number, problem, text
from .problems import Problem, dotted
from .yamlfile import YamlFile

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
TEMPLATE = "initiatives/_template.yml"
TEXT_FIELDS = ("title", "summary", "description", "lessons")
VOCAB_OF_FIELD = {"themes": "themes", "tools": "tools", "actors": "actors"}
# Years an initiative may give: from YEAR_MIN, starting at most START_AHEAD years and ending
# at most END_AHEAD years after this one (the share form reads the same numbers).
YEAR_MIN, START_AHEAD, END_AHEAD = 1950, 1, 10
ONGOING = "ongoing"
# Repeated problems are summed up: at most this many lines per field, and per file.
MAX_PER_FIELD, MAX_PER_FILE = 5, 40


def _ecma(pattern: str) -> str:
    """JSON Schema patterns are ECMA-262: `$` ends the text. In Python `$` also matches before
    a final newline ("SN\\n"), so it becomes `\\Z` (outside character classes)."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return "".join(out)


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(_ecma(pattern))


def _full_pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = validators.extend(Draft202012Validator, {"pattern": _full_pattern})


@lru_cache(maxsize=None)
def schemas() -> dict:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.schema.json")}


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in schemas().items())
    return Validator(schemas()[f"{name}.schema.json"], registry=registry)


def suggest(value, choices) -> str:
    close = difflib.get_close_matches(str(value)[:200], list(choices), n=1, cutoff=0.6)
    return text("did_you_mean", value=repr(close[0])) if close else ""


def type_name(value) -> str:
    kind = {dict: "mapping", list: "list", str: "text", type(None): "empty", bool: "boolean", int: "integer",
            float: "number", datetime.date: "date", datetime.datetime: "date"}.get(type(value), "other")
    return text(f"value_{kind}")


def _short(value, limit: int = 60) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…'"


# One function per JSON Schema keyword: what went wrong, in the contributor's words, and the fix.
# Each gets (error, read file, schema name, line, dotted place) and returns its problems.
def _required(e, read, kind, line, where):
    missing = [k for k in e.validator_value if not isinstance(e.instance, dict) or k not in e.instance]
    path = list(e.absolute_path)
    return [problem(read.path, line, dotted(path + [name]), "required",
                    text("required", "fix" if kind == "initiative" else "fix_short", name=name, template=TEMPLATE))
            for name in missing]


def _additional(e, read, kind, line, where):
    allowed = list(e.schema.get("properties", {}))
    path = list(e.absolute_path)
    extras = [extra for extra in e.instance if extra not in allowed]
    return [problem(read.path, read.line(*path, extra), dotted(path + [extra]), "unknown_field",
                    (index < MAX_PER_FILE and suggest(extra, allowed)) or None, fields=", ".join(allowed))
            for index, extra in enumerate(extras)]


RANGE = re.compile(r"^\s*(\d{4})\s*(?:-|–|—|/|to|à|a)\s*(\d{4}|ongoing|en cours)\s*$", re.IGNORECASE)


def _years_problem(value, read, line, where):
    """Years written as one value (`years: 2015-2020`, `start: "2015-2020"`): say how to write them."""
    found = RANGE.match(str(value)) if isinstance(value, str) else None
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        found = [None, *map(str, value)]
    if found:
        end = ONGOING if not found[2].isdigit() else found[2]
        return problem(read.path, line, where, "years_range", value=_short(value), start=found[1], end=end)
    year = str(value).strip() if isinstance(value, (int, str)) and re.fullmatch(r"\d{4}", str(value).strip()) else "2015"
    return problem(read.path, line, where, "years_single", value=_short(value), start=year)


def _type(e, read, kind, line, where):
    path = list(e.absolute_path)
    expected = e.validator_value if isinstance(e.validator_value, str) else e.validator_value[0]
    if not path:
        return [problem(read.path, 1, "", "file_not_mapping", got=type_name(e.instance), template=TEMPLATE)]
    if kind == "initiative" and (path == ["years"] or path[:1] == ["years"] and isinstance(e.instance, str)
                                 and RANGE.match(e.instance)):
        return [_years_problem(e.instance, read, line, where)]
    if "fr" in e.schema.get("properties", {}):
        return [problem(read.path, line, where, "not_a_text", got=type_name(e.instance), field=where)]
    wanted = text(f"type_{expected}")
    fix = None
    if expected == "string" and isinstance(e.instance, (datetime.date, int, float)) and not isinstance(e.instance, bool):
        fix = text("wrong_type", "fix_quotes", value=str(e.instance))
    elif expected == "array" and isinstance(e.instance, str):
        fix = text("wrong_type", "fix_list", value=e.instance[:60])
    return [problem(read.path, line, where, "wrong_type", fix, wanted=wanted, got=type_name(e.instance))]


PATTERN_KEYS = {"url": "pattern_url", "id": "pattern_id", "country": "pattern_country", "lines": "pattern_lines",
                "date": "pattern_date"}


def _pattern(e, read, kind, line, where):
    last = e.absolute_path[-1] if e.absolute_path else ""
    value = e.instance
    key = "pattern_vocabulary" if isinstance(last, int) else PATTERN_KEYS.get(last, "pattern_other")
    fix = None
    if "\n" in value or "\r" in value or "\t" in value:
        return [problem(read.path, line, where, "one_line")]
    if key == "pattern_url" and re.fullmatch(r"[\w-]+(\.[\w-]+)+(/\S*)?", value):
        fix = text("pattern_url", "fix_scheme", value="https://" + value)
    if key == "pattern_country":
        code = countries.code_of(value)
        if code:
            fix = text("pattern_country", "fix_name", code=code, name=countries.names("en")[code])
    return [problem(read.path, line, where, key, fix, value=_short(value), pattern=e.validator_value)]


def _length(e, read, kind, line, where):
    length = len(e.instance)
    if e.validator == "minLength":
        if length == 0 or not e.instance.strip():
            return [problem(read.path, line, where, "empty")]
        return [problem(read.path, line, where, "too_short", length=length, min=e.validator_value)]
    return [problem(read.path, line, where, "too_long", length=number(length), max=number(e.validator_value))]


def _items(e, read, kind, line, where):
    if e.validator == "uniqueItems":
        return [problem(read.path, line, where, "same_twice")]
    key = "too_few" if e.validator == "minItems" else "too_many"
    return [problem(read.path, line, where, key, count=number(len(e.instance)), limit=e.validator_value)]


def _choice(e, read, kind, line, where):
    choices = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
    return [problem(read.path, line, where, "not_allowed", value=_short(e.instance), choices=", ".join(map(str, choices)))]


def _bound(e, read, kind, line, where):
    return [problem(read.path, line, where, "below" if e.validator == "minimum" else "above",
                    value=_short(e.instance), limit=e.validator_value)]


def _shape(e, read, kind, line, where):
    """oneOf / not: the places in the schema where several shapes are possible."""
    path = list(e.absolute_path)
    if path and path[-1] == "answer":
        answer_type = e.instance.get("type") if isinstance(e.instance, dict) else None
        return [problem(read.path, line, where, "answer_shape", type=repr(answer_type))]
    if path == ["place", "city"]:
        return [_city(e.instance, read, line, where)]
    if path == ["years", "end"]:
        if isinstance(e.instance, str) and RANGE.match(e.instance):
            return [_years_problem(e.instance, read, line, where)]
        return [problem(read.path, line, where, "end_shape", value=_short(e.instance), got=type_name(e.instance))]
    if path == ["location"]:
        return [problem(read.path, line, where, "location_shape", value=_short(e.instance))]
    if "guide_refs" in path:   # initiatives, and the axes and levels of the diagnostic
        return [problem(read.path, line, where, "guide_ref_shape")]
    return [problem(read.path, line, where, "schema_other", message=e.message)]


def _city(value, read, line, where) -> Problem:
    """place.city is a name or {fr: …, en: …}: say which part is wrong."""
    limit = validator("initiative").schema["properties"]["place"]["properties"]["city"]["oneOf"][0]["maxLength"]
    names = value.values() if isinstance(value, dict) else [value]
    if isinstance(value, dict) and (set(value) != {"fr", "en"}):
        return problem(read.path, line, where, "city_languages", langs=", ".join(map(str, value)) or text("no_language"))
    if all(isinstance(n, str) for n in names):
        if not all(n.strip() for n in names):
            return problem(read.path, line, where, "city_empty")
        if any("\n" in n or "\t" in n for n in names):
            return problem(read.path, line, where, "one_line")
        longest = max(names, key=len)
        return problem(read.path, line, where, "too_long", length=number(len(longest)), max=limit)
    return problem(read.path, line, where, "city_type", got=type_name(value))


RULES = {"required": _required, "additionalProperties": _additional, "type": _type, "pattern": _pattern,
         "maxLength": _length, "minLength": _length, "minItems": _items, "maxItems": _items, "uniqueItems": _items,
         "enum": _choice, "const": _choice, "minimum": _bound, "maximum": _bound, "oneOf": _shape, "not": _shape}
MAX_ERRORS = 2_000   # the schema's errors read per file: enough to fill every capped line


def _schema_problems(error, read: YamlFile, kind: str) -> list[Problem]:
    path = list(error.absolute_path)
    rule = RULES.get(error.validator)
    if rule is None:
        if error.validator == "minProperties":
            return [problem(read.path, read.line(*path), dotted(path), "no_text")]
        return [problem(read.path, read.line(*path), dotted(path), "schema_other", message=error.message)]
    return rule(error, read, kind, read.line(*path), dotted(path))


def schema_problems(read: YamlFile, name: str) -> list[Problem]:
    found = set()
    for count, error in enumerate(validator(name).iter_errors(read.data)):
        if count >= MAX_ERRORS:
            break
        found.update(_schema_problems(error, read, name))
    return sorted(_once(found))


def _once(found: set) -> set:
    """A misspelt field is one mistake: `labl:` is reported as unknown ("did you mean 'label'?"),
    not also as `label` missing."""
    meant = {(p.field.rpartition(".")[0], p.fix) for p in found}
    return {p for p in found
            if not (p.message == text("required", "message")
                    and (p.field.rpartition(".")[0], text("did_you_mean", value=repr(p.field.rpartition(".")[2]))) in meant)}


def vocabulary(read: YamlFile) -> list[Problem]:
    return schema_problems(read, "vocabulary")


def theme_tree(themes: dict, shown: str) -> list[Problem]:
    problems = []
    for theme_id, theme in themes.items():
        if not isinstance(theme, dict):
            continue
        group, parent = theme.get("group"), theme.get("parent")
        if group not in ("domain", "sub-theme", "cross-cutting"):
            problems.append(problem(shown, 0, f"{theme_id}.group", "theme_group"))
        elif group == "sub-theme" and (themes.get(parent) or {}).get("group") != "domain":
            problems.append(problem(shown, 0, f"{theme_id}.parent", "theme_parent", parent=repr(parent)))
    return problems


def _check_id(problems, read, where, value, vocab, vocabulary_name, hint=True):
    if isinstance(value, str) and value not in vocab.get(vocabulary_name, {}):
        hint = hint and suggest(value, vocab.get(vocabulary_name, {}))
        problems.append(problem(read.path, read.line(*where), dotted(where), "unknown_id", hint or None,
                                kind=text(f"kind_{vocabulary_name}"), value=_short(value), vocabulary=vocabulary_name))


def _id_problems(read: YamlFile, data: dict, stem: str) -> list[Problem]:
    value = data.get("id")
    if not isinstance(value, str) or value == stem:
        return []
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        return []   # the schema's pattern already reports it; its fix is to set the file's name
    return [problem(read.path, read.line("id"), "id", "id_differs", value=repr(value), stem=repr(stem), id=value, file=stem)]


def duplicate_ids(paths: list[Path], reads: list) -> dict[str, list[Problem]]:
    """Files whose id another file already has. The file named after the id owns it: the
    newcomer is the one to change, whatever the alphabetical order."""
    owners: dict[str, list] = {}
    for path, read in zip(paths, reads, strict=True):
        if isinstance(read.data, dict) and isinstance(read.data.get("id"), str):
            owners.setdefault(read.data["id"], []).append((path.stem != read.data["id"], read))
    out: dict[str, list[Problem]] = {}
    for claims in owners.values():
        if len(claims) > 1:
            claims.sort(key=lambda claim: claim[0])   # the file named after the id first (sort is stable)
            first = claims[0][1].path
            for _, read in claims[1:]:
                out.setdefault(read.path, []).append(problem(read.path, read.line("id"), "id", "duplicate_id", first=first))
    return out


def initiative(read: YamlFile, stem: str, vocab: dict) -> list[Problem]:
    """Every problem of one initiative file: schema, then cross-checks on what has the right type."""
    data = read.data
    problems = schema_problems(read, "initiative")
    if not isinstance(data, dict):
        return problems
    problems = [_set_id(p, stem) if p.field == "id" else p for p in problems]
    problems += _id_problems(read, data, stem)
    for field_name, vocabulary_name in VOCAB_OF_FIELD.items():
        if isinstance(data.get(field_name), list):
            for index, value in enumerate(data[field_name]):   # beyond the lines shown, no suggestion to look for
                _check_id(problems, read, (field_name, index), value, vocab, vocabulary_name, hint=index < MAX_PER_FIELD)
    if isinstance(data.get("place"), dict):
        _check_id(problems, read, ("place", "region"), data["place"].get("region"), vocab, "regions")
    if isinstance(data.get("source"), dict):
        document = data["source"].get("document")
        if isinstance(document, str) and document != "contribution":
            _check_id(problems, read, ("source", "document"), document, vocab, "sources")
    if isinstance(data.get("years"), dict):
        problems += _year_problems(read, data["years"])
    problems += _one_line_problems(read, data)
    problems += _language_problems(read, data, TEXT_FIELDS)
    return cap(set(problems))


def _set_id(found: Problem, stem: str) -> Problem:
    """A malformed id: the fix is the file's own name, never a file named after the id."""
    if found.fix == text("pattern_id", "fix") and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem):
        return Problem(found.path, found.line, found.field, found.message, text("pattern_id", "fix_stem", stem=stem))
    return found


def this_year() -> int:
    return datetime.date.today().year


def _year_problems(read: YamlFile, years: dict) -> list[Problem]:
    problems = []
    start, end = years.get("start"), years.get("end")
    start = start if isinstance(start, int) and not isinstance(start, bool) else None
    end = end if isinstance(end, int) and not isinstance(end, bool) else None
    if start is not None and not YEAR_MIN <= start <= this_year() + START_AHEAD:
        problems.append(problem(read.path, read.line("years", "start"), "years.start", "start_implausible",
                                start=start, min=YEAR_MIN, max=this_year() + START_AHEAD))
    if end is not None and start is not None and end < start:
        problems.append(problem(read.path, read.line("years", "end"), "years.end", "end_before_start", end=end, start=start))
    elif end is not None and not YEAR_MIN <= end <= this_year() + END_AHEAD:
        problems.append(problem(read.path, read.line("years", "end"), "years.end", "end_implausible",
                                end=end, min=YEAR_MIN, max=this_year() + END_AHEAD))
    return problems


def _one_line_problems(read: YamlFile, data: dict) -> list[Problem]:
    """Names and labels are shown on one line: a line break in them is a mistake."""
    places = [(("title", lang), v) for lang, v in (data.get("title") or {}).items()] if isinstance(data.get("title"), dict) else []
    if isinstance(data.get("source"), dict):
        places.append((("source", "organisation"), data["source"].get("organisation")))
    for index, link in enumerate(data.get("links") or [] if isinstance(data.get("links"), list) else []):
        if isinstance(link, dict) and isinstance(link.get("label"), dict):
            places += [(("links", index, "label", lang), v) for lang, v in link["label"].items()]
    return [problem(read.path, read.line(*where), dotted(where), "one_line")
            for where, value in places if isinstance(value, str) and ("\n" in value.strip() or "\t" in value)]


def _natural(found: Problem):
    """Sort key that puts themes[2] before themes[10]."""
    parts = re.split(r"(\d+)", found.field)
    return (found.path, found.line, [int(p) if p.isdigit() else p for p in parts], found.message)


def cap(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PER_FIELD lines per top-level field and MAX_PER_FILE per file; the rest is
    counted on one last line ("themes…: and 9,995 more problem(s) in themes")."""
    kept, extra, per_field = [], {}, {}
    for found in sorted(problems, key=_natural):
        top = re.split(r"[.\[]", found.field, maxsplit=1)[0]
        per_field[top] = per_field.get(top, 0) + 1
        group = top if per_field[top] > MAX_PER_FIELD else "" if len(kept) >= MAX_PER_FILE else None
        if group is None:
            kept.append(found)
        else:
            summary = extra.setdefault(group, [found, 0])
            summary[0] = max(summary[0], found, key=lambda p: p.line)
            summary[1] += 1
    for group, (last, count) in extra.items():
        kept.append(problem(last.path, last.line, f"{group}…", "more_in_field" if group else "more_in_file",
                            count=number(count), field=group))
    return kept


def _language_problems(read: YamlFile, data: dict, fields) -> list[Problem]:
    texts = {(f,): data[f] for f in fields if isinstance(data.get(f), dict)}
    for index, link in enumerate(data.get("links") or [] if isinstance(data.get("links"), list) else []):
        if isinstance(link, dict) and isinstance(link.get("label"), dict):
            texts[("links", index, "label")] = link["label"]
    if not texts:
        return []
    present = {lang for value in texts.values() for lang in value if lang in ("fr", "en")}
    problems = []
    for lang in sorted(present):
        for where, value in texts.items():
            if lang not in value:
                other = "en" if lang == "fr" else "fr"
                problems.append(problem(read.path, read.line(*where), dotted(where), "missing_language",
                                        lang=lang, other=other, field=dotted(where)))
    return problems


def worksheet(read: YamlFile, stem: str) -> list[Problem]:
    """Every problem of one worksheet file."""
    data = read.data
    problems = schema_problems(read, "worksheet")
    if isinstance(data, dict):
        problems = [_set_id(p, stem) if p.field == "id" else p for p in problems]
        problems += _id_problems(read, data, stem)
    if not problems and "facilitator" in data:
        problems += _facilitator_problems(read, data["facilitator"])
    return cap(set(problems))


def _facilitator_problems(read: YamlFile, notes: dict) -> list[Problem]:
    problems = []
    planned = sum(step["minutes"] for step in notes["steps"])
    if planned != notes["duration"]:
        problems.append(problem(read.path, read.line("facilitator", "duration"), "facilitator.duration",
                                "facilitator_duration", duration=notes["duration"], planned=planned))
    if notes["group_size"]["min"] > notes["group_size"]["max"]:
        problems.append(problem(read.path, read.line("facilitator", "group_size"), "facilitator.group_size", "group_size"))
    return problems


def diagnostic(read: YamlFile, vocab: dict) -> list[Problem]:
    """Every problem quiz/diagnostic.yml shows by itself: schema, unique ids, known themes and sources.
    (What its axes lead to in the guide is checked by macros/diagnostic.py, which derives it.)"""
    data = read.data
    problems = schema_problems(read, "diagnostic")
    if not isinstance(data, dict):
        return problems
    axis_ids: dict = {}
    question_ids: dict = {}
    for i, axis in enumerate(data.get("axes") or []):
        if not isinstance(axis, dict):
            continue
        _unique(problems, read, axis_ids, ("axes", i, "id"), axis.get("id"))
        for j, question in enumerate(axis.get("questions") or []):
            if isinstance(question, dict):
                _unique(problems, read, question_ids, ("axes", i, "questions", j, "id"), question.get("id"))
        for k, theme in enumerate(axis.get("themes") or []):
            _check_id(problems, read, ("axes", i, "themes", k), theme, vocab, "themes")
    for i, source in enumerate(data.get("sources") or []):
        if isinstance(source, dict):
            _check_id(problems, read, ("sources", i, "document"), source.get("document"), vocab, "sources")
    if not problems:
        problems += _facilitator_problems(read, data["facilitator"])
    return sorted(set(problems))


def _unique(problems, read, seen, where, value):
    if not isinstance(value, str):
        return
    first = seen.setdefault(value, read.line(*where))
    if first != read.line(*where):
        problems.append(Problem(read.path, read.line(*where), dotted(where), f"duplicate id {value!r}, already used on line {first}",
                                "give each axis and each question an id of its own"))

"""Check data files against the JSON Schemas in schema/ and the cross-file rules.

Every problem becomes one line `path:line: field: problem — how to fix`, never a traceback.
Vocabulary ids live only in initiatives/vocabularies/; here they are looked up, with a
"did you mean" for near misses.
"""
from __future__ import annotations

import datetime
import difflib
import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .problems import Problem, dotted
from .yamlfile import YamlFile

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
TEMPLATE = "initiatives/_template.yml"
TEXT_FIELDS = ("title", "summary", "description", "lessons")
VOCAB_OF_FIELD = {"themes": "themes", "tools": "tools", "actors": "actors"}
TYPE_NAMES = {"object": "a mapping (field: value)", "array": "a list (- item)", "string": "a text",
              "integer": "a whole number", "number": "a number", "boolean": "true or false"}


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.schema.json")}
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in schemas.items())
    return Draft202012Validator(schemas[f"{name}.schema.json"], registry=registry)


def suggest(value, choices) -> str:
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


# One function per JSON Schema keyword: what went wrong, in the contributor's words, and the fix.
# Each gets (error, read file, schema name, line, dotted place) and returns its problems.
def _required(e, read, kind, line, where):
    missing = [k for k in e.validator_value if not isinstance(e.instance, dict) or k not in e.instance]
    path = list(e.absolute_path)
    return [Problem(read.path, line, dotted(path + [name]), "required field missing",
                    f"add `{name}:` (every field is explained in {TEMPLATE})" if kind == "initiative" else f"add `{name}:`")
            for name in missing]


def _additional(e, read, kind, line, where):
    allowed = list(e.schema.get("properties", {}))
    path = list(e.absolute_path)
    return [Problem(read.path, read.line(*path, extra), dotted(path + [extra]), "unknown field",
                    suggest(extra, allowed) or f"remove it, or use one of: {', '.join(allowed)}")
            for extra in e.instance if extra not in allowed]


def _type(e, read, kind, line, where):
    expected = e.validator_value if isinstance(e.validator_value, str) else e.validator_value[0]
    got = TYPE_NAMES_OF_VALUE.get(type(e.instance).__name__, type(e.instance).__name__)
    if not e.absolute_path:
        return [Problem(read.path, 1, "", f"the file holds {got}, not a mapping of fields",
                        f"start each line with a field name, e.g. `id: …` (see {TEMPLATE})")]
    wanted = TYPE_NAMES.get(expected, expected)
    fix = "write it as {fr: …, en: …}" if "fr" in e.schema.get("properties", {}) else f"write {wanted}"
    return [Problem(read.path, line, where, f"must be {wanted}, not {got}", fix)]


PATTERN_FIXES = {"url": "write a full web address starting with https:// or http://",
                 "id": "use lower-case ASCII letters, digits and hyphens, e.g. dakar-open-data",
                 "country": "use the ISO 3166-1 alpha-2 code in capitals, e.g. SN, FR, BR",
                 "lines": 'write line numbers like "120-145"', "date": "write the date as YYYY-MM-DD"}
PATTERN_WHAT = {"url": "is not an http(s) web address", "country": "is not a two-letter country code"}


def _pattern(e, read, kind, line, where):
    last = e.absolute_path[-1] if e.absolute_path else ""
    fix = "use lower-case ids from the vocabulary" if isinstance(last, int) else PATTERN_FIXES.get(last, f"match {e.validator_value}")
    return [Problem(read.path, line, where, f"{PATTERN_WHAT.get(last, 'has the wrong form')}: {e.instance!r}", fix)]


def _length(e, read, kind, line, where):
    if e.validator == "minLength":
        return [Problem(read.path, line, where, "is empty", "write the text, or remove the field")]
    return [Problem(read.path, line, where, f"is {len(e.instance)} characters long; at most {e.validator_value}", "shorten it")]


def _items(e, read, kind, line, where):
    if e.validator == "uniqueItems":
        return [Problem(read.path, line, where, "lists the same item twice", "keep one of each")]
    least = e.validator == "minItems"
    return [Problem(read.path, line, where, f"has {len(e.instance)} item(s); {'at least' if least else 'at most'} {e.validator_value}",
                    "add items" if least else "keep the most relevant ones")]


def _choice(e, read, kind, line, where):
    choices = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
    return [Problem(read.path, line, where, f"{e.instance!r} is not allowed", f"use one of: {', '.join(map(str, choices))}")]


def _bound(e, read, kind, line, where):
    side = "below" if e.validator == "minimum" else "above"
    return [Problem(read.path, line, where, f"{e.instance!r} is {side} {e.validator_value}", "correct the number")]


def _shape(e, read, kind, line, where):
    """oneOf / not: the places in the schema where several shapes are possible."""
    path = list(e.absolute_path)
    if path and path[-1] == "answer":
        answer_type = e.instance.get("type") if isinstance(e.instance, dict) else None
        return [Problem(read.path, line, where, f"answer of type {answer_type!r} is incomplete or has unknown fields",
                        "write {type: lines, count: N}, {type: checklist, options: […]}, "
                        "{type: choose_one, options: […]} or {type: table, columns: […], rows: N}")]
    if path == ["place", "city"]:
        return [_city(e.instance, read, line, where)]
    if path == ["location"]:
        return [Problem(read.path, line, where, f"{e.instance!r} is not a place in the guide",
                        "write {part: A, step: N}, {part: B, domain: N, step: N}, {part: C, pillar: N} or {part: X}")]
    if "guide_refs" in path:
        return [Problem(read.path, line, where, "mixes fields of different parts",
                        "write {part: A, step: N}, {part: B, domain: N, step: N} or {part: C, pillar: N}")]
    return [Problem(read.path, line, where, e.message, "see the schema in schema/")]


CITY_FIX = "write the name, e.g. city: Dakar, or both spellings when they differ: city: {fr: Le Cap, en: Cape Town}"


def _city(value, read, line, where) -> Problem:
    """place.city is a name or {fr: …, en: …}: say which part is wrong."""
    limit = validator("initiative").schema["properties"]["place"]["properties"]["city"]["oneOf"][0]["maxLength"]
    names = value.values() if isinstance(value, dict) else [value]
    if isinstance(value, dict) and (set(value) != {"fr", "en"}):
        return Problem(read.path, line, where, f"has {', '.join(map(str, value)) or 'no language'}; a translated name needs fr and en",
                       CITY_FIX)
    if all(isinstance(n, str) for n in names):
        if not all(n.strip() for n in names):
            return Problem(read.path, line, where, "is empty", CITY_FIX)
        longest = max(names, key=len)
        return Problem(read.path, line, where, f"is {len(longest)} characters long; at most {limit}", "shorten it")
    got = TYPE_NAMES_OF_VALUE.get(type(value).__name__, type(value).__name__)
    return Problem(read.path, line, where, f"must be a name or {{fr: …, en: …}}, not {got}", CITY_FIX)


RULES = {"required": _required, "additionalProperties": _additional, "type": _type, "pattern": _pattern,
         "maxLength": _length, "minLength": _length, "minItems": _items, "maxItems": _items, "uniqueItems": _items,
         "enum": _choice, "const": _choice, "minimum": _bound, "maximum": _bound, "oneOf": _shape, "not": _shape}
TYPE_NAMES_OF_VALUE = {"dict": "mapping", "list": "list", "str": "text", "NoneType": "empty", "int": "whole number",
                       "bool": "true or false", "float": "number"}


def _schema_problems(error, read: YamlFile, kind: str) -> list[Problem]:
    path = list(error.absolute_path)
    rule = RULES.get(error.validator)
    if rule is None:
        if error.validator == "minProperties":
            return [Problem(read.path, read.line(*path), dotted(path), "has no text", "write {fr: …} and/or {en: …}")]
        return [Problem(read.path, read.line(*path), dotted(path), error.message, "see the schema in schema/")]
    return rule(error, read, kind, read.line(*path), dotted(path))


def schema_problems(read: YamlFile, name: str) -> list[Problem]:
    errors = validator(name).iter_errors(read.data)
    return sorted({p for e in errors for p in _schema_problems(e, read, name)})


def vocabulary(read: YamlFile) -> list[Problem]:
    return schema_problems(read, "vocabulary")


def theme_tree(themes: dict, shown: str) -> list[Problem]:
    problems = []
    for theme_id, theme in themes.items():
        if not isinstance(theme, dict):
            continue
        group, parent = theme.get("group"), theme.get("parent")
        if group not in ("domain", "sub-theme", "cross-cutting"):
            problems.append(Problem(shown, 0, f"{theme_id}.group", "missing or unknown",
                                    "write group: domain, sub-theme or cross-cutting"))
        elif group == "sub-theme" and (themes.get(parent) or {}).get("group") != "domain":
            problems.append(Problem(shown, 0, f"{theme_id}.parent", f"{parent!r} is not a domain theme",
                                    "name the Part B domain this sub-theme belongs to"))
    return problems


def _check_id(problems, read, where, value, vocab, vocabulary_name):
    if isinstance(value, str) and value not in vocab.get(vocabulary_name, {}):
        hint = suggest(value, vocab.get(vocabulary_name, {}))
        problems.append(Problem(read.path, read.line(*where), dotted(where), f"unknown {vocabulary_name[:-1]} {value!r}",
                                hint or f"use an id from initiatives/vocabularies/{vocabulary_name}.yml"))


def initiative(read: YamlFile, stem: str, vocab: dict) -> list[Problem]:
    """Every problem of one initiative file: schema, then cross-checks on what has the right type."""
    data = read.data
    problems = schema_problems(read, "initiative")
    if not isinstance(data, dict):
        return problems
    if isinstance(data.get("id"), str) and data["id"] != stem:
        problems.append(Problem(read.path, read.line("id"), "id", f"{data['id']!r} differs from the file name {stem!r}",
                                f"rename the file to {data['id']}.yml or set id: {stem}"))
    for field_name, vocabulary_name in VOCAB_OF_FIELD.items():
        if isinstance(data.get(field_name), list):
            for index, value in enumerate(data[field_name]):
                _check_id(problems, read, (field_name, index), value, vocab, vocabulary_name)
    if isinstance(data.get("place"), dict):
        _check_id(problems, read, ("place", "region"), data["place"].get("region"), vocab, "regions")
    if isinstance(data.get("source"), dict):
        document = data["source"].get("document")
        if isinstance(document, str) and document != "contribution":
            _check_id(problems, read, ("source", "document"), document, vocab, "sources")
    years = data.get("years")
    if isinstance(years, dict):
        this_year = datetime.date.today().year
        start, end = years.get("start"), years.get("end")
        if isinstance(start, int) and not 1950 <= start <= this_year + 1:
            problems.append(Problem(read.path, read.line("years", "start"), "years.start", f"{start} is not plausible",
                                    f"write the year the initiative started (1950–{this_year + 1})"))
        if isinstance(end, int) and isinstance(start, int) and not start <= end <= this_year + 10:
            problems.append(Problem(read.path, read.line("years", "end"), "years.end", f"{end} is before the start or too far ahead",
                                    "write the year it ended, or leave `end` out while it runs"))
    problems += _language_problems(read, data, TEXT_FIELDS)
    return sorted(set(problems))


def _language_problems(read: YamlFile, data: dict, fields) -> list[Problem]:
    texts = {(f,): data[f] for f in fields if isinstance(data.get(f), dict)}
    for index, link in enumerate(data.get("links") or []):
        if isinstance(link, dict) and isinstance(link.get("label"), dict):
            texts[("links", index, "label")] = link["label"]
    if not texts:
        return []
    present = {lang for text in texts.values() for lang in text if lang in ("fr", "en")}
    problems = []
    for lang in sorted(present):
        for where, text in texts.items():
            if lang not in text:
                other = "en" if lang == "fr" else "fr"
                problems.append(Problem(read.path, read.line(*where), dotted(where), f"has no {lang} text while other fields do",
                                        f"add {dotted(where)}.{lang}, or remove every {lang} text so the page shows "
                                        f"the {other} original as awaiting translation"))
    return problems


def worksheet(read: YamlFile, stem: str) -> list[Problem]:
    """Every problem of one worksheet file."""
    data = read.data
    problems = schema_problems(read, "worksheet")
    if isinstance(data, dict) and isinstance(data.get("id"), str) and data["id"] != stem:
        problems.append(Problem(read.path, read.line("id"), "id", f"{data['id']!r} differs from the file name {stem!r}",
                                f"rename the file to {data['id']}.yml or set id: {stem}"))
    if not problems and "facilitator" in data:
        problems += _facilitator_problems(read, data["facilitator"])
    return sorted(set(problems))


def _facilitator_problems(read: YamlFile, notes: dict) -> list[Problem]:
    problems = []
    planned = sum(step["minutes"] for step in notes["steps"])
    if planned != notes["duration"]:
        problems.append(Problem(read.path, read.line("facilitator", "duration"), "facilitator.duration",
                                f"is {notes['duration']} minutes but the steps add up to {planned}",
                                "make the steps' minutes add up to the duration"))
    if notes["group_size"]["min"] > notes["group_size"]["max"]:
        problems.append(Problem(read.path, read.line("facilitator", "group_size"), "facilitator.group_size",
                                "min is larger than max", "swap them"))
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

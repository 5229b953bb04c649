"""Contributing an initiative: a file from the essentials (`new`), a file from a GitHub issue
form (`from-issue`), the issue form itself (generated from the schema and the vocabularies,
so it never drifts), and GitHub annotations for problems.

Answers are taken the way people give them: a country by its name in French or English or
by its code, themes by number, label or id, years as "2016", "2016-2019" or "ongoing". A
file is written only once it passes the validator; otherwise every problem is said at once,
per field, in the contributor's language (macros/messages.py).
"""
from __future__ import annotations

import datetime
import re
import tempfile
import unicodedata
from pathlib import Path

import yaml

from . import catalogue, countries, messages, validate, yamlfile
from .problems import Problem

TEXTS = ("title", "summary", "description", "lessons")
ESSENTIALS = ("lang", "title", "summary", "city", "region", "themes", "tools", "actors", "organisation")
CHOICES = {"region": "regions", "themes": "themes", "tools": "tools", "actors": "actors"}
ONGOING_WORDS = {"ongoing", "en cours", "still running", "running", "toujours", "current", "now", "aujourd'hui", "..."}
STOPWORDS = {"a", "an", "the", "of", "for", "and", "in", "on", "to", "by", "with", "at", "from",
             "le", "la", "les", "l", "de", "des", "du", "d", "un", "une", "et", "en", "au", "aux", "pour",
             "par", "sur", "dans", "avec"}


class ContributionError(ValueError):
    """Bad answers for new/from-issue: one line per field, each saying what to fix."""

    def __init__(self, lines: list[str] | str):
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        super().__init__("\n".join(self.lines))


def _say(field: str, key: str, **values) -> str:
    entry = messages.entry(key)
    fix = messages.fill(entry.get("fix", ""), values)
    return f"{field}: {messages.fill(entry['message'], values)}" + (f" — {fix}" if fix else "")


# ------------------------------------------------------------------ ids (site.js follows the same rule)
def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; letters outside the Latin alphabet drop out."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def short_name(title: str, city: str) -> list[str]:
    """The words that name the initiative: the title's first clause that is not the place
    ("Kigali: Irembo, the online one-stop shop" -> irembo), without small words, at most four."""
    clauses = [c for c in re.split(r"\s*(?:[:;,(]|\s[-–—]\s)\s*", title) if slugify(c)]
    place = slugify(city)
    if len(clauses) > 1 and slugify(clauses[0]) == place:
        clauses = clauses[1:]
    words = slugify(clauses[0]).split("-") if clauses else []
    place_words = set(place.split("-"))
    return [w for w in words if w not in STOPWORDS and w not in place_words][:4]


def derive_id(city: str, title: str, country: str = "") -> str:
    """Place + short name: kigali-irembo, dakar-signaler-depots-sauvages-sms; a city or title
    in another script falls back on the country code, then on "initiative"."""
    place = slugify(city) or slugify(country)
    words = short_name(title, city)
    parts = [p for p in [place, *words] if p] if words else [p for p in (place, "initiative") if p]
    out = ""
    for part in "-".join(parts).split("-"):
        if len(out) + len(part) + 1 > 60:
            break
        out = f"{out}-{part}" if out else part
    return out or "initiative"


def unique_id(root: Path, city: str, title: str, country: str = "") -> str:
    base = derive_id(city, title, country)
    taken = {p.stem for p in (root / "initiatives").glob("*.yml")}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# ------------------------------------------------------------------ answers as people give them
def languages_of(value: str) -> list[str]:
    found = re.split(r"[\s,;/+]+|\bet\b|\band\b", (value or "").strip().lower())
    words = [w for w in found if w]
    if words in (["both"], ["les", "deux"], ["deux"]):
        return ["fr", "en"]
    langs = ["fr" if w in ("fr", "français", "francais", "french") else "en" if w in ("en", "english", "anglais") else w
             for w in words]
    return list(dict.fromkeys(langs))


def choices(vocab: dict, field: str) -> list[tuple[str, dict]]:
    """(id, entry) of a vocabulary, in its order: what `new` lists with numbers."""
    return list(vocab[CHOICES[field]].items())


def resolve(field: str, value, vocab: dict) -> tuple[list[str], list[str]]:
    """Ids from numbers, labels (French or English, accents and case ignored) or ids, given
    comma-separated; the second list says what could not be read."""
    options = choices(vocab, field)
    by_label = {countries.fold(label): item_id for item_id, entry in options for label in entry["label"].values()}
    tokens = value if isinstance(value, list) else re.split(r"\s*[,;\n]\s*", str(value or ""))
    ids, errors = [], []
    for token in (t.strip() for t in tokens if t and t.strip()):
        found = _one_choice(token, options, by_label)
        if found is None and " " in token:   # ids separated by spaces: "local-authority citizens"
            parts = [_one_choice(part, options, by_label) for part in token.split()]
            found = parts if all(parts) else None
        if found is None:
            hint = validate.suggest(token, [i for i, _ in options] + list(by_label))
            errors.append(_say(field, "new_choice", value=repr(token)) if not hint
                          else f"{field}: {messages.text('new_choice', 'message', value=repr(token))} — {hint}")
        else:
            ids += found if isinstance(found, list) else [found]
    return list(dict.fromkeys(ids)), errors


def _one_choice(token: str, options, by_label) -> str | None:
    ids = [item_id for item_id, _ in options]
    if token.isdigit() and 1 <= int(token) <= len(ids):
        return ids[int(token) - 1]
    if token in ids:
        return token
    return by_label.get(countries.fold(token))


YEAR = r"(\d{4})"
ONGOING_RANGE = re.compile(rf"^(?:depuis|since|from|d[eè]s)\s+{YEAR}$|^{YEAR}\s*[-–—/]\s*(?:\.\.\.|…)?$", re.I)
RANGE = re.compile(rf"^{YEAR}\s*(?:-|–|—|/|to|à|a)\s*{YEAR}$", re.I)


def years_of(start, end) -> tuple[dict | None, list[str]]:
    """{start, end} from what was typed: "2016", "2016-2019", "since 2016", end "ongoing"."""
    start, end = str(start or "").strip(), str(end or "").strip()
    errors, years = [], {}
    if start:
        found = RANGE.match(start)
        ongoing = ONGOING_RANGE.match(start)
        if found:
            years = {"start": int(found[1]), "end": int(found[2])}
        elif ongoing:
            years = {"start": int(ongoing[1] or ongoing[2]), "end": validate.ONGOING}
        elif re.fullmatch(YEAR, start):
            years = {"start": int(start)}
        else:
            errors.append(_say("start", "new_year", value=repr(start)))
    if end:
        if end.lower() in ONGOING_WORDS:
            years["end"] = validate.ONGOING
        elif re.fullmatch(YEAR, end):
            years["end"] = int(end)
        else:
            errors.append(_say("end", "new_end", value=repr(end)))
        if not start:
            errors.append(_say("start", "new_start_needed"))
    return (years or None), errors


def country_of(value: str) -> tuple[str | None, list[str]]:
    value = (value or "").strip()
    if not value:
        return None, []
    code = countries.code_of(value)
    return (code, []) if code else (None, [_say("country", "new_country", value=repr(value))])


# ------------------------------------------------------------------ building the file
def _text(answers: dict, field: str, langs: list[str]) -> dict:
    out = {}
    for index, lang in enumerate(langs):
        value = answers.get(f"{field}_{lang}") or (answers.get(field) if index == 0 else None)
        if value and value.strip():
            out[lang] = value.strip()
    return out


def build(answers: dict, root: Path, today: datetime.date | None = None) -> dict:
    """An initiative dict from the answers; raises ContributionError with every problem, per field."""
    langs = languages_of(answers.get("lang", ""))
    missing = [k for k in ESSENTIALS if not (answers.get(k) or (k in TEXTS and any(answers.get(f"{k}_{lang}") for lang in langs)))]
    if missing:
        raise ContributionError(_say(", ".join(missing), "new_missing"))
    errors = [_say("lang", "new_lang", value=repr(answers["lang"]))] if not langs or not set(langs) <= {"fr", "en"} else []
    vocab, _ = catalogue.load_vocabularies(root)
    picked = {}
    for field in CHOICES:
        picked[field], wrong = resolve(field, answers[field], vocab)
        errors += wrong
    country, wrong = country_of(answers.get("country", ""))
    years, wrong_years = years_of(answers.get("start"), answers.get("end"))
    errors += wrong + wrong_years
    if errors:
        raise ContributionError(errors)
    item = {"id": answers.get("id") or unique_id(root, answers["city"], _text(answers, "title", langs)[langs[0]],
                                                 country or "")}
    for field in TEXTS:
        value = _text(answers, field, langs) or (_text(answers, "summary", langs) if field == "description" else None)
        if value:
            item[field] = value
    item["place"] = {"city": answers["city"].strip()}
    if country:
        item["place"]["country"] = country
    item["place"]["region"] = picked["region"][0] if picked["region"] else ""
    if years:
        item["years"] = years
    item.update(themes=picked["themes"], tools=picked["tools"], actors=picked["actors"])
    links = []
    for line in (answers.get("links") or "").splitlines():
        parts = line.strip().split(maxsplit=1)
        if parts:
            links.append({"url": parts[0], "label": {langs[0]: parts[1] if len(parts) > 1 else parts[0]}})
    if links:
        item["links"] = links
    item["source"] = {"document": "contribution", "organisation": answers["organisation"].strip(),
                      "date": (today or datetime.date.today()).isoformat()}
    return item


class _Dumper(yaml.SafeDumper):
    """Texts on several lines as block scalars (`|`), the way people read and write them."""


def _str(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(str, _str)


def to_yaml(item: dict) -> str:
    """The file's text: the schema line for editors, then the fields in the template's order."""
    body = yaml.dump(item, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return "# yaml-language-server: $schema=../schema/initiative.schema.json\n" + body


def problems(item: dict, root: Path) -> list[Problem]:
    """What the validator says of the file `item` would make, shown as initiatives/<id>.yml."""
    vocab, _ = catalogue.load_vocabularies(root)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{item['id']}.yml"
        path.write_text(to_yaml(item), encoding="utf-8")
        read = yamlfile.read(path, f"initiatives/{item['id']}.yml")
        return read.problems or validate.initiative(read, item["id"], vocab)


def write(item: dict, root: Path) -> Path:
    path = root / "initiatives" / f"{item['id']}.yml"
    if path.exists():
        raise ContributionError(_say("id", "new_exists", path=f"initiatives/{item['id']}.yml"))
    path.write_text(to_yaml(item), encoding="utf-8")
    return path


# ------------------------------------------------------------------ GitHub issue form
FORM_FIELDS = [
    # (id, label, kind, required, help)
    ("lang", "Language of your texts / Langue de vos textes", "dropdown", True, "Write in French or in English; the other language will be translated later."),
    ("title", "Title / Titre", "input", True, "3 to 10 words, at most 100 characters. Example: Dakar: reporting illegal dumping by SMS"),
    ("summary", "Summary / Résumé", "textarea", True, "Two or three sentences, at most 400 characters."),
    ("description", "What was done / Ce qui a été fait", "textarea", True,
     "What was done, by whom, with which means, key figures (at most 2,500 characters). A blank line starts a paragraph; "
     "a line starting with \"- \" is a list item."),
    ("lessons", "Lessons / À retenir", "textarea", False, "What others can learn, difficulties and failures included (at most 700 characters)."),
    ("city", "City or area / Ville ou territoire", "input", True, "Example: Dakar"),
    ("country", "Country / Pays", "input", False,
     "Its name in English or French, or its two-letter code (Senegal, Sénégal or SN). Leave empty only for a case spanning several countries."),
    ("region", "Region / Région", "dropdown", True, ""),
    ("start", "Start year / Année de début", "input", False, "Example: 2021 (or a range: 2016-2019)."),
    ("end", "End year / Année de fin", "input", False, "The last year; write ongoing while it runs; leave empty if you do not know."),
    ("themes", "Themes / Thèmes", "multi", True, "One to six themes, the most specific first."),
    ("tools", "Digital tools / Outils numériques", "multi", True, ""),
    ("actors", "Actors / Acteurs", "multi", True, ""),
    ("links", "Links / Liens", "textarea", False, "One per line: the address (https://…), a space, then a short label."),
    ("organisation", "Your organisation / Votre organisation", "input", True, "Who shares this initiative."),
]
LICENCE_LABEL = "Licence"
# Headings of earlier versions of the form, still read in issues opened with them.
OLD_LABELS = {"Country code / Code pays": "country"}
VOCAB_OF = {"region": "regions", "themes": "themes", "tools": "tools", "actors": "actors"}
# Ids in the issue form, where they differ from the answer's name: GitHub fills a field from
# the address's query (the share form's "Open an issue"), but `title` there is the issue's own.
ISSUE_IDS = {"title": "initiative-title"}


def _option(item_id: str, entry: dict) -> str:
    return f"{item_id} — {entry['label'].get('en', '')} / {entry['label'].get('fr', '')}"


def issue_form(root: Path) -> str:
    """The issue form YAML (.github/ISSUE_TEMPLATE/initiative.yml), from the vocabularies."""
    vocab, _ = catalogue.load_vocabularies(root)
    body = [{"type": "markdown", "attributes": {"value": (
        "Thank you for sharing your experience. A maintainer will turn this issue into an initiative file "
        "and ask you here if anything is unclear. Contributions are published under the CC BY 4.0 licence.\n\n"
        "Merci de partager votre expérience. Une personne de l'équipe transformera ce ticket en fiche et vous "
        "posera ici ses questions. Les contributions sont publiées sous licence CC BY 4.0.")}}]
    for field_id, label, kind, required, help_text in FORM_FIELDS:
        attributes = {"label": label}
        if help_text:
            attributes["description"] = help_text
        if kind in ("dropdown", "multi"):
            options = (["fr — Français", "en — English"] if field_id == "lang"
                       else [_option(i, e) for i, e in vocab[VOCAB_OF[field_id]].items()])
            attributes["options"] = options
            if kind == "multi":
                attributes["multiple"] = True
            entry = {"type": "dropdown", "id": field_id, "attributes": attributes}
        else:
            entry = {"type": kind, "id": ISSUE_IDS.get(field_id, field_id), "attributes": attributes}
        entry["validations"] = {"required": required}
        body.append(entry)
    body.append({"type": "checkboxes", "id": "licence", "attributes": {
        "label": LICENCE_LABEL, "options": [{"label": "I may share this text and agree to its publication under CC BY 4.0 / "
                                                      "Je peux partager ce texte et j'accepte sa publication sous CC BY 4.0",
                                             "required": True}]}})
    form = {"name": "Share an initiative / Partager une initiative",
            "description": "Tell other local authorities what you did with digital tools. / Racontez ce que votre ville a fait avec le numérique.",
            "title": "[Initiative] ", "labels": ["initiative"], "body": body}
    header = "# Generated by `python -m macros issue-form` from the vocabularies; do not edit by hand.\n"
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=1000)


def parse_issue(body: str) -> tuple[dict, list[str]]:
    """Answers of an issue form body (### Label, blank line, value) keyed by field id, and
    notes on what was kept as text. Only the form's own headings start a field: a `### …`
    line written inside an answer stays in it. A heading given twice is an error."""
    by_label = {label: field_id for field_id, label, *_ in FORM_FIELDS}
    by_label.update(OLD_LABELS, **{LICENCE_LABEL: "licence"})
    sections: dict = {}
    errors, notes, current, lines = [], [], None, []

    def flush():
        if current:
            value = "\n".join(lines).strip()
            sections[current] = "" if value in ("_No response_", "None") else value
    for line in body.replace("\r\n", "\n").split("\n"):
        heading = re.match(r"^###\s+(.*?)\s*$", line)
        if heading and heading.group(1) in by_label:
            flush()
            current, lines = by_label[heading.group(1)], []
            if current in sections:
                errors.append(_say(current, "issue_twice", label=heading.group(1)))
        elif current:
            if heading:
                notes.append(_say(current, "issue_heading_kept"))
            lines.append(line)
    flush()
    return _answers(sections, errors), notes


def _answers(sections: dict, errors: list[str]) -> dict:
    """The answers once the licence is ticked, with the dropdowns' ids ("africa — Africa / Afrique")."""
    if not sections:
        raise ContributionError(_say("issue", "issue_no_field"))
    if not re.search(r"^\s*-\s*\[[xX]\]", sections.get("licence", ""), re.M):
        errors.append(_say("licence", "issue_licence"))
    if errors:
        raise ContributionError(errors)
    for field_id, kind in ((f[0], f[2]) for f in FORM_FIELDS):
        if kind in ("dropdown", "multi") and sections.get(field_id):
            sections[field_id] = ",".join(part.split(" — ")[0].strip() for part in sections[field_id].split(", "))
    return sections


def from_issue(body: str, root: Path, today: datetime.date | None = None) -> dict:
    answers, _ = parse_issue(body)
    return build(answers, root, today)


# ------------------------------------------------------------------ GitHub annotations
def annotation(problem: Problem) -> str:
    """A GitHub workflow command that shows the problem on its file and line."""
    def data(value):
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(value):
        return data(value).replace(":", "%3A").replace(",", "%2C")
    message = problem.message + (f" — {problem.fix}" if problem.fix else "")
    title = prop(problem.field or "data")
    return f"::error file={prop(problem.path)},line={max(problem.line, 1)},title={title}::{data(message)}"


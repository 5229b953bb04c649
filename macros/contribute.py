"""Contributing an initiative: a skeleton from the essentials (`new`), a file from a GitHub
issue form (`from-issue`), the issue form itself (generated from the schema and the
vocabularies, so it never drifts), and GitHub annotations for problems."""
from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path

import yaml

from . import catalogue
from .problems import Problem

ESSENTIALS = ("lang", "title", "summary", "city", "country", "region", "themes", "tools", "actors", "organisation")


class ContributionError(ValueError):
    """Bad input for new/from-issue: the message says what to fix."""


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def unique_id(root: Path, city: str, title: str) -> str:
    words = [w for w in slugify(title).split("-") if len(w) > 2 and w not in slugify(city).split("-")][:4]
    base = "-".join([slugify(city)] + words)[:60].strip("-") or "initiative"
    taken = {p.stem for p in (root / "initiatives").glob("*.yml")}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _ids(value) -> list[str]:
    if isinstance(value, str):
        value = re.split(r"[,\s]+", value)
    return [v.strip() for v in value if v and v.strip()]


def build(answers: dict, root: Path, today: datetime.date | None = None) -> dict:
    """An initiative dict from the essentials; raises ContributionError naming what is missing."""
    missing = [k for k in ESSENTIALS if not answers.get(k)]
    if missing:
        raise ContributionError(f"missing: {', '.join(missing)} — give them as options (see --help) or answer the questions")
    lang = answers["lang"]
    if lang not in ("fr", "en"):
        raise ContributionError(f"lang: {lang!r} — write fr or en")
    text = lambda value: {lang: value.strip()}  # noqa: E731
    item = {
        "id": answers.get("id") or unique_id(root, answers["city"], answers["title"]),
        "title": text(answers["title"]), "summary": text(answers["summary"]),
        "description": text(answers.get("description") or answers["summary"]),
    }
    if answers.get("lessons"):
        item["lessons"] = text(answers["lessons"])
    item["place"] = {"city": answers["city"].strip(), "country": answers["country"].strip().upper(),
                     "region": answers["region"].strip()}
    if answers.get("start"):
        try:
            item["years"] = {"start": int(answers["start"])}
        except ValueError:
            raise ContributionError(f"start year: {answers['start']!r} — write a year such as 2021") from None
        if answers.get("end"):
            item["years"]["end"] = int(answers["end"])
    item["themes"], item["tools"], item["actors"] = _ids(answers["themes"]), _ids(answers["tools"]), _ids(answers["actors"])
    links = []
    for line in (answers.get("links") or "").splitlines():
        parts = line.strip().split(maxsplit=1)
        if parts:
            links.append({"url": parts[0], "label": text(parts[1] if len(parts) > 1 else parts[0])})
    if links:
        item["links"] = links
    item["source"] = {"document": "contribution", "organisation": answers["organisation"].strip(),
                      "date": (today or datetime.date.today()).isoformat()}
    return item


def to_yaml(item: dict) -> str:
    """The file's text: the schema line for editors, then the fields in the template's order."""
    body = yaml.safe_dump(item, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return "# yaml-language-server: $schema=../schema/initiative.schema.json\n" + body


def write(item: dict, root: Path) -> Path:
    path = root / "initiatives" / f"{item['id']}.yml"
    if path.exists():
        raise ContributionError(f"{path.relative_to(root)} already exists — choose another id")
    path.write_text(to_yaml(item), encoding="utf-8")
    return path


# ------------------------------------------------------------------ GitHub issue form
FORM_FIELDS = [
    # (id, label, kind, required, help)
    ("lang", "Language of your texts / Langue de vos textes", "dropdown", True, "Write in French or in English; the other language will be translated later."),
    ("title", "Title / Titre", "input", True, "3 to 10 words, at most 100 characters. Example: Dakar: reporting illegal dumping by SMS"),
    ("summary", "Summary / Résumé", "textarea", True, "Two or three sentences, at most 400 characters."),
    ("description", "What was done / Ce qui a été fait", "textarea", True, "What was done, by whom, with which means, key figures (at most 2,500 characters)."),
    ("lessons", "Lessons / À retenir", "textarea", False, "What others can learn, difficulties and failures included (at most 700 characters)."),
    ("city", "City or area / Ville ou territoire", "input", True, "Example: Dakar"),
    ("country", "Country code / Code pays", "input", True, "Two capital letters (ISO 3166-1), e.g. SN, MA, BR, VN."),
    ("region", "Region / Région", "dropdown", True, ""),
    ("start", "Start year / Année de début", "input", False, "Example: 2021"),
    ("end", "End year / Année de fin", "input", False, "Leave empty while it runs."),
    ("themes", "Themes / Thèmes", "multi", True, "One to six themes, the most specific first."),
    ("tools", "Digital tools / Outils numériques", "multi", True, ""),
    ("actors", "Actors / Acteurs", "multi", True, ""),
    ("links", "Links / Liens", "textarea", False, "One per line: the address (https://…), a space, then a short label."),
    ("organisation", "Your organisation / Votre organisation", "input", True, "Who shares this initiative."),
]
VOCAB_OF = {"region": "regions", "themes": "themes", "tools": "tools", "actors": "actors"}


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
            entry = {"type": kind, "id": field_id, "attributes": attributes}
        entry["validations"] = {"required": required}
        body.append(entry)
    body.append({"type": "checkboxes", "id": "licence", "attributes": {
        "label": "Licence", "options": [{"label": "I may share this text and agree to its publication under CC BY 4.0 / "
                                                  "Je peux partager ce texte et j'accepte sa publication sous CC BY 4.0",
                                         "required": True}]}})
    form = {"name": "Share an initiative / Partager une initiative",
            "description": "Tell other local authorities what you did with digital tools. / Racontez ce que votre ville a fait avec le numérique.",
            "title": "[Initiative] ", "labels": ["initiative"], "body": body}
    header = "# Generated by `python -m macros issue-form` from the vocabularies; do not edit by hand.\n"
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=1000)


def parse_issue(body: str) -> dict:
    """Answers of an issue form body (### Label, blank line, value) keyed by field id."""
    by_label = {label: field_id for field_id, label, *_ in FORM_FIELDS}
    answers, current, lines = {}, None, []

    def flush():
        if current:
            value = "\n".join(lines).strip()
            answers[current] = "" if value in ("_No response_", "None") else value
    for line in body.replace("\r\n", "\n").split("\n"):
        heading = re.match(r"^###\s+(.*?)\s*$", line)
        if heading:
            flush()
            current, lines = by_label.get(heading.group(1)), []
        elif current:
            lines.append(line)
    flush()
    if not answers:
        raise ContributionError("no form field found — paste the whole issue body, with its ### headings")
    for field_id, kind in ((f[0], f[2]) for f in FORM_FIELDS):
        if kind in ("dropdown", "multi") and answers.get(field_id):
            answers[field_id] = ",".join(part.split(" — ")[0].strip() for part in answers[field_id].split(", "))
    return answers


def from_issue(body: str, root: Path, today: datetime.date | None = None) -> dict:
    return build(parse_issue(body), root, today)


# ------------------------------------------------------------------ GitHub annotations
def annotation(problem: Problem) -> str:
    """A GitHub workflow command that shows the problem on its file and line."""
    def data(text):
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text):
        return data(text).replace(":", "%3A").replace(",", "%2C")
    message = problem.message + (f" — {problem.fix}" if problem.fix else "")
    title = prop(problem.field or "data")
    return f"::error file={prop(problem.path)},line={max(problem.line, 1)},title={title}::{data(message)}"

"""The in-browser form of the Share your initiative page, built from the schema and the
vocabularies (limits and choices are declared once, there); site.js checks the fields and
writes the YAML file."""
from __future__ import annotations

import datetime
import json

from . import typography
from .catalogue import Catalogue
from .templating import TEMPLATES
from .validate import SCHEMA_DIR

FORM_KEYS = ("nojs", "intro", "required", "lang", "lang_help", "region", "choose", "licence", "generate", "result",
             "github", "github_help", "download", "email")
MESSAGE_KEYS = ("errors", "error_required", "error_length", "error_country", "error_year", "error_end", "error_count",
                "error_url", "error_licence", "error_item", "ready", "email_subject")
TEXT_FIELDS = [  # (name, multiline rows, required, type)
    ("title", 0, True, "text"), ("summary", 3, True, "text"), ("description", 8, True, "text"),
    ("lessons", 3, False, "text"), ("city", 0, True, "text"), ("country", 0, False, "text"),
    ("start", 0, False, "number"), ("end", 0, False, "number"), ("links", 3, False, "text"),
    ("organisation", 0, True, "text"),
]


def limits() -> dict:
    """Maximum lengths of the texts, read from the schema."""
    schema = json.loads((SCHEMA_DIR / "initiative.schema.json").read_text(encoding="utf-8"))["properties"]
    out = {name: schema[name]["properties"]["fr"]["maxLength"] for name in ("title", "summary", "description", "lessons")}
    out["city"] = schema["place"]["properties"]["city"]["oneOf"][0]["maxLength"]   # the form writes a plain name
    out["organisation"] = schema["source"]["properties"]["organisation"]["maxLength"]
    return out


def render_form(found: Catalogue, lang: str, tr, extra: dict) -> str:
    s = {k: tr(f"form.{k}") for k in FORM_KEYS}
    maxima = limits()
    fields = []
    for name, rows, required, kind in TEXT_FIELDS:
        help_key = f"form.{name}_help"
        fields.append({"name": name, "label": tr(f"form.{name}"), "multiline": rows > 0, "rows": rows,
                       "required": required, "max": maxima.get(name), "type": kind,
                       "inputmode": "numeric" if kind == "number" else None,
                       "help": tr(help_key) if _has(tr, help_key) else ""})

    def options(vocabulary):
        return [{"id": i, "label": found.label(vocabulary, i, lang)} for i in found.vocab[vocabulary]]
    groups = [{"name": name, "label": tr(f"form.{name}"), "help": tr(f"form.{name}_help"), "options": options(name)}
              for name in ("themes", "tools", "actors")]
    # Shown by the script, after the typography hook has run: French spacing applied here.
    messages = {k: typography.for_language(tr(f"form.{k}"), lang) for k in MESSAGE_KEYS}
    return TEMPLATES.get_template("share-form.html").render(
        s=s, lang=lang, text_fields=fields, groups=groups, regions=options("regions"),
        repository=extra.get("repository", ""), email=extra.get("contact_email", ""),
        max_year=datetime.date.today().year + 1, strings_json=json.dumps(messages, ensure_ascii=False))


def _has(tr, key: str) -> bool:
    try:
        tr(key)
        return True
    except KeyError:
        return False

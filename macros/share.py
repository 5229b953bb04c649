"""The Share your initiative page: the in-browser form, and the routes that deliver what it
prepares. The form is built from the schema, the vocabularies and the message catalogue:
every limit (lengths, number of choices and links, years) and every wording comes from the
same place as the validator's, so the form refuses exactly what `make check` refuses and
says it the same way; site.js checks the fields, keeps a draft and writes the YAML file.

A route is offered only when it leads somewhere: GitHub (a new file, an issue form
prefilled, CONTRIBUTING) when `extra.repository` names the repository, e-mail when
`extra.contact_email` is set; otherwise the page says how to send the file.
"""
from __future__ import annotations

import json
import re

from markupsafe import Markup, escape

from . import countries, messages, typography, validate
from .catalogue import Catalogue
from .templating import TEMPLATES

FORM_KEYS = ("nojs", "intro", "required", "lang", "lang_help", "region", "choose", "licence", "licence_short", "generate",
             "result", "github", "github_help", "download", "download_help", "email", "email_help", "issue", "issue_help",
             "contributing", "country_none", "ongoing", "preview", "draft_note", "routes_none", "github_too_long",
             "email_attach_note")
UI_KEYS = ("errors", "error_item", "ready", "email_subject", "email_attach", "draft_restored")
# What the script may say about a field: the validator's own messages (i18n/messages/).
MESSAGE_KEYS = ("form_required", "form_licence", "form_line", "too_long", "too_short", "too_few", "too_many", "pattern_url",
                "control_character", "half_character", "new_year", "new_end", "new_start_needed", "end_before_start",
                "start_implausible", "end_implausible")
TEXT_FIELDS = [  # (name, multiline rows, required, preview): in the order of the page
    ("title", 0, True, False), ("summary", 3, True, False), ("description", 8, True, True),
    ("lessons", 3, False, True), ("city", 0, True, False),
]
ISSUE_FORM = "initiative.yml"
SAFE_URL = 8000   # longer addresses are refused by many servers (GitHub's included)


def schema() -> dict:
    return validate.schemas()["initiative.schema.json"]["properties"]


def limits() -> dict:
    """Every limit the form checks, read from the schema (and the validator's year rule)."""
    props = schema()
    out = {name: props[name]["properties"]["fr"]["maxLength"] for name in ("title", "summary", "description", "lessons")}
    out["city"] = props["place"]["properties"]["city"]["oneOf"][0]["maxLength"]   # the form writes a plain name
    organisation = props["source"]["properties"]["organisation"]
    out["organisation"] = organisation["maxLength"]
    out["organisation_min"] = organisation["minLength"]
    links = props["links"]
    out["links"] = links["maxItems"]
    out["label"] = links["items"]["properties"]["label"]["properties"]["fr"]["maxLength"]
    out["url"] = links["items"]["properties"]["url"]["maxLength"]
    out["url_pattern"] = links["items"]["properties"]["url"]["pattern"]
    for name in ("themes", "tools", "actors"):
        out[name] = [props[name]["minItems"], props[name]["maxItems"]]
    this_year = validate.this_year()
    out["years"] = [validate.YEAR_MIN, this_year + validate.START_AHEAD, this_year + validate.END_AHEAD]
    out["safe_url"] = SAFE_URL
    return out


def _messages(lang: str) -> dict:
    """The catalogue's entries the script uses, in the page's language (French spacing applied
    here: the typography hook has already run when the script shows them)."""
    table = messages.catalogue(lang)
    return {key: {part: typography.for_language(template, lang) for part, template in table[key].items()}
            for key in MESSAGE_KEYS}


def github_links(repository: str, lang: str) -> dict:
    """Addresses on the repository, or {} when no repository is configured."""
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", repository or ""):
        return {}
    base = f"https://github.com/{repository}"
    guide = "CONTRIBUTING.fr.md" if lang == "fr" else "CONTRIBUTING.md"
    return {"repository": base, "new_file": f"{base}/new/main/initiatives", "issue": f"{base}/issues/new?template={ISSUE_FORM}",
            "contributing": f"{base}/blob/HEAD/{guide}"}


def render_form(found: Catalogue, lang: str, tr, extra: dict) -> str:
    s = {k: tr(f"form.{k}") for k in FORM_KEYS}
    maxima = limits()
    fields = []
    for name, rows, required, preview in TEXT_FIELDS:
        help_key = f"form.{name}_help"
        fields.append({"name": name, "label": tr(f"form.{name}"), "multiline": rows > 0, "rows": rows,
                       "required": required, "max": maxima.get(name), "preview": preview,
                       "help": tr(help_key) if _has(tr, help_key) else ""})

    def options(vocabulary):
        return [{"id": i, "label": found.label(vocabulary, i, lang)} for i in found.vocab[vocabulary]]
    groups = [{"name": name, "label": tr(f"form.{name}"), "help": tr(f"form.{name}_help"), "options": options(name),
               "min": maxima[name][0], "max": maxima[name][1]} for name in ("themes", "tools", "actors")]
    strings = {k: typography.for_language(tr(f"form.{k}"), lang) for k in UI_KEYS}
    links = github_links(extra.get("repository", ""), lang)
    small = {name: tr(f"form.{name}") for name in ("country", "country_help", "start", "start_help", "end", "end_help",
                                                   "links", "links_help", "organisation", "organisation_help")}
    return TEMPLATES.get_template("share-form.html").render(
        s=s, small=small, lang=lang, text_fields=fields, groups=groups, regions=options("regions"),
        countries=[{"code": code, "name": name} for code, name in countries.sorted_names(lang)],
        github=links, email=extra.get("contact_email", "") or "", limits=maxima,
        limits_json=json.dumps(maxima), strings_json=json.dumps(strings, ensure_ascii=False),
        messages_json=json.dumps(_messages(lang), ensure_ascii=False))


def linked(text: str, href: str) -> Markup:
    """`text` escaped, with its {link}…{/link} part a link to `href`."""
    before, rest = text.split("{link}", 1)
    inside, after = rest.split("{/link}", 1)
    return escape(before) + Markup('<a href="{}">{}</a>').format(href, inside) + escape(after)


def render_routes(lang: str, tr, extra: dict) -> str:
    """The other ways to send an initiative, each with its real destination (no script needed)."""
    links = github_links(extra.get("repository", ""), lang)
    email = extra.get("contact_email", "") or ""
    items = []
    if links:
        items += [linked(tr("form.route_issue"), links["issue"]), linked(tr("form.route_pull_request"), links["contributing"])]
    if email:
        items.append(linked(tr("form.route_email").replace("{email}", email), f"mailto:{email}"))
    if not links:
        items.append(escape(tr("form.route_form_only")))
    return TEMPLATES.get_template("share-routes.html").render(items=items)


def _has(tr, key: str) -> bool:
    try:
        tr(key)
        return True
    except KeyError:
        return False

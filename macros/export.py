"""Open data: every initiative, all fields, both languages, as JSON and as CSV."""
from __future__ import annotations

import csv
import io
import json

TEXTS = ("title", "summary", "description", "lessons")
COLUMNS = (["id"] + [f"{f}_{lang}" for f in TEXTS for lang in ("fr", "en")]
           + ["city_fr", "city_en", "country", "region", "year_start", "year_end", "themes", "tools", "actors",
              "links", "guide_refs", "source_document", "source_lines", "source_organisation", "source_date"])
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


def to_json(initiatives: list[dict]) -> str:
    return json.dumps({"licence": LICENCE, "count": len(initiatives), "initiatives": initiatives},
                      ensure_ascii=False, indent=1, sort_keys=False)


def _ref(ref: dict) -> str:
    return ref["part"] + "".join(f"{k[0]}{ref[k]}" for k in ("domain", "step", "pillar") if k in ref)


# A cell starting with one of these runs as a formula in a spreadsheet (OWASP, CSV injection):
# a leading apostrophe keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def row(item: dict) -> list[str]:
    source, place, years = item["source"], item["place"], item.get("years", {})
    values = [item["id"]] + [item.get(f, {}).get(lang) for f in TEXTS for lang in ("fr", "en")]
    city = place["city"] if isinstance(place["city"], dict) else {"fr": place["city"], "en": place["city"]}
    values += [city["fr"], city["en"], place.get("country"), place["region"], years.get("start"), years.get("end"),
               ";".join(item["themes"]), ";".join(item["tools"]), ";".join(item["actors"]),
               " ".join(link["url"] for link in item.get("links", [])),
               ";".join(_ref(r) for r in item.get("guide_refs", [])),
               source["document"], source.get("lines"), source.get("organisation"), source.get("date")]
    return [_cell(v) for v in values]


def to_csv(initiatives: list[dict]) -> str:
    """Every cell quoted and records ended by CRLF (RFC 4180): a line break or a carriage
    return inside a text stays inside its cell in every spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in initiatives:
        writer.writerow(row(item))
    return out.getvalue()


"""Initiatives to HTML: cards, detail pages, theme pages and the filterable index.

Pure functions of the catalogue, the language and the page being rendered: the catalogue
answers the queries (macros/catalogue.py), this module only renders. Templates in
macros/templates/ are rendered with autoescape on (macros/templating.py): contributed text
is data, escaped on output, and never becomes template source.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable

from babel import Locale
from markupsafe import Markup

from . import links, richtext, templating
from .catalogue import Catalogue, languages
from .validate import ONGOING, this_year

STRING_KEYS = ("untranslated", "untranslated_page", "themes", "place", "years", "tools", "actors", "description",
               "lessons", "links", "in_the_guide", "source", "related", "filters", "filter_text", "filter_all",
               "filter_years", "filter_years_help", "filter_from", "filter_to", "filter_clear", "filter_count", "filter_none",
               "initiatives", "pages", "theme_part_of", "theme_children", "theme_in_guide", "theme_empty")
DOMAIN_PAGES = {1: "urban-services", 2: "inclusive-planning", 3: "local-economy", 4: "citizen-relations"}
# The guide this site publishes (initiatives/vocabularies/sources.yml): its initiatives are cited
# by part and step (their first guide_ref) and their cards need no source line.
GUIDE = "guide-afd-iddri-2018"


# Above this many initiatives the All initiatives page is split into pages (a phone on a
# slow connection should not download thousands of cards); filtering fetches the others.
# mkdocs.yml can set extra.initiatives_page_size.
PAGE_SIZE = 500


def index_pages(count: int, page_size: int = PAGE_SIZE) -> int:
    return max(1, -(-count // page_size))


def index_src(page: int) -> str:
    return "initiatives/index.md" if page == 1 else f"initiatives/all/{page}.md"


def detail_src(item_id: str) -> str:
    return f"initiatives/{item_id}.md"


def theme_src(theme_id: str) -> str:
    return f"initiatives/themes/{theme_id}.md"


def guide_ref_src(ref: dict) -> str:
    """Page of the guide a reference points to."""
    if ref["part"] == "A":
        return f"part-a/step-{ref['step']}.md"
    if ref["part"] == "B":
        domain = f"part-b/{DOMAIN_PAGES[ref['domain']]}"
        return f"{domain}/step-{ref['step']}.md" if ref.get("step") else f"{domain}/index.md"
    return f"part-c/pillar-{ref['pillar']}.md"


@dataclass
class View:
    """What one page needs to render initiatives: the catalogue, its language, its place."""
    catalogue: Catalogue
    lang: str
    tr: Callable[[str], str]
    page_url: str
    docs_dir: Path
    page_size: int = PAGE_SIZE

    @cached_property
    def strings(self) -> dict:
        return {key: self.tr(f"initiatives.{key}") for key in STRING_KEYS}

    def href(self, src_path: str, must_exist: bool = False) -> str:
        target = links.existing_page(src_path, self.docs_dir) if must_exist else src_path
        return links.relative(self.page_url, links.page_url(target))

    def text(self, value: dict, lang: str) -> str:
        return value.get(lang) or next(iter(value.values()))

    def label(self, vocabulary: str, item_id: str) -> str:
        return self.catalogue.label(vocabulary, item_id, self.lang)

    def city(self, place: dict) -> str:
        """The city or area in the page's language: a plain name, or {fr: …, en: …} when it differs."""
        return self.text(place["city"], self.lang) if isinstance(place["city"], dict) else place["city"]

    def country(self, code: str | None) -> str:
        return Locale(self.lang).territories.get(code, code) if code else ""

    def card(self, item: dict) -> dict:
        source = item["source"]["document"]
        years = item.get("years") or {}
        # An initiative of the catalogue is shown on many pages: its data is worked out once.
        listed = self.catalogue.by_id().get(item["id"]) is item
        return {
            **(self.catalogue.memo(("card", self.lang, item["id"]), lambda: self.card_data(item)) if listed
               else self.card_data(item)),
            "href": self.href(detail_src(item["id"])),
            # The guide's own cases need no mention; the others name where they come from.
            "source": "" if source == GUIDE else self.tr("initiatives.card_source").format(
                source=item["source"]["organisation"] if source == "contribution" else self.label("sources", source)),
            "years": self.years(years),
        }

    def card_data(self, item: dict) -> dict:
        """What a card shows that depends on the data and the language only (not on the page or on
        interface strings, which `mkdocs serve` reloads): the same on every page that shows it."""
        langs = languages(item)
        text_lang = self.lang if self.lang in langs else langs[0]
        place = item["place"]
        years = item.get("years") or {}
        return {
            "id": item["id"], "text_lang": text_lang,
            "title": richtext.plain(item["title"][text_lang]), "summary": richtext.plain(item["summary"][text_lang]),
            "lesson": richtext.plain(item["lessons"][text_lang]) if "lessons" in item else "",
            "place": ", ".join(dict.fromkeys(x for x in (self.city(place), self.country(place.get("country"))) if x)),
            "region": self.label("regions", place["region"]), "region_id": place["region"],
            "start": years.get("start"), "end": years.get("end"),
            "themes": [self.label("themes", t) for t in item["themes"]], "theme_ids": self.catalogue.theme_ids(item),
            "tool_ids": item["tools"], "actor_ids": item["actors"],
        }

    def years(self, years: dict) -> str:
        """« 2015–2019 », « 2016 », « depuis 2015 » (still running), « lancée en 2015 » (end not known)."""
        if not years:
            return ""
        start, end = years["start"], years.get("end")
        if end == ONGOING:
            return self.tr("initiatives.years_since").format(start=start)
        if end is None:
            return self.tr("initiatives.years_started").format(start=start)
        return str(start) if end == start else f"{start}–{end}"

    def where_in_guide(self, ref: dict) -> str:
        """« partie B, domaine 2, étape 4 » and the like."""
        key = f"initiatives.cite_{ref['part']}" + ("_step" if ref["part"] == "B" and ref.get("step") else "")
        return self.tr(key).format(**ref)

    def chapter_title(self, ref: dict) -> str:
        """A page of the guide that shows the initiative: its part (and domain) then its own title,
        which already names the step or pillar (« Partie A · Étape 4 · Actions pilotes »)."""
        src = guide_ref_src(ref)
        if not (self.docs_dir / src).is_file():
            where = self.where_in_guide(ref)
            return where[:1].upper() + where[1:]
        part = self.tr("initiatives.ref_" + ref["part"]).format(**ref)
        return f"{part} · {links.page_title(src, self.docs_dir)}"

    def citation(self, item: dict) -> str:
        """Where the initiative comes from, for readers: the document's name and year and, for the
        guide, the part and step that print it (its first guide_ref). Never the OCR line numbers
        of `source.lines`, which are for maintainers."""
        source = item["source"]
        if source["document"] == "contribution":
            return self.tr("initiatives.contributed_by").format(organisation=source["organisation"], date=source["date"])
        entry = self.catalogue.vocab["sources"][source["document"]]
        name = self.label("sources", source["document"])
        if entry.get("year"):
            name = self.tr("initiatives.source_year").format(source=name, year=entry["year"])
        refs = item.get("guide_refs") or []
        if source["document"] != GUIDE or not refs:
            return name
        return self.tr("initiatives.source_in_guide").format(source=name, where=self.where_in_guide(refs[0]))

    def render(self, template: str, **context) -> Markup:
        return templating.one_block(templating.render(template, lang=self.lang, strings=self.strings, **context))

    def select(self, **criteria) -> list[dict]:
        return self.catalogue.select(**criteria)

    # ------------------------------------------------------------------ views
    def cards(self, items: list[dict], level: int = 3) -> Markup:
        """Cards in a chapter: each shows what to remember from the initiative."""
        return self.render("initiative-cards.html", cards=[self.card(i) for i in items], list_id=None, level=level, lessons=True)

    def detail(self, item_id: str) -> Markup:
        item = self.catalogue.by_id()[item_id]
        card = self.card(item)
        text_lang = card["text_lang"]
        themes = self.catalogue.vocab["themes"]
        chapters = [{"href": self.href(guide_ref_src(ref), must_exist=True), "title": self.chapter_title(ref)}
                    for ref in item.get("guide_refs", [])]
        page = {
            "themes": [{"label": self.label("themes", t), "href": self.href(theme_src(t))} for t in item["themes"] if t in themes],
            "tools": [self.label("tools", t) for t in item["tools"]],
            "actors": [self.label("actors", a) for a in item["actors"]],
            "description": richtext.to_html(item["description"][text_lang]),
            "lessons": richtext.to_html(item["lessons"][text_lang]) if "lessons" in item else None,
            "links": [{"url": link["url"], "label": self.text(link["label"], self.lang),
                       "lang": self.lang if self.lang in link["label"] else next(iter(link["label"]))}
                      for link in item.get("links", [])],
            "chapters": chapters, "source": self.citation(item),
            "related": [self.card(i) for i in self.catalogue.related(item_id)],
        }
        return self.render("initiative-page.html", card=card, page=page)

    def theme(self, theme_id: str) -> Markup:
        themes = self.catalogue.vocab["themes"]
        entry = themes[theme_id]
        parent = entry.get("parent")
        ref = entry.get("guide_ref")
        chapter = None
        if ref:
            src = guide_ref_src(ref) if ref["part"] != "B" or "domain" in ref else "part-b/index.md"
            chapter = {"href": self.href(src, must_exist=True),
                       "title": links.page_title(links.existing_page(src, self.docs_dir), self.docs_dir)}
        context = {
            "label": self.label("themes", theme_id), "description": self.text(entry["description"], self.lang),
            "parent": {"label": self.label("themes", parent), "href": self.href(theme_src(parent))} if parent else None,
            "children": [{"label": self.label("themes", t), "href": self.href(theme_src(t))}
                         for t in self.catalogue.children(theme_id)],
            "chapter": chapter,
        }
        return self.render("theme-page.html", theme=context, cards=[self.card(i) for i in self.select(theme=theme_id)])

    def theme_list(self) -> Markup:
        counts = {t: len(self.select(theme=t)) for t in self.catalogue.vocab["themes"]}

        def entry(t):
            return {"label": self.label("themes", t), "href": self.href(theme_src(t)), "count": counts[t],
                    "children": [entry(c) for c in self.catalogue.children(t)]}
        groups = [{"id": group, "label": self.tr(f"initiatives.group_{group.replace('-', '_')}"),
                   "themes": [entry(t) for t in self.catalogue.themes_in(group)]}
                  for group in ("domain", "cross-cutting")]
        return self.render("theme-list.html", groups=groups)

    def index(self, page: int = 1) -> Markup:
        """The All initiatives page (number `page` when there are more than PAGE_SIZE)."""
        items = self.catalogue.initiatives
        counts = {"themes": self.catalogue.counts(self.catalogue.theme_ids),
                  "regions": self.catalogue.counts(lambda i: [i["place"]["region"]]),
                  "tools": self.catalogue.counts(lambda i: i["tools"]),
                  "actors": self.catalogue.counts(lambda i: i["actors"])}

        def options(vocabulary, ids=None):
            ids = ids if ids is not None else list(self.catalogue.vocab[vocabulary])
            return [{"id": i, "label": self.label(vocabulary, i), "count": counts[vocabulary][i]}
                    for i in ids if counts[vocabulary].get(i)]
        theme_groups = [{"label": self.label("themes", t), "options": options("themes", [t, *self.catalogue.children(t)])}
                        for t in self.catalogue.themes_in("domain")]
        theme_groups.append({"label": self.tr("initiatives.group_cross_cutting"),
                             "options": options("themes", self.catalogue.themes_in("cross-cutting"))})
        selects = [{"name": "theme", "label": self.tr("initiatives.filter_theme"), "groups": theme_groups}]
        selects += [{"name": name, "label": self.tr(f"initiatives.filter_{name}"),
                     "groups": [{"label": None, "options": options(vocabulary)}]}
                    for name, vocabulary in (("region", "regions"), ("tool", "tools"), ("actor", "actors"))]
        # Still running, or end not known: counted up to this year (the filter's script does the same).
        starts = [i["years"]["start"] for i in items if "years" in i] or [2000]
        ends = [i["years"]["end"] if isinstance(i["years"].get("end"), int) else this_year()
                for i in items if "years" in i] or [2000]
        pages = index_pages(len(items), self.page_size)
        shown = items[(page - 1) * self.page_size: page * self.page_size]
        pagination = [{"number": k, "href": self.href(index_src(k)), "current": k == page} for k in range(1, pages + 1)]
        return self.render("initiative-index.html", selects=selects, years={"min": min(starts), "max": max(ends)},
                           total=len(items), cards=[self.card(i) for i in shown],
                           pagination=pagination if pages > 1 else [],
                           other_pages=[p["href"] for p in pagination if not p["current"]] if pages > 1 else [])

"""The macros that pages call, bound to the build being run.

`PageMacros` knows what every macro needs from mkdocs-macros' `env` — the language of the
project being built (read at call time, never a stale copy of the configuration), its
interface strings, the page being rendered — and hands the work to the modules that render.
Each public method is one macro; `MACROS` lists them for `define_env`.
"""
from __future__ import annotations

from pathlib import Path

from . import diagnostic as maturity
from . import diagrams, i18n, links, render, selftest, share, slots, store, templating, worksheets, yamlfile
from . import glossary as terms

MACROS = ("t", "self_test", "initiatives", "initiatives_index", "initiative_page", "theme_page", "themes_list",
          "worksheet", "worksheets_list", "diagram", "share_form", "share_routes", "glossary", "diagnostic")


class PageMacros:
    def __init__(self, env):
        self.env = env
        self.root = i18n.project_root(env.conf)

    # ------------------------------------------------------------------ the build and the page
    def lang(self) -> str:
        return i18n.build_language(self.env.conf)

    def tr(self, key: str) -> str:
        return i18n.translate(key, self.lang(), self.root)

    def docs_dir(self) -> Path:
        return Path(self.env.conf["docs_dir"])

    def page_url(self) -> str:
        return self.env.page.url

    def link(self, src_path: str) -> str:
        """Relative URL, from the page being rendered, of a page given by its source path."""
        target = links.existing_page(src_path, self.docs_dir())
        return links.relative(self.page_url(), links.page_url(target))

    def title_of(self, src_path: str) -> str:
        return links.page_title(links.existing_page(src_path, self.docs_dir()), self.docs_dir())

    def view(self) -> render.View:
        return render.View(store.current(self.root).catalogue, self.lang(), self.tr, self.page_url(), self.docs_dir(),
                           self.env.conf["extra"].get("initiatives_page_size", render.PAGE_SIZE))

    # ------------------------------------------------------------------ macros
    def t(self, key):
        """Interface string `key` in the language being built."""
        return self.tr(key)

    def self_test(self):
        """The self-test form (quiz/self-test.yml)."""
        quiz = yamlfile.safe_load((self.root / "quiz" / "self-test.yml").read_text(encoding="utf-8"))
        return slots.put(selftest.render(quiz, self.lang(), self.tr, self.link, self.title_of))

    def initiatives(self, theme=None, region=None, tool=None, actor=None, ids=None, part=None, domain=None,
                    step=None, pillar=None, limit=None):
        """Cards of the initiatives matching every criterion given."""
        view = self.view()
        return view.cards(view.select(theme=theme, region=region, tool=tool, actor=actor, ids=ids, part=part,
                                      domain=domain, step=step, pillar=pillar, limit=limit))

    def initiatives_index(self, page=1):
        """Every initiative as a card, with the filters (the All initiatives page, or its page N)."""
        return self.view().index(page)

    def initiative_page(self, item_id):
        """Body of an initiative's generated detail page."""
        return self.view().detail(item_id)

    def theme_page(self, theme_id):
        """Body of a theme's generated page."""
        return self.view().theme(theme_id)

    def themes_list(self):
        """Every theme, grouped, with its number of initiatives."""
        return self.view().theme_list()

    def worksheet(self, sheet_id):
        """A worksheet's box, with its downloads, where the chapter discusses it."""
        sheet = worksheets.by_id(store.current(self.root).worksheets, sheet_id)
        return worksheets.render_box(sheet, self.lang(), self.tr, self.page_url())

    def worksheets_list(self):
        """Every worksheet, grouped by part, with its chapter and downloads; the booklet first."""
        data = store.current(self.root)
        return worksheets.render_list(data.worksheets, self.lang(), self.tr, data.catalogue.domain_labels(self.lang()).get,
                                      self.docs_dir(), self.page_url())

    def diagram(self, name):
        """An inline SVG diagram with its caption and text alternative (diagrams/<name>.*)."""
        return slots.put(diagrams.render(name, self.lang(), self.root, {"summary": self.tr("diagram.summary")}))

    def share_form(self):
        """The in-browser form that prepares an initiative file (Share your initiative page)."""
        return templating.one_block(share.render_form(store.current(self.root).catalogue, self.lang(), self.tr,
                                                      self.env.conf["extra"]))

    def share_routes(self):
        """The other ways to send an initiative, each linked to its destination (or said missing)."""
        return templating.one_block(share.render_routes(self.lang(), self.tr, self.env.conf["extra"]))

    def glossary(self):
        """Every term of the glossary, in the reader's alphabetical order, each with its anchor."""
        return terms.render_page(store.current(self.root).glossary, self.lang(), self.tr)

    def diagnostic(self):
        """The digital-maturity self-diagnostic (quiz/diagnostic.yml): scoring rule, questionnaire,
        levels and resources per axis; overrides/assets/javascripts/diagnostic.js adds the rest."""
        data = store.current(self.root)
        return maturity.render_page(data.diagnostic, data.catalogue, data.worksheets, self.lang(), self.tr,
                                    self.page_url(), self.docs_dir())

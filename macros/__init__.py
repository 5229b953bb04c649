"""The site's macros: registration only (mkdocs-macros calls define_env once per build).

Each macro reads the language from the configuration of the project being built at
call time, so the French and English builds never share a stale copy of it.
"""
from pathlib import Path

import yaml

from . import catalogue, diagrams, i18n, links, render, selftest, slots, worksheets


def define_env(env):
    """Register the macros and variables the pages may use."""
    root = i18n.project_root(env.conf)

    def lang():
        return i18n.build_language(env.conf)

    def tr(key):
        return i18n.translate(key, lang(), root)

    def docs_dir():
        return Path(env.conf["docs_dir"])

    def link(src_path):
        """Relative URL, from the page being rendered, of a page given by its source path."""
        target = links.existing_page(src_path, docs_dir())
        return links.relative(env.page.url, links.page_url(target))

    def title_of(src_path):
        return links.page_title(links.existing_page(src_path, docs_dir()), docs_dir())

    def view():
        return render.View(catalogue.current(root), lang(), tr, env.page.url, docs_dir(),
                           env.conf["extra"].get("initiatives_page_size", render.PAGE_SIZE))

    @env.macro
    def t(key):
        """Interface string `key` in the language being built."""
        return tr(key)

    @env.macro
    def self_test():
        """The self-test form (quiz/self-test.yml)."""
        quiz = yaml.safe_load((root / "quiz" / "self-test.yml").read_text(encoding="utf-8"))
        return slots.put(selftest.render(quiz, lang(), tr, link, title_of))

    @env.macro
    def initiatives(theme=None, region=None, tool=None, actor=None, ids=None, part=None, domain=None,
                    step=None, pillar=None, limit=None):
        """Cards of the initiatives matching every criterion given."""
        v = view()
        return v.cards(v.select(theme=theme, region=region, tool=tool, actor=actor, ids=ids, part=part,
                                domain=domain, step=step, pillar=pillar, limit=limit))

    @env.macro
    def initiatives_index(page=1):
        """Every initiative as a card, with the filters (the All initiatives page, or its page N)."""
        return view().index(page)

    @env.macro
    def initiative_page(item_id):
        """Body of an initiative's generated detail page."""
        return view().detail(item_id)

    @env.macro
    def theme_page(theme_id):
        """Body of a theme's generated page."""
        return view().theme(theme_id)

    @env.macro
    def themes_list():
        """Every theme, grouped, with its number of initiatives."""
        return view().theme_list()

    @env.macro
    def worksheet(sheet_id):
        """A worksheet's box, with its downloads, where the chapter discusses it."""
        sheets, _ = worksheets.current(root)
        by_id = {s["id"]: s for s in sheets}
        if sheet_id not in by_id:
            raise KeyError(f"worksheet({sheet_id!r}): no valid worksheets/{sheet_id}.yml (run make check)")
        strings = {k: tr(f"worksheet.{k}") for k in (
            "key-questions", "practical-exercise", "checklist", "hints", "answer_lines", "answer_checklist",
            "answer_choose_one", "answer_table", "download")}
        return worksheets.render_box(by_id[sheet_id], lang(), strings, downloads=[])

    @env.macro
    def diagram(name):
        """An inline SVG diagram with its caption and text alternative (diagrams/<name>.*)."""
        return slots.put(diagrams.render(name, lang(), root, {"summary": tr("diagram.summary")}))

    env.variables["lang_code"] = lang()

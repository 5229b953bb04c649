"""The site's macros: registration only (mkdocs-macros calls define_env once per build).

Each macro reads the language from the configuration of the project being built at
call time, so the French and English builds never share a stale copy of it.
"""
from pathlib import Path

import yaml

from . import catalogue, diagrams, i18n, links, render, selftest, share, slots, worksheets
from .pdf import BOOKLET as pdf_booklet
from .pdf import PDF_DIR as pdf_dir
from .pdf import file_names as pdf_names


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

    def sheet_strings():
        return {k: tr(f"worksheet.{k}") for k in (
            "key-questions", "practical-exercise", "checklist", "hints", "answer_lines", "answer_checklist",
            "answer_choose_one", "answer_table", "download", "booklet", "in_chapter", "printable", "fillable")}

    def downloads(sheet_id):
        """Links to the worksheet's PDFs (hooks/worksheet_pdfs.py writes them after the build)."""
        return [{"href": links.relative(env.page.url, f"{pdf_dir}/{name}"), "label": tr(f"worksheet.{kind}")}
                for kind, name in pdf_names(sheet_id).items()]

    @env.macro
    def worksheet(sheet_id):
        """A worksheet's box, with its downloads, where the chapter discusses it."""
        sheets, _ = worksheets.current(root)
        by_id = {s["id"]: s for s in sheets}
        if sheet_id not in by_id:
            raise KeyError(f"worksheet({sheet_id!r}): no valid worksheets/{sheet_id}.yml (run make check)")
        return worksheets.render_box(by_id[sheet_id], lang(), sheet_strings(), downloads(sheet_id))

    @env.macro
    def worksheets_list():
        """Every worksheet, grouped by part, with its chapter and downloads; the booklet first."""
        sheets, _ = worksheets.current(root)
        domains = catalogue.current(root).domain_labels(lang())
        embedded = worksheets.embedded_in(docs_dir())
        by_id = {s["id"]: s for s in sheets}
        groups = []
        for number, group in enumerate(worksheets.groups(sheets, tr, domains.get), 1):
            items = []
            for sheet_id in group["ids"]:
                sheet = by_id[sheet_id]
                loc = sheet["location"]
                step = (tr("worksheet.step").format(step=loc["step"]) if "step" in loc
                        else tr("worksheet.pillar").format(pillar=loc["pillar"]) if "pillar" in loc else "")
                chapter = None
                if sheet_id in embedded:
                    src = embedded[sheet_id]
                    chapter = {"href": links.relative(env.page.url, links.page_url(src)) + f"#worksheet-{sheet_id}",
                               "title": links.page_title(src, docs_dir())}
                items.append({"id": sheet_id, "kind": sheet["kind"], "title": worksheets.view(sheet, lang())["title"],
                              "step": step, "chapter": chapter, "downloads": downloads(sheet_id)})
            groups.append({"label": group["label"], "anchor": f"group-{number}", "sheets": items})
        html = render.TEMPLATES.get_template("worksheet-list.html").render(
            groups=groups, strings=sheet_strings(), booklet=links.relative(env.page.url, f"{pdf_dir}/{pdf_booklet}"))
        return render.one_block(html)

    @env.macro
    def diagram(name):
        """An inline SVG diagram with its caption and text alternative (diagrams/<name>.*)."""
        return slots.put(diagrams.render(name, lang(), root, {"summary": tr("diagram.summary")}))

    @env.macro
    def share_form():
        """The in-browser form that prepares an initiative file (Share your initiative page)."""
        return render.one_block(share.render_form(catalogue.current(root), lang(), tr, env.conf["extra"]))

    env.variables["lang_code"] = lang()

"""MkDocs hook: data files become pages at build time.

- on_config: load and validate the initiatives and the worksheets; any problem stops the
  build with one line per problem (`path:line: field: problem — fix`), before anything is
  written (the macros then use this build's validated data);
- on_files: add, in the language being built, one page per initiative, one per theme, the
  themes overview, and the open data files data/initiatives.json and .csv.
The pages hold only a macro call (ids are validated), so contributed text never becomes
template source; macros/render.py escapes it on output.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import export, i18n, render, store  # noqa: E402
from macros.catalogue import languages  # noqa: E402


def on_config(config):
    i18n.reload()   # `mkdocs serve`: strings edited since the last build
    problems = store.cached(ROOT).problems
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise PluginError(f"Invalid data ({len(problems)} problem(s)); nothing was built:\n{lines}\n"
                          "Run `make check` for the same list.")
    return config


def _front_matter(title: str, description: str, **extra) -> str:
    # Material prints the title unescaped (and mkdocs-macros renders a title holding braces):
    # escape it here, braces included. overrides/main.html escapes the description.
    def safe(text):
        return str(escape(text)).replace("{", "&#123;").replace("}", "&#125;")
    meta = {"title": safe(title), "description": description[:160], **extra}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


def _page(config, files, src: str, content: str):
    if files.get_file_from_path(src) is None:
        files.append(File.generated(config, src, content=content))


def on_files(files, config):
    found = store.current(ROOT).catalogue
    lang = i18n.build_language(config)
    tr = lambda key: i18n.translate(key, lang, ROOT)  # noqa: E731
    for item in found.initiatives:
        text_lang = lang if lang in languages(item) else languages(item)[0]
        # The page names its initiative in its front matter: every detail page then has the same
        # template text, which mkdocs-macros compiles once (macros/page_macros.py).
        content = _front_matter(item["title"][text_lang], item["summary"][text_lang], hide=["toc"], initiative_id=item["id"]) \
            + "{{ initiative_page(initiative_id) }}\n"
        _page(config, files, render.detail_src(item["id"]), content)
    for theme_id, theme in found.vocab["themes"].items():
        content = _front_matter(theme["label"].get(lang, ""), theme["description"].get(lang, ""), theme_id=theme_id) \
            + "{{ theme_page(theme_id) }}\n"
        _page(config, files, render.theme_src(theme_id), content)
    page_size = config["extra"].get("initiatives_page_size", render.PAGE_SIZE)
    for number in range(2, render.index_pages(len(found.initiatives), page_size) + 1):
        title = f"{tr('initiatives.all_title')} ({number})"
        _page(config, files, render.index_src(number), _front_matter(title, tr("initiatives.all_description"))
              + f"# {title}\n\n{{{{ initiatives_index(page={number}) }}}}\n")
    _page(config, files, "initiatives/themes/index.md",
          _front_matter(tr("initiatives.themes_title"), tr("initiatives.themes_description"))
          + f"# {tr('initiatives.themes_title')}\n\n{{{{ themes_list() }}}}\n")
    files.append(File.generated(config, "data/initiatives.json", content=export.to_json(found.initiatives)))
    files.append(File.generated(config, "data/initiatives.csv", content=export.to_csv(found.initiatives)))
    return files

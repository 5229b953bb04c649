"""MkDocs hook: data files become pages at build time.

- on_config: load and validate the initiatives and the worksheets; any problem stops the
  build with one line per problem (`path:line: field: problem — fix`), before anything is
  written (the macros then use this build's validated data);
- on_files: add, in the language being built, one page per initiative, one per theme, the
  themes overview, and the open data files data/initiatives.json and .csv.
- under `mkdocs serve`, invalid data does not leave the browser waiting: the build makes
  only a page that lists every problem (file, line, field, fix) at every address, keeps
  watching the files, and the real site comes back on the save that fixes them.
The pages hold only a macro call (ids are validated), so contributed text never becomes
template source; macros/render.py escapes it on output.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import yaml
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import errorpage, export, i18n, render, store  # noqa: E402
from macros.catalogue import languages  # noqa: E402

try:   # libyaml (in PyYAML's wheels) writes the front matter of thousands of generated pages in C
    from yaml import CSafeDumper as SafeDumper
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper

# Outside mkdocs' loggers: under `mkdocs serve --strict`, a message there would stop the build
# that makes the problems page.
report = logging.getLogger("smart-city-guide.data")


_run = {"command": "build"}
SHOWING_PROBLEMS = "data_problems"   # set in extra while `mkdocs serve` shows the problems page


def on_startup(command, dirty):
    _run["command"] = command


def on_config(config):
    i18n.reload()   # `mkdocs serve`: strings edited since the last build
    problems = store.cached(ROOT).problems
    config["extra"].pop(SHOWING_PROBLEMS, None)
    if problems and _run["command"] == "serve":
        lines = "\n".join(f"  {p}" for p in problems)
        report.warning("ERROR   -  Invalid data (%d problem(s)); the browser shows them until they are fixed:\n%s",
                       len(problems), lines)
        config["extra"][SHOWING_PROBLEMS] = len(problems)
        config["nav"] = None   # no page is built: nothing for the navigation to point to
        return config
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise PluginError(f"Invalid data ({len(problems)} problem(s)); nothing was built:\n{lines}\n"
                          "Run `make check` for the same list.")
    return config


def _showing_problems(config) -> bool:
    return bool(config["extra"].get(SHOWING_PROBLEMS))


def _front_matter(title: str, description: str, **extra) -> str:
    # Material prints the title unescaped (and mkdocs-macros renders a title holding braces):
    # escape it here, braces included. overrides/main.html escapes the description.
    def safe(text):
        return str(escape(text)).replace("{", "&#123;").replace("}", "&#125;")
    meta = {"title": safe(title), "description": description[:160], **extra}
    return "---\n" + yaml.dump(meta, Dumper=SafeDumper, allow_unicode=True, sort_keys=False) + "---\n"


def _page(config, files, src: str, content: str):
    if files.get_file_from_path(src) is None:
        files.append(File.generated(config, src, content=content))


def on_files(files, config):
    if _showing_problems(config):
        shown = Files([f for f in files if not f.is_documentation_page()])
        _pages.clear()
        _pages.extend(f.dest_uri for f in files if f.is_documentation_page())
        return shown
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


_pages: list = []   # where the pages of the last good configuration would be


def on_post_build(config):
    if not _showing_problems(config):
        return
    html = errorpage.render(ROOT).encode("utf-8")
    site = Path(config["site_dir"])
    for dest in _pages + ["index.html", "404.html", "en/index.html"]:
        target = site / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html)

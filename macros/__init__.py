"""The site's macros: registration only (mkdocs-macros calls define_env once per build).

Each macro reads the language from the configuration of the project being built at
call time, so the French and English builds never share a stale copy of it.
"""
from pathlib import Path

import yaml

from . import i18n, links, selftest


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

    @env.macro
    def t(key):
        """Interface string `key` in the language being built."""
        return tr(key)

    @env.macro
    def self_test():
        """The self-test form (quiz/self-test.yml)."""
        quiz = yaml.safe_load((root / "quiz" / "self-test.yml").read_text(encoding="utf-8"))
        return selftest.render(quiz, lang(), tr, link, title_of)

    env.variables["lang_code"] = lang()

"""The site's macros: registration only (mkdocs-macros calls define_env once per build).

The macros themselves are the methods of macros.page_macros.PageMacros; each reads the
language from the configuration of the project being built at call time, so the French
and English builds never share a stale copy of it.
"""
import functools

from .page_macros import MACROS, PageMacros


def define_env(env):
    """Register the macros and variables the pages may use."""
    macros = PageMacros(env)
    for name in MACROS:
        env.macro(getattr(macros, name), name)
    env.variables["lang_code"] = macros.lang()


def on_pre_page_macros(env):
    """mkdocs-macros compiles each page's text as a template. Generated pages share one text
    (`{{ initiative_page(initiative_id) }}`): each distinct text is compiled once per build."""
    jinja = env.env
    if not hasattr(jinja.from_string, "cache_info"):
        jinja.from_string = functools.lru_cache(maxsize=64)(jinja.from_string)

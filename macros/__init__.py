"""The site's macros: registration only (mkdocs-macros calls define_env once per build).

The macros themselves are the methods of macros.page_macros.PageMacros; each reads the
language from the configuration of the project being built at call time, so the French
and English builds never share a stale copy of it.
"""
from .page_macros import MACROS, PageMacros


def define_env(env):
    """Register the macros and variables the pages may use."""
    macros = PageMacros(env)
    for name in MACROS:
        env.macro(getattr(macros, name), name)
    env.variables["lang_code"] = macros.lang()

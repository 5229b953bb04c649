"""MkDocs hook: one command builds and serves the whole bilingual site.

- During the French build (mkdocs.yml), the English project (mkdocs.en.yml) is built in a
  second process, on the machine's second core, into a temporary folder that replaces
  <site_dir>/en only once it is complete: a failed English build stops the whole build
  and publishes nothing half-written.
- Under `mkdocs serve`, the French pages reload as soon as the French build is done: the
  English build finishes in the background, and the English pages (the previous ones until
  then) reload when it has. A failed English build is reported and the server goes on.
- Navigation section titles in mkdocs.yml are i18n keys ("nav.part_a"), translated here.
- Every page gets `alternates`: the same page in each language, for the switcher and
  <link rel="alternate" hreflang>.

Run as a script, it is the English build itself: python hooks/bilingual.py DEST SITE_URL [--strict]

Nothing is left behind when a build is stopped: the English process dies with the French
one (and removes its folder as it goes), the French one removes it on any exit it can see
(error, Ctrl-C, SIGTERM), and a folder whose build was killed outright (SIGKILL) is found by
the process id in its name and removed by the next build.
"""
from __future__ import annotations

import atexit
import ctypes
import logging
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import alternates as alt_links  # noqa: E402
from macros import i18n  # noqa: E402

SECONDARY = "mkdocs.en.yml"
log = logging.getLogger("mkdocs.hooks.bilingual")
_job: dict = {}
# `mkdocs serve`: its live-reload server, the English site kept while the French one is
# rebuilt, and a lock for the moves of <site_dir>/en between the build and the waiting thread.
_serve: dict = {"server": None, "kept": None}
_moves = threading.Lock()


def on_serve(server, config, builder):
    _serve["server"] = server
    return server


def on_pre_build(config):
    # MkDocs is about to empty site_dir: under `mkdocs serve`, keep the English pages.
    if _serve["server"] is None or not _is_primary(config):
        return
    target = Path(config["site_dir"]) / alt_links.language_root(config["extra"]["alternate"], "en")
    with _moves:
        if target.is_dir():
            kept = Path(tempfile.mkdtemp(prefix="site-en-kept-"))
            shutil.move(str(target), kept / "en")
            _serve["kept"] = kept


def _is_primary(config) -> bool:
    return Path(config["config_file_path"]).name != SECONDARY


def on_nav(nav, config, files):
    lang = i18n.build_language(config)
    table = i18n.strings(lang, i18n.project_root(config))

    def walk(items):
        for item in items:
            if item.is_section:
                if item.title in table:
                    item.title = table[item.title]
                elif item.title.startswith("nav."):
                    raise KeyError(f"mkdocs.yml nav: no string {item.title!r} in i18n/{lang}.yml")
                walk(item.children)

    walk(nav.items)
    return nav


def on_page_context(context, page, config, nav):
    lang = i18n.build_language(config)
    context["alternates"] = alt_links.alternates(
        config["extra"]["alternate"], lang, page.url, config.get("site_url"))
    return context


def on_template_context(context, template_name, config):
    # The 404 page is served at any address: its switcher links to each language's home.
    if template_name == "404.html":
        lang = i18n.build_language(config)
        links = alt_links.alternates(config["extra"]["alternate"], lang, "", config.get("site_url"))
        context["alternates"] = [dict(a, href=a["url"] or a["href"], root_href=a["url"] or a["root_href"]) for a in links]
    return context


def on_files(files, config):
    # After MkDocs has cleaned site_dir: start the English build beside the French one.
    if not _is_primary(config):
        return files
    _stop()
    if config["extra"].get("data_problems"):   # `mkdocs serve` shows the data's problems (hooks/data.py)
        return files
    root = i18n.project_root(config)
    en_root = alt_links.language_root(config["extra"]["alternate"], "en")
    site_url = config.get("site_url") or ""
    _sweep()
    # Named here, created by the English process once it can remove it again (see _watch_parent).
    dest = os.path.join(tempfile.gettempdir(), f"{PREFIX}{os.getpid()}-{secrets.token_hex(8)}")
    cmd = [sys.executable, str(Path(__file__).resolve()), dest, site_url + en_root if site_url else ""]
    if config.get("strict"):
        cmd.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=_die_with_parent)
    _job.update(proc=proc, dest=dest, target=Path(config["site_dir"]) / en_root)
    with _moves:   # the English pages of the previous build are served until the new ones are ready
        kept = _serve["kept"]
        if kept is not None:
            if not _job["target"].exists():
                shutil.move(str(kept / "en"), _job["target"])
            shutil.rmtree(kept, ignore_errors=True)
            _serve["kept"] = None
    return files


PREFIX = "site-en-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sweep() -> None:
    """Remove the English folders of builds that were killed (their process is gone)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*"):
        found = re.fullmatch(rf"{PREFIX}(\d+)-.+", folder.name)
        if found and folder.is_dir() and int(found.group(1)) != os.getpid() and not _alive(int(found.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


def _die_with_parent() -> None:
    """In the English process, before it starts: be sent SIGTERM when the French one dies
    (Linux; elsewhere the watcher thread of the English build notices it)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def on_post_build(config):
    if not _is_primary(config) or "proc" not in _job:
        return
    job = dict(_job)
    if _serve["server"] is not None:
        # Serving: the French pages reload now; the English ones when their build is done.
        threading.Thread(target=_finish, args=(job, _serve["server"]), daemon=True).start()
        return
    if not _finish(job, None):
        from mkdocs.exceptions import Abort
        raise Abort("The English site (mkdocs.en.yml) failed to build; see the [en] lines above.")


def _finish(job: dict, server) -> bool:
    """Wait for the English build, log its output, and put its site in place (if it is still
    the current build: a newer one stops it). Under `mkdocs serve`, reload the browsers."""
    proc, dest, target = job["proc"], job["dest"], job["target"]
    output, _ = proc.communicate()
    if _job.get("proc") is not proc:    # stopped by a newer build: nothing to report
        return False
    for line in output.splitlines():
        if line.strip():
            log.info("[en] %s", line)
    with _moves:
        if _job.get("proc") is proc:
            _job.clear()
        if proc.returncode != 0:
            shutil.rmtree(dest, ignore_errors=True)
            if server is not None:
                log.error("The English site (mkdocs.en.yml) failed to build; see the [en] lines above.")
            return False
        if target.exists():
            shutil.rmtree(target)
        shutil.move(dest, target)
    if server is not None:
        _reload_browsers(server)
        log.info("English pages rebuilt")
    return True


def _reload_browsers(server) -> None:
    """Tell the pages open in browsers that the site changed (MkDocs' live-reload server keeps
    this in its epochs); not while a French build is running: its end reloads them anyway."""
    try:
        from mkdocs.livereload import _timestamp
        with server._epoch_cond:
            if server._visible_epoch == server._wanted_epoch:
                server._visible_epoch = server._wanted_epoch = _timestamp()
                server._epoch_cond.notify_all()
    except (ImportError, AttributeError):   # another MkDocs: the English pages reload on the next save
        pass


def _stop():
    proc, dest = _job.get("proc"), _job.get("dest")
    _job.clear()   # first: a thread waiting for this build then knows it was stopped
    if proc and proc.poll() is None:
        proc.kill()
        proc.wait()
    if dest:
        shutil.rmtree(dest, ignore_errors=True)


def on_build_error(error):
    _stop()


def on_shutdown():
    _stop()


def _on_signal(signum, frame):
    _stop()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


atexit.register(_stop)
if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
    signal.signal(signal.SIGTERM, _on_signal)


def _build_secondary(dest: str, site_url: str, strict: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides = {"site_dir": dest, "strict": strict}
    if site_url:
        overrides["site_url"] = site_url
    config = load_config(config_file=str(ROOT / SECONDARY), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _watch_parent(dest: str) -> None:
    """Stop the English build, and remove its folder, when the French build is gone. The
    folder is created only once this is in place (and only if nothing has its name)."""
    parent = os.getppid()

    def leave(*_):
        shutil.rmtree(dest, ignore_errors=True)
        os._exit(1)

    def watch():
        while os.getppid() == parent:
            threading.Event().wait(1)
        leave()
    signal.signal(signal.SIGTERM, leave)
    signal.signal(signal.SIGHUP, leave)
    threading.Thread(target=watch, daemon=True).start()
    os.mkdir(dest, 0o700)


if __name__ == "__main__":
    # Like mkdocs: its own messages from INFO up, other libraries' (WeasyPrint's progress
    # steps) only when they warn.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    args = [a for a in sys.argv[1:] if a != "--strict"]
    try:
        _watch_parent(args[0])
        _build_secondary(args[0], args[1] if len(args) > 1 else "", "--strict" in sys.argv)
    except Exception as exc:  # the parent prints our output and stops the build
        print(f"ERROR   -  {exc}", file=sys.stderr)
        sys.exit(1)

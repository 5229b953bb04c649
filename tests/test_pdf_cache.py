"""The PDF cache: one folder per language holding exactly the current PDFs, and no entry
trusted blindly — garbage, empty, truncated or tampered entries and a damaged form font are
rendered again, never published."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT
from test_worksheets import SHEETS, _strings

from macros import pdf, pdfcache, worksheets

SHEET = next(s for s in SHEETS if s["location"]["part"] == "X")   # a short sheet, in no kit


def build(cache: Path, out: Path, sheets=(SHEET,), lang="fr") -> pdf.Stats:
    ids = [s["id"] for s in sheets]
    return pdf.build(list(sheets), lang, out, cache, _strings(), where={i: "X" for i in ids},
                     urls={i: f"https://example.org/worksheets/#worksheet-{i}" for i in ids},
                     groups=[{"label": "X", "ids": ids}], booklet_url="https://example.org/worksheets/")


def digests(folder: Path) -> list[str]:
    return sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.pdf"))


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> tuple[Path, Path]:
    """A cache and the PDFs built from it (rendered once for the module)."""
    root = tmp_path_factory.mktemp("warm")
    build(root / "cache", root / "out")
    return root / "cache", root / "out"


def copy_cache(warm, tmp_path: Path) -> Path:
    shutil.copytree(warm[0], tmp_path / "cache")
    return tmp_path / "cache"


# ------------------------------------------------------------------ units
def test_an_entry_is_trusted_only_if_its_digest_matches(tmp_path):
    path = tmp_path / "k.pdf"
    pdfcache.store(path, b"%PDF-1.7\n...\n%%EOF\n")
    assert pdfcache.verified(path, pdfcache.looks_like_pdf) == b"%PDF-1.7\n...\n%%EOF\n"
    path.write_bytes(b"%PDF-1.7\n...\n%%EOF\n ")                     # changed after it was stored
    assert pdfcache.verified(path, pdfcache.looks_like_pdf) is None
    pdfcache.store(path, b"garbage")                                  # stored, but not a PDF
    assert pdfcache.verified(path, pdfcache.looks_like_pdf) is None
    path.with_suffix(".sha256").unlink()                              # no digest: not trusted
    assert pdfcache.verified(path) is None


def test_prune_keeps_what_the_build_used_and_the_other_language(tmp_path):
    cache = pdfcache.Cache(tmp_path, "fr")
    cache.put("used", b"%PDF-1.7 %%EOF")
    other = pdfcache.Cache(tmp_path, "en")
    other.put("english", b"%PDF-1.7 %%EOF")
    later = pdfcache.Cache(tmp_path, "fr")
    later.put("new", b"%PDF-1.7 %%EOF")
    assert later.get("used") is not None
    (tmp_path / "pdf" / "0123legacy.pdf").write_bytes(b"%PDF-1.7 %%EOF")   # the cache's first, flat layout
    old = tmp_path / "pdf" / "fr" / ".x.pdf.99.tmp"
    old.write_bytes(b"")
    os.utime(old, (0, 0))
    assert later.prune() == 2                       # the flat entry and the leftover partial file
    assert sorted(p.name for p in (tmp_path / "pdf" / "fr").iterdir()) == ["new.pdf", "new.sha256", "used.pdf", "used.sha256"]
    assert sorted(p.name for p in (tmp_path / "pdf" / "en").iterdir()) == ["english.pdf", "english.sha256"]
    assert not (tmp_path / "pdf" / "0123legacy.pdf").exists()


# ------------------------------------------------------------------ builds
@pytest.mark.build
@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "other pdf"])
def test_a_damaged_entry_is_rendered_again_and_never_published(warm, tmp_path, damage):
    cache = copy_cache(warm, tmp_path)
    name = worksheets.file_names(SHEET["id"])["printable"]
    entries = sorted((cache / "pdf" / "fr").glob("*.pdf"))
    target = next(p for p in entries if p.read_bytes() == (warm[1] / name).read_bytes())
    good = target.read_bytes()
    target.write_bytes({"garbage": os.urandom(5000), "empty": b"", "truncated": good[: len(good) // 2],
                        "other pdf": (warm[1] / worksheets.BOOKLET).read_bytes()}[damage])
    stats = build(cache, tmp_path / "out")
    assert stats.rendered == [name] and len(stats.repaired) == 1
    assert (tmp_path / "out" / name).read_bytes() == good
    assert pdfcache.verified(target, pdfcache.looks_like_pdf) == good     # the entry is sound again


@pytest.mark.build
def test_a_damaged_form_font_is_made_again(warm, tmp_path):
    cache = copy_cache(warm, tmp_path)
    for entry in (cache / "pdf" / "fr").glob("*"):
        entry.unlink()                                                    # every PDF must be rendered
    font = next((cache / "fonts").glob("*.ttf"))
    sound = font.read_bytes()
    font.write_bytes(sound[:2000])                                        # the digest beside it no longer matches
    build(cache, tmp_path / "out")
    assert font.read_bytes() == sound
    fillable = tmp_path / "out" / worksheets.file_names(SHEET["id"])["fillable"]
    assert fillable.read_bytes() == (warm[1] / fillable.name).read_bytes()
    assert fillable.stat().st_size < 200_000


@pytest.mark.build
def test_the_cache_holds_exactly_the_current_pdfs(warm, tmp_path):
    cache = copy_cache(warm, tmp_path)
    changed = {**SHEET, "title": {"fr": "Un autre titre", "en": "Another title"}}
    build(cache, tmp_path / "out", sheets=(changed,))
    assert digests(cache / "pdf" / "fr") == digests(tmp_path / "out")
    assert len(list((cache / "pdf" / "fr").glob("*.pdf"))) == len(list((tmp_path / "out").glob("*.pdf")))
    warm_again = build(cache, tmp_path / "again", sheets=(changed,))
    assert warm_again.rendered == [] and warm_again.removed == 0
    assert len(list((cache / "pdf" / "fr").glob("*.json"))) == 1   # how the sheet fits, kept for its next PDF


@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("en/", "en")])
def test_after_a_site_build_each_language_folder_holds_exactly_its_published_pdfs(site, prefix, lang):
    cache = Path(os.environ.get("PDF_CACHE_DIR") or ROOT / ".cache") / "pdf" / lang
    published = site / prefix / "worksheets" / "pdf"
    assert len(list(cache.glob("*.pdf"))) == len(list(published.glob("*.pdf")))
    assert digests(cache) == digests(published)
    for path in published.glob("*.pdf"):
        pypdf.PdfReader(path)   # every published file is a readable PDF

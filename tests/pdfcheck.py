"""Look at worksheet PDFs the way readers do, with two renderers: pdfium (Chromium's PDF
engine, through pypdfium2) and poppler (Evince, Okular: pdftoppm, pdftotext, pdfinfo).

- `stray_choices`: tick boxes and circles with no label right beside them (a label that went
  to another column or page), found in the drawn page: small squares versus characters.
- `fill`: fill a form as a person would in Chromium (pdfium's form API: typing, clicking),
  then save it; `words_in` and `dark_pixels` check what each renderer shows of the answers.
"""
from __future__ import annotations

import ctypes
import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
BOX_MM = (2.8, 4.8)        # tick boxes and circles are 3.6 mm wide
LABEL_GAP_MM = 5           # a label starts within this distance right of its box
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext") and shutil.which("pdfinfo")


def pdfium():
    import pypdfium2
    import pypdfium2.raw
    return pypdfium2, pypdfium2.raw


def stray_choices(path: Path) -> list[tuple[int, float, float]]:
    """(page, x mm, y mm) of every tick box or circle that has no text starting right beside it."""
    pdfium_, raw = pdfium()
    stray = []
    document = pdfium_.PdfDocument(path)
    for number, page in enumerate(document, 1):
        boxes = set()
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=5):
            left, bottom, right, top = obj.get_bounds()
            width, height = (right - left) / MM, (top - bottom) / MM
            if BOX_MM[0] < width < BOX_MM[1] and BOX_MM[0] < height < BOX_MM[1] and abs(width - height) < .5:
                boxes.add((round(left), round(bottom), round(right), round(top)))
        text = page.get_textpage()
        chars = [text.get_charbox(i) for i in range(text.count_chars())]
        for left, bottom, right, top in boxes:
            if not any(right - 1 < cl < right + LABEL_GAP_MM * MM and ct > bottom and cb < top for cl, cb, _, ct in chars):
                stray.append((number, round(left / MM, 1), round(bottom / MM, 1)))
    document.close()
    return stray


@dataclass
class Widget:
    name: str
    kind: str          # text, checkbox, radio
    page: int          # from 0
    rect: tuple        # left, bottom, right, top in points
    text: str = ""     # what was typed


def _wide(text: str):
    data = (text + "\0").encode("utf-16-le")
    return ctypes.create_string_buffer(data, len(data))


def fill(src: Path, dest: Path, text_for) -> list[Widget]:
    """Type `text_for(name)` in every text field and click every check box and radio button (in
    order: in a radio group the last one clicked stays on), as in Chromium; save to `dest`."""
    pdfium_, raw = pdfium()
    kinds = {raw.FPDF_FORMFIELD_TEXTFIELD: "text", raw.FPDF_FORMFIELD_CHECKBOX: "checkbox",
             raw.FPDF_FORMFIELD_RADIOBUTTON: "radio"}
    document = pdfium_.PdfDocument(src)
    document.init_forms()
    env = document.formenv
    widgets = []
    for number in range(len(document)):
        page = document[number]
        for index in range(raw.FPDFPage_GetAnnotCount(page)):
            annot = raw.FPDFPage_GetAnnot(page, index)
            kind = kinds.get(raw.FPDFAnnot_GetFormFieldType(env, annot))
            if kind:
                buffer = ctypes.create_string_buffer(4096)
                length = raw.FPDFAnnot_GetFormFieldName(env, annot, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), 4096)
                name = buffer.raw[:max(0, length - 2)].decode("utf-16-le")
                rect = raw.FS_RECTF()
                raw.FPDFAnnot_GetRect(annot, rect)
                widget = Widget(name, kind, number, (min(rect.left, rect.right), min(rect.bottom, rect.top),
                                                     max(rect.left, rect.right), max(rect.bottom, rect.top)))
                if kind == "text":
                    widget.text = text_for(name)
                    raw.FORM_SetFocusedAnnot(env, annot)
                    raw.FORM_SelectAllText(env, page)
                    raw.FORM_ReplaceSelection(env, page, ctypes.cast(_wide(widget.text), raw.FPDF_WIDESTRING))
                    raw.FORM_ForceToKillFocus(env)
                else:
                    x, y = (rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2
                    raw.FORM_OnMouseMove(env, page, 0, x, y)
                    raw.FORM_OnLButtonDown(env, page, 0, x, y)
                    raw.FORM_OnLButtonUp(env, page, 0, x, y)
                widgets.append(widget)
            raw.FPDFPage_CloseAnnot(annot)
        raw.FORM_ForceToKillFocus(env)
    document.save(dest)
    document.close()
    return widgets


def poppler_words(path: Path) -> dict[int, list[tuple]]:
    """Words poppler shows, per page (from 0): (text, left, bottom, right, top) in points from the bottom left."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages: dict[int, list[tuple]] = {}
    for number, page in enumerate(re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S)):
        height = float(page[0])
        pages[number] = [(html.unescape(w), float(x1), height - float(y2), float(x2), height - float(y1))
                         for x1, y1, x2, y2, w in re.findall(
                             r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page[1])]
    return pages


def words_in(words: list[tuple], rect: tuple, slack: float = 1.5, overrun: float = 0) -> str:
    """The text of the words lying wholly inside `rect`, in the order they are drawn, without spaces
    (`overrun`: how far past the right edge a word that starts inside may end)."""
    left, bottom, right, top = rect
    inside = [w for w in words if left - slack <= w[1] < right and w[3] <= right + slack + overrun
              and w[2] >= bottom - slack and w[4] <= top + slack]
    return "".join(w[0] for w in inside)


def squash(text: str) -> str:
    """Compare texts whatever the line breaks and (narrow) no-break spaces."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    """Every page's text, squashed (pdfium's text extraction: fast, and what Chromium finds)."""
    pdfium_, _ = pdfium()
    document = pdfium_.PdfDocument(path)
    try:
        # pdfium marks a hyphen that ends a line as U+FFFE
        return squash(" ".join(page.get_textpage().get_text_range() for page in document).replace("\ufffe", "-"))
    finally:
        document.close()


def poppler_pages(path: Path, dpi: int, dest: Path, pages) -> dict:
    """The given pages (numbered from 0) as greyscale images drawn by poppler, by number (as
    PGM: the same pixels as PNG, written seven times faster, without compressing them)."""
    from PIL import Image
    images = {}
    for number in sorted(set(pages)):
        out = dest.with_name(f"{dest.name}-{number}")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(number + 1), "-l", str(number + 1), "-singlefile",
                        str(path), str(out)], check=True)
        images[number] = Image.open(out.with_name(out.name + ".pgm")).convert("L")
    return images


def pdfium_pages(path: Path, dpi: int, pages) -> dict:
    """The given pages (numbered from 0) as greyscale images drawn by pdfium with its form fields
    (as Chromium shows them), by number."""
    pdfium_, _ = pdfium()
    document = pdfium_.PdfDocument(path)
    document.init_forms()
    images = {n: document[n].render(scale=dpi / 72, may_draw_forms=True).to_pil().convert("L") for n in sorted(set(pages))}
    document.close()
    return images


def dark_pixels(image, rect: tuple, dpi: int, inset: float = .25) -> int:
    """Dark pixels inside the middle of `rect` (its border left out)."""
    scale = dpi / 72
    left, bottom, right, top = rect
    dx, dy = (right - left) * inset, (top - bottom) * inset
    box = (int((left + dx) * scale), int(image.height - (top - dy) * scale), int((right - dx) * scale), int(image.height - (bottom + dy) * scale))
    return sum(image.crop(box).histogram()[:128])


def tagged(path: Path) -> bool:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return bool(re.search(r"^Tagged:\s+yes", out, re.M))

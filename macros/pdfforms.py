"""Fillable PDFs: finish the form fields WeasyPrint writes, so that every viewer shows and
keeps the answers.

WeasyPrint 70 gives each text field a one-size font and no appearance, each check box a
single "on" state and no font in its default appearance (poppler then draws no tick when it
redraws fields: "Missing 'Tf' operator in field's DA string"), and lists each radio button
twice (as a kid of its group and as a field of its own, with the group's name). `finish` is a
WeasyPrint finisher (called on the PDF objects before they are written, so the file keeps
WeasyPrint's compression) that rewrites the form:

- text fields: multi-line (but the name and date lines), automatic font size (``0 Tf``) in the
  embedded form font, an empty appearance: a long answer shrinks to fit its box in every viewer;
- check boxes and radio buttons: an "on" state named after the option, so that an exported form
  says which option was ticked, an "Off" state, and a default appearance with a font
  (ZapfDingbats: a check mark or a dot) for viewers that redraw fields;
- radio groups: one field per question whose kids are its buttons (one answer at a time), with
  no /Opt (with it, viewers store the button's index instead of its value);
- every field has its appearance, so viewers need not redraw them (``NeedAppearances`` false).
"""
from __future__ import annotations

import re

import pydyf

MULTILINE = 1 << 12
RADIO_FLAGS = (1 << 14) | (1 << 15)   # NoToggleToOff, Radio
TEXT_COLOUR = "0.122 g"              # the text colour of the sheets (#1f1f1f)
CHECK_MARK, DOT = "4", "l"            # ZapfDingbats glyphs viewers draw when they redraw a field
SINGLE_LINE = ("-who", "-date")      # who fills the sheet and when: one line each
NAME_BYTES = 120


def export_value(option: str) -> str:
    """What a ticked option exports: its text (spaces made plain), cut after a whole word if very
    long (PDF names stay under 127 bytes, the limit most viewers keep to)."""
    text = re.sub(r"\s+", " ", option).strip() or "Yes"
    if len(text.encode("utf-8")) > NAME_BYTES:
        while len(text.encode("utf-8")) > NAME_BYTES:
            text = text[:-1]
        text = text.rsplit(" ", 1)[0]
    return text.rstrip(" ,;:")


def state_name(option: str) -> bytes:
    """The PDF name (with its solidus) of an option's "on" state."""
    return pydyf.name(export_value(option))


def _object(pdf, reference: bytes):
    return pdf.objects[int(reference.split()[0])]


def _size(widget) -> tuple[float, float]:
    x1, y1, x2, y2 = (float(v) for v in widget["Rect"])
    return abs(x2 - x1), abs(y2 - y1)


def _appearance(pdf, content: bytes, width: float, height: float) -> bytes:
    stream = pydyf.Stream([content], {"Type": "/XObject", "Subtype": "/Form",
                                      "BBox": pydyf.Array((0, 0, width, height)), "Resources": pydyf.Dictionary()})
    pdf.add_object(stream)
    return stream.reference


def _text_font(widgets) -> str:
    for widget in widgets:
        found = re.search(r"/(\S+)\s+[\d.]+\s+Tf", bytes(widget.get("DA", pydyf.String("")).data).decode("latin-1"))
        if found:
            return found.group(1)
    return "Helv"


def _finish_text(pdf, widget, font: str) -> None:
    name = widget["T"].string if isinstance(widget.get("T"), pydyf.String) else ""
    widget["DA"] = pydyf.String(f"/{font} 0 Tf {TEXT_COLOUR}")
    flags = int(widget.get("Ff", 0))
    widget["Ff"] = flags & ~MULTILINE if name.endswith(SINGLE_LINE) else flags | MULTILINE
    widget["MK"] = pydyf.Dictionary()
    widget["AP"] = pydyf.Dictionary({"N": _appearance(pdf, b"/Tx BMC EMC", *_size(widget))})


def _finish_button(pdf, widget, state: bytes, glyph: str, zadb: pydyf.Dictionary) -> None:
    """A check box or radio button: its "on" state named `state`, an Off state, a font for redraws."""
    drawn = next(iter(widget["AP"]["N"].values()))   # WeasyPrint's drawing of the ticked state
    normal = pydyf.Dictionary({state[1:].decode("ascii"): drawn, "Off": _appearance(pdf, b"", *_size(widget))})
    widget["AP"] = pydyf.Dictionary({"N": normal})
    widget["AS"] = "/Off"
    widget["DA"] = pydyf.String(f"/ZaDb 0 Tf {TEXT_COLOUR}")
    widget["MK"] = pydyf.Dictionary({"CA": pydyf.String(glyph)})
    widget["DR"] = zadb


def finish(document, pdf) -> None:
    """WeasyPrint finisher: rewrite the form of `pdf` (see the module's docstring)."""
    form = pdf.catalog.get("AcroForm")
    if not form:
        return
    zadb_font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type1", "BaseFont": "/ZapfDingbats"})
    pdf.add_object(zadb_font)
    zadb = pydyf.Dictionary({"Font": pydyf.Dictionary({"ZaDb": zadb_font.reference})})
    widgets = [o for o in pdf.objects if isinstance(o, pydyf.Dictionary) and o.get("Subtype") == "/Widget"]
    font = _text_font(widgets)
    # The form's own resources: the text font of the fields and ZapfDingbats (which viewers have
    # built in). WeasyPrint points them to the page's resources, which keep embedded fonts only.
    page_resources = _object(pdf, form["DR"]) if isinstance(form.get("DR"), bytes) else form.get("DR") or {}
    page_fonts = page_resources.get("Font", {})
    page_fonts = _object(pdf, page_fonts) if isinstance(page_fonts, bytes) else page_fonts
    form_fonts = pydyf.Dictionary({"ZaDb": zadb_font.reference})
    if font in page_fonts:
        form_fonts[font] = page_fonts[font]
    form["DR"] = pydyf.Dictionary({"Font": form_fonts})
    fields, groups = pydyf.Array(), {}
    for widget in widgets:
        parent = widget.get("Parent")
        if widget.get("FT") == "/Tx":
            _finish_text(pdf, widget, font)
        elif parent is not None:      # a radio button: its group is the field
            group = _object(pdf, parent)
            index = list(group["Kids"]).index(widget.reference)
            _finish_button(pdf, widget, state_name(group["Opt"][index].string), DOT, zadb)
            for key in ("T", "TU", "FT"):
                widget.pop(key, None)
            if parent not in groups:
                groups[parent] = group
                fields.append(parent)
            continue
        elif widget.get("FT") == "/Btn":
            _finish_button(pdf, widget, state_name(widget["TU"].string), CHECK_MARK, zadb)
            widget["V"] = "/Off"
        fields.append(widget.reference)
    for group in groups.values():
        group["Ff"] = RADIO_FLAGS
        group["V"] = "/Off"
        group["DA"] = pydyf.String(f"/ZaDb 0 Tf {TEXT_COLOUR}")
        group.pop("Opt", None)
    form["Fields"] = fields
    form["DA"] = pydyf.String(f"/{font} 0 Tf {TEXT_COLOUR}")
    form["NeedAppearances"] = "false"

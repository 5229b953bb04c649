"""French typography: non-breaking spaces where French print puts them."""
from __future__ import annotations

import re

NNBSP, NBSP = "\u202f", "\u00a0"


def french(text: str) -> str:
    """« guillemets » and : with a no-break space; ; ? ! with a narrow no-break space."""
    text = re.sub(r"«\s*", "«" + NBSP, text)
    text = re.sub(r"\s*»", NBSP + "»", text)
    text = re.sub(r"(?:(?<=\S)\s+|^ +):(?=\s|$)", NBSP + ":", text)
    text = re.sub(r"(?<=[\w»)\]…’'\"])\s*([;?!])(?=\s|$|[»)\]])", NNBSP + r"\1", text)
    return text


def for_language(text: str, lang: str) -> str:
    return french(text) if lang == "fr" else text

"""The self-test: questions from quiz/self-test.yml rendered as an HTML form.

Without JavaScript every question, the right answer and its explanation stay readable
(each explanation sits in a <details>); overrides/assets/javascripts/site.js adds
the score and the orientation message of the reader's band.
"""
from __future__ import annotations

import json
from typing import Callable

from markupsafe import escape

from . import typography


def band_for(score: int, bands: list[dict]) -> dict:
    """The band whose [min, max] holds `score`."""
    for band in bands:
        if band["min"] <= score <= band["max"]:
            return band
    raise ValueError(f"quiz/self-test.yml: bands: no band covers a score of {score} — make min/max cover 0 to the number of questions")


def render(quiz: dict, lang: str, tr: Callable[[str], str], link: Callable[[str], str], title_of: Callable[[str], str]) -> str:
    """HTML of the whole test. `tr` gives interface strings, `link` a page's relative URL,
    `title_of` a page's title (for the "where to start" links)."""
    # Shown by the script, after the typography hook has run: French spacing applied here.
    for score in range(len(quiz["questions"]) + 1):   # the script expects a band for every score
        band_for(score, quiz["bands"])
    strings = {key: typography.for_language(tr(f"selftest.{key}"), lang) for key in ("score", "unanswered", "correct", "wrong")}
    out = [f'<form class="self-test" data-self-test novalidate data-strings="{escape(json.dumps(strings, ensure_ascii=False))}">']
    out.append('<ol class="self-test__questions">')
    for q in quiz["questions"]:
        name = f"self-test-{escape(q['id'])}"
        right = next(i for i, o in enumerate(q["options"]) if o["correct"])
        out.append(f'<li class="self-test__question" data-answer="{right}">')
        out.append(f'<fieldset><legend>{escape(q["text"][lang])}</legend>')
        for i, option in enumerate(q["options"]):
            out.append(f'<label class="self-test__option"><input type="radio" name="{name}" value="{i}"> '
                       f'<span>{escape(option["text"][lang])}</span></label>')
        out.append('</fieldset>')
        out.append('<p class="self-test__verdict" aria-live="polite"></p>')
        out.append(f'<details class="self-test__why"><summary>{escape(tr("selftest.answer"))}</summary>')
        out.append(f'<p><strong>{escape(tr("selftest.right_answer"))}</strong> '
                   f'{escape(q["options"][right]["text"][lang])}.</p>')
        out.append(f'<p>{escape(q["explanation"][lang])} '
                   f'<a href="{escape(link(q["chapter"]))}">{escape(tr("selftest.read_more"))}</a></p>')
        out.append('</details></li>')
    out.append('</ol>')
    out.append(f'<p><button type="submit" class="md-button md-button--primary" hidden>{escape(tr("selftest.submit"))}</button></p>')
    out.append('<div class="self-test__result" role="status" aria-live="polite"></div>')
    out.append('</form>')
    out.append(f'<h2 id="self-test-bands">{escape(tr("selftest.bands"))}</h2>')
    out.append('<dl class="self-test__bands">')
    for band in quiz["bands"]:
        data = json.dumps({"min": band["min"], "max": band["max"]})
        out.append(f'<dt data-band=\'{escape(data)}\'>{escape(tr("selftest.range").format(min=band["min"], max=band["max"]))} · '
                   f'{escape(band["title"][lang])}</dt>')
        starts = ", ".join(f'<a href="{escape(link(p))}">{escape(title_of(p))}</a>' for p in band["start"])
        out.append(f'<dd><p>{escape(band["message"][lang])}</p><p>{escape(tr("selftest.start_with"))} {starts}</p></dd>')
    out.append('</dl>')
    return "\n".join(out)

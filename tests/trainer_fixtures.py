"""Worksheets written for tests: one with facilitator notes, one with every kind of answer."""
from __future__ import annotations

import copy

import yaml

NOTES = {
    "aim": {"fr": "Faire dire au groupe ce que la ville attend du numérique.",
            "en": "Get the group to say what the city expects from digital tools."},
    "duration": 50,
    "group_size": {"min": 4, "max": 7},
    "materials": [{"fr": "Feutres et grandes feuilles", "en": "Markers and large sheets"},
                  {"fr": "Une fiche par personne", "en": "One worksheet per person"}],
    "steps": [{"minutes": 10, "text": {"fr": "Chacun lit la fiche et coche seul.", "en": "Everyone reads the sheet and ticks alone."}},
              {"minutes": 25, "text": {"fr": "Les groupes comparent leurs choix.", "en": "Groups compare their choices."}},
              {"minutes": 15, "text": {"fr": "Mise en commun et bilan.", "en": "Sharing and debrief."}}],
    "debrief": [{"fr": "Quel choix a fait débat ?", "en": "Which choice caused debate?"}],
    "output": {"fr": "Une liste de priorités partagée.", "en": "A shared list of priorities."},
}


def text(fr: str, en: str | None = None) -> dict:
    return {"fr": fr, "en": en or fr}


def every_answer(sheet_id: str = "zz-every-answer") -> dict:
    """A worksheet with every kind of answer, at the sizes the schema allows at most."""
    return {
        "id": sheet_id, "kind": "practical-exercise", "location": {"part": "X"},
        "title": text("Une fiche d'essai avec toutes les réponses", "A test sheet with every answer"),
        "purpose": text("Vérifier la place laissée pour écrire.", "Check the room left to write."),
        "sections": [{"heading": text("Tout", "Everything"), "questions": [
            {"text": text("Lignes ?", "Lines?"), "answer": {"type": "lines", "count": 3}},
            {"text": text("Cases ?", "Boxes?"), "answer": {"type": "checklist", "options": [
                text(f"Option {i} avec un libellé assez long pour passer à la ligne dans sa colonne") for i in range(1, 10)]
                + [text("Autre : ……", "Other: ……")]}},
            {"text": text("Échelle ?", "Scale?"), "answer": {"type": "choose_one", "options": [
                text("Oui, c'est bien engagé", "Yes, well under way"), text("C'est commencé", "Started"),
                text("Pas encore", "Not yet")]}},
            {"text": text("Longues options ?", "Long options?"), "answer": {"type": "choose_one", "options": [
                text(f"Une option longue numéro {i}, qui occupe presque toute une ligne de la fiche imprimée") for i in range(1, 5)]
                + [text("Un autre modèle : ……", "Another model: ……")]}},
            {"text": text("Tableau ?", "Table?"), "answer": {"type": "table", "rows": 3, "columns": [
                text("Acteur", "Actor"), text("Intérêt"), text("Ressources"), text("Freins"), text("Partenariats")]}},
        ]}],
        "source": {"document": "site", "lines": "1"},
    }


def with_notes(sheet: dict) -> dict:
    out = copy.deepcopy(sheet)
    out["facilitator"] = copy.deepcopy(NOTES)
    return out


def write(root, sheets: list[dict]) -> None:
    """Write worksheets as YAML files under root/worksheets/ (to load and validate them)."""
    folder = root / "worksheets"
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in sheets:
        (folder / f"{sheet['id']}.yml").write_text(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False), encoding="utf-8")

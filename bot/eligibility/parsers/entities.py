"""Drug and antibody names via the shared spaCy entity ruler (data/spacy/patterns.yml).

Using the same pipeline as Rasa means one list of spellings ("Imurel" -> azathioprine) for
both; it is imported lazily so loading criteria or evaluating never pays for spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entity:
    """A recognised name: its canonical form (``ent_id_``) and where it sits in the text."""

    label: str
    canonical: str
    start: int
    end: int


def find_entities(text: str, label: str | None = None) -> list[Entity]:
    """Entities in ``text``, optionally only one label (DRUG, ANTIBODY, CONDITION)."""
    if not text.strip():
        return []
    from bot.nlp.pipeline import load_pipeline

    doc = load_pipeline()(text)
    return [
        Entity(ent.label_, ent.ent_id_ or ent.text, ent.start_char, ent.end_char)
        for ent in doc.ents
        if label is None or ent.label_ == label
    ]


def canonical_names(text: str, label: str) -> list[str]:
    """Distinct canonical names of one label, in the order they first appear."""
    names: list[str] = []
    for entity in find_entities(text, label):
        if entity.canonical not in names:
            names.append(entity.canonical)
    return names

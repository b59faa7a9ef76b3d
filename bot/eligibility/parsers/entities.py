"""Drug and antibody names via the shared spaCy entity ruler (data/spacy/patterns.yml).

Using the same pipeline as Rasa means one list of spellings ("Imurel" -> azathioprine) for
both; it is imported lazily so loading criteria or evaluating never pays for spaCy.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from bot.eligibility.parsers.text import find_phrase


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


def only_other_drugs(
    text: str, names: Sequence[str], drugs: Collection[str], other_drugs: Iterable[str]
) -> bool:
    """True when the reply names a medicine (``names``: its DRUG entities, or one of ``other_drugs``
    written out) and none of ``drugs``: "just cortisone" says nothing about the study's three."""
    if any(name in drugs for name in names):
        return False
    return bool(names) or any(find_phrase(text, str(drug)) >= 0 for drug in other_drugs)

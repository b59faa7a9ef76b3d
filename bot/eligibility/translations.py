"""The pre-screen's texts in another language (data/eligibility/<language>/criteria_texts.yml),
laid over the English criteria: the same rules, order and thresholds, only what people read
changes (questions, re-asks, "why do you ask", confirmations, outcomes, criterion labels).

The words people type (phrases, keywords) are the answer readers' business and are not touched
here. A text the translation lacks stays in English, so a half-translated file never breaks a
conversation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility.loader import CriteriaError, default_criteria, default_path
from bot.eligibility.models import CriteriaSet, Criterion, OutcomeTexts, SlotSpec

DEFAULT_LANGUAGE = "en"
TEXTS_FILENAME = "criteria_texts.yml"
SLOT_TEXTS = ("question", "reask", "why_we_ask")
CRITERION_TEXTS = ("label", "why", "not_eligible_text")


def texts_path(language: str, criteria_file: Path | None = None) -> Path:
    return (criteria_file or default_path()).parent / language / TEXTS_FILENAME


def _texts(raw: Any, keys: tuple[str, ...]) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        return {}
    return {
        key: " ".join(str(raw[key]).split())
        for key in keys
        if isinstance(raw.get(key), str) and raw[key].strip()
    }


def _criterion(criterion: Criterion, raw: Mapping[str, Any]) -> Criterion:
    changes: dict[str, Any] = _texts(raw.get(criterion.id), CRITERION_TEXTS)
    return replace(criterion, **changes)


def _slot(spec: SlotSpec, raw: Any, criteria: Mapping[str, Any], where: str) -> SlotSpec:
    changes: dict[str, Any] = _texts(raw, SLOT_TEXTS)
    raw = raw if isinstance(raw, Mapping) else {}
    buttons = raw.get("buttons")
    if buttons is not None:
        if not isinstance(buttons, list) or len(buttons) != len(spec.buttons):
            raise CriteriaError(
                f"{where}: slots.{spec.name}.buttons needs {len(spec.buttons)} texts, in the English order"
            )
        changes["buttons"] = tuple(str(button) for button in buttons)
    confirm = raw.get("confirm")
    if isinstance(confirm, Mapping):
        changes["confirm"] = {**spec.confirm, **{str(key): str(value) for key, value in confirm.items()}}
    changes["items"] = tuple(_criterion(item, criteria) for item in spec.items)
    return replace(spec, **changes)


def _why_from_criteria(translated: CriteriaSet, english: CriteriaSet) -> CriteriaSet:
    """A question without its own "why do you ask" uses its criterion's reason (as the loader
    does): in the translation too, the translated reason."""
    slots = []
    for spec in translated.slots:
        mine = [c for c in english.criteria if c.slot == spec.name]
        if mine and spec.why_we_ask == mine[0].why:
            spec = replace(spec, why_we_ask=translated.criteria[english.criteria.index(mine[0])].why)
        slots.append(spec)
    return replace(translated, slots=tuple(slots))


def translate(criteria: CriteriaSet, path: Path) -> CriteriaSet:
    """``criteria`` with the texts of ``path``; raises ``CriteriaError`` naming the file and key."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise CriteriaError(f"{path}: cannot read the translated texts: {error}") from error
    where = str(path)
    outcomes = _texts(raw.get("outcomes"), tuple(field.name for field in fields(OutcomeTexts)))
    dialogue = _texts(raw.get("dialogue"), tuple(criteria.dialogue))
    by_id: Mapping[str, Any] = raw["criteria"] if isinstance(raw.get("criteria"), Mapping) else {}
    slots: Mapping[str, Any] = raw["slots"] if isinstance(raw.get("slots"), Mapping) else {}
    translated = replace(
        criteria,
        texts=replace(criteria.texts, **outcomes),
        dialogue={**criteria.dialogue, **dialogue},
        slots=tuple(_slot(spec, slots.get(spec.name), by_id, where) for spec in criteria.slots),
        criteria=tuple(_criterion(criterion, by_id) for criterion in criteria.criteria),
    )
    return _why_from_criteria(translated, criteria)


@lru_cache(maxsize=4)
def criteria_in(language: str) -> CriteriaSet:
    """The running criteria with the texts of ``language`` (English when it has no texts file)."""
    english = default_criteria()
    path = texts_path(language, Path(english.path) if english.path else None)
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return english
    return translate(english, path)

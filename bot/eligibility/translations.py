"""The criteria in another language: ``data/eligibility/<language>/criteria_texts.yml`` laid over
the English criteria, so rules, order and thresholds stay in one place (criteria.yml).

A translation gives each slot its texts and the phrases people type in that language, and each
criterion its texts and everyday words (checklist keywords, ``ever_keywords``, the dose words,
the breathing tests' names). The result is a whole ``CriteriaSet`` in that language, which the
readers use exactly as they use the English one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility.lexicon import fold
from bot.eligibility.models import CriteriaSet, Criterion, OutcomeTexts, SlotSpec
from bot.eligibility.schema import PHRASE_KINDS, CriteriaError, text_list

SLOT_TEXTS = ("question", "topic", "reask", "why_we_ask")
CRITERION_TEXTS = ("label", "why", "not_eligible_text", "checked_by")
FILE_NAME = "criteria_texts.yml"


def translation_paths(criteria_path: Path) -> dict[str, Path]:
    """Every ``<language>/criteria_texts.yml`` next to the criteria file, by language."""
    folder = criteria_path.parent
    if not folder.is_dir():
        return {}
    return {path.parent.name: path for path in sorted(folder.glob(f"*/{FILE_NAME}"))}


def _mapping(value: Any, context: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CriteriaError(f"{context}: must be a mapping")
    return value


def _words(entry: Mapping[str, Any], key: str, context: str, folded: bool) -> tuple[str, ...]:
    words = tuple(word.lower() for word in text_list(entry, key, context))
    if not folded:
        return words
    return tuple(dict.fromkeys(fold(word) for word in words))  # one spelling once, accents off


def _slot(spec: SlotSpec, entry: Mapping[str, Any], context: str, folded: bool) -> SlotSpec:
    texts: dict[str, Any] = {
        key: str(entry[key]).strip() for key in SLOT_TEXTS if isinstance(entry.get(key), str)
    }
    phrases = _mapping(entry.get("phrases"), f"{context}: phrases")
    if {True, False} & set(phrases):
        raise CriteriaError(f'{context}: phrases: quote the keys "yes" and "no"')
    unknown = set(phrases) - set(PHRASE_KINDS)
    if unknown:
        raise CriteriaError(
            f"{context}: phrases may only have the keys {PHRASE_KINDS}, not {sorted(unknown)}"
        )
    confirm = _mapping(entry.get("confirm"), f"{context}: confirm")
    return replace(
        spec,
        **texts,
        buttons=text_list(entry, "buttons", context) or spec.buttons,
        examples=text_list(entry, "examples", context) or spec.examples,
        phrases={kind: _words(phrases, kind, f"{context}: phrases", folded) for kind in PHRASE_KINDS},
        confirm={str(key): str(text).strip() for key, text in confirm.items()} or dict(spec.confirm),
        correction_cues=_words(entry, "correction_cues", context, folded),
    )


def _rule(rule: Mapping[str, Any], entry: Mapping[str, Any], context: str, folded: bool) -> dict[str, Any]:
    """The English rule with this language's words for the parts that are words."""
    new = dict(rule)
    if "ever_keywords" in entry:
        new["ever_keywords"] = list(_words(entry, "ever_keywords", context, folded))
    dose_words = _mapping(entry.get("dose_words"), f"{context}: dose_words")
    if dose_words and "dose" in rule:
        dose = dict(rule["dose"])
        for key in ("worse", "drugs"):
            if key in dose_words:
                dose[key] = list(_words(dose_words, key, f"{context}: dose_words", folded))
        new["dose"] = dose
    names = _mapping(entry.get("measure_names"), f"{context}: measure_names")
    if names and "measures" in rule:
        measures = {}
        for measure, spec in rule["measures"].items():
            own = _words(names, measure, f"{context}: measure_names", folded) if measure in names else ()
            measures[measure] = {**spec, "names": list(dict.fromkeys([*own, *spec.get("names", ())]))}
        new["measures"] = measures
    return new


def _criterion(criterion: Criterion, entry: Mapping[str, Any], context: str, folded: bool) -> Criterion:
    texts: dict[str, Any] = {
        key: str(entry[key]).strip() for key in CRITERION_TEXTS if isinstance(entry.get(key), str)
    }
    keywords = _words(entry, "keywords", context, folded) if "keywords" in entry else criterion.keywords
    return replace(criterion, **texts, keywords=keywords, rule=_rule(criterion.rule, entry, context, folded))


def translate(criteria: CriteriaSet, path: Path, language: str, folded: bool) -> CriteriaSet:
    """``criteria`` with the texts and words of ``path``; errors name the file and the entry."""
    where = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CriteriaError(f"{where}: cannot read the translated criteria texts: {error}") from error
    if not isinstance(raw, dict):
        raise CriteriaError(f"{where}: expected a mapping with outcomes, dialogue, slots and criteria")
    slot_entries = _mapping(raw.get("slots"), f"{where}: slots")
    criterion_entries = _mapping(raw.get("criteria"), f"{where}: criteria")
    for name in slot_entries:
        if name not in criteria.slot_names:
            raise CriteriaError(f"{where}: slot {name!r} is not a slot of {criteria.path}")
    ids = {criterion.id for criterion in criteria.criteria}
    for cid in criterion_entries:
        if cid not in ids:
            raise CriteriaError(f"{where}: criterion {cid!r} is not a criterion of {criteria.path}")

    def criterion(c: Criterion) -> Criterion:
        entry = _mapping(criterion_entries.get(c.id), f"{where}: criterion {c.id!r}")
        return _criterion(c, entry, f"{where}: criterion {c.id!r}", folded) if entry else c

    translated = tuple(criterion(c) for c in criteria.criteria)
    slots = []
    for spec in criteria.slots:
        entry = _mapping(slot_entries.get(spec.name), f"{where}: slot {spec.name!r}")
        new = _slot(spec, entry, f"{where}: slot {spec.name!r}", folded) if entry else spec
        if "why_we_ask" not in entry:  # the English "why" came from the slot's criterion: so does this one
            own = [c for c in criteria.criteria if c.slot == spec.name and c.why == spec.why_we_ask]
            if own:
                new = replace(new, why_we_ask=criterion(own[0]).why)
        slots.append(replace(new, items=tuple(criterion(item) for item in spec.items)))
    outcomes = _mapping(raw.get("outcomes"), f"{where}: outcomes")
    texts = OutcomeTexts(
        **{
            key: str(outcomes.get(key) or getattr(criteria.texts, key)).strip()
            for key in vars(criteria.texts)
        }
    )
    dialogue = {
        **criteria.dialogue,
        **{k: str(v).strip() for k, v in _mapping(raw.get("dialogue"), where).items()},
    }
    return replace(
        criteria,
        slots=tuple(slots),
        criteria=translated,
        texts=texts,
        dialogue=dialogue,
        language=language,
        path=where,
        translations={},
    )

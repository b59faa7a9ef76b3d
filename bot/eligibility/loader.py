"""Load ``data/eligibility/criteria.yml`` and refuse it early, with a precise message, when it is wrong.

Staff edit this file by hand, so every error names the file, the entry and what to fix; a bad
file must stop the assistant at start-up rather than mislead a patient mid-conversation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility.answer_types import ANSWER_TYPES, answer_type
from bot.eligibility.lexicon import lexicon
from bot.eligibility.models import CriteriaSet, Criterion, OutcomeTexts, SlotSpec
from bot.eligibility.schema import (
    PHRASE_KINDS,
    CriteriaError,
    check_keys,
    check_safe_text,
    optional_text,
    required_text,
    text_list,
)
from bot.eligibility.translations import translate, translation_paths
from bot.settings import get_settings

SLOT_KEYS = set(
    (  # noqa: SIM905
        "slot answer_type question topic why_we_ask reask buttons examples phrases not_applicable_means "
        "correction_cues on_conflict confirm"
    ).split()
)
CRITERION_KEYS = set(
    "id kind slot label why rule not_eligible_text source item keywords checked_by".split()  # noqa: SIM905
)
OUTCOME_KEYS = ("likely_eligible", "needs_review", "not_eligible", "review_intro", "alternatives")
NOT_APPLICABLE_MEANINGS = ("no", "not_applicable", "unsure")
DATE_ORDERS = ("DMY", "MDY", "YMD")


def default_path() -> Path:
    return get_settings().criteria_file


DIALOGUE_KEYS = tuple(
    (  # noqa: SIM905
        "confirm second_ask moved_on proxy_question proxy_declined consent_moved_on skip_words updated "
        "moved_on_last why_we_ask"
    ).split()
)


def _text_map(value: Any, context: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
        raise CriteriaError(f"{context}: must map names to non-empty texts")
    return {str(key): text.strip() for key, text in value.items()}


def _dialogue(value: Any, where: str) -> dict[str, str]:
    """The texts around the questions (re-asks, confirmations, the relative's question)."""
    texts = _text_map(value or {}, f"{where}: dialogue")
    missing = [key for key in DIALOGUE_KEYS if key not in texts]
    if missing:
        raise CriteriaError(f"{where}: dialogue is missing {', '.join(missing)}")
    return texts


def _conflict(entry: Mapping[str, Any], context: str) -> str:
    """How a reply with both a yes phrase and a no phrase reads: the longer phrase, or unsure."""
    value = entry.get("on_conflict", "longest")
    if value not in ("longest", "unsure", "yes"):
        raise CriteriaError(f"{context}: on_conflict must be 'longest', 'unsure' or 'yes', got {value!r}")
    return value


def load_criteria(path: Path | None = None) -> CriteriaSet:
    """Read and validate a criteria file; raises ``CriteriaError`` naming the file and entry."""
    path = path or default_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CriteriaError(f"{path}: cannot read the criteria file: {error}") from error
    except yaml.YAMLError as error:
        raise CriteriaError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise CriteriaError(f"{path}: expected a mapping with version, outcomes, slots and criteria")
    where = str(path)
    version = raw.get("version")
    if not isinstance(version, str) or not version.strip():
        raise CriteriaError(f'{where}: version must be a quoted string like "2026-11-25.1", got {version!r}')
    settings = raw.get("settings") or {}
    date_order = settings.get("date_order", "DMY") if isinstance(settings, dict) else None
    if date_order not in DATE_ORDERS:
        raise CriteriaError(f"{where}: settings.date_order must be one of {DATE_ORDERS}, got {date_order!r}")
    texts = _outcome_texts(raw.get("outcomes"), where)
    slot_entries = _entries(raw.get("slots"), "slots", where)
    criteria = tuple(_criterion(entry, where) for entry in _entries(raw.get("criteria"), "criteria", where))
    _check_unique([c.id for c in criteria], "criterion id", where)
    slots = _link(tuple(_slot(entry, where) for entry in slot_entries), criteria, where)
    english = CriteriaSet(
        version=version.strip(),
        trial=str(raw.get("trial", "")),
        slots=slots,
        criteria=criteria,
        texts=texts,
        date_order=date_order,
        path=where,
        dialogue=_dialogue(raw.get("dialogue"), where),
    )
    return _with_translations(english, path)


def _with_translations(english: CriteriaSet, path: Path) -> CriteriaSet:
    """English as loaded, knowing its other languages; each of those knows its way back."""
    others: dict[str, CriteriaSet] = {}
    for language, texts in translation_paths(path).items():
        words = lexicon(language)
        others[language] = translate(english, texts, language, folded=bool(words and words.fold_accents))
    if not others:
        return english
    whole = replace(english, translations=others)
    back = {english.language: english}
    return replace(
        whole,
        translations={
            language: replace(
                other, translations={**back, **{k: v for k, v in others.items() if k != language}}
            )
            for language, other in others.items()
        },
    )


@lru_cache(maxsize=1)
def default_criteria() -> CriteriaSet:
    """The criteria the assistant runs with, read once per process."""
    return load_criteria()


def _entries(value: Any, name: str, where: str) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not value:
        raise CriteriaError(f"{where}: {name} must be a non-empty list")
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            raise CriteriaError(f"{where}: {name}[{index}] must be a mapping, got {entry!r}")
    return value


def _check_unique(names: list[str], what: str, where: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise CriteriaError(f"{where}: {what} {name!r} appears twice; each must be unique")
        seen.add(name)


def _outcome_texts(value: Any, where: str) -> OutcomeTexts:
    if not isinstance(value, dict):
        raise CriteriaError(f"{where}: outcomes must map {', '.join(OUTCOME_KEYS)} to texts")
    found = {key: required_text(value, key, f"{where}: outcomes") for key in OUTCOME_KEYS}
    for key, text in found.items():
        check_safe_text(text, f"{where}: outcomes.{key}")
    return OutcomeTexts(**found)


def _slot(entry: Mapping[str, Any], where: str) -> SlotSpec:
    name = entry.get("slot")
    if not isinstance(name, str) or not name.isidentifier():
        raise CriteriaError(f"{where}: slot {name!r} must be a name like 'age' (letters, digits, _)")
    context = f"{where}: slot {name!r}"
    check_keys(entry, SLOT_KEYS, context)
    type_name = entry.get("answer_type")
    if type_name not in ANSWER_TYPES:  # the registry in bot/eligibility/answer_types.py
        raise CriteriaError(f"{context}: answer_type must be one of {ANSWER_TYPES}, got {type_name!r}")
    phrases = entry.get("phrases") or {}
    if isinstance(phrases, dict) and {True, False} & set(phrases):
        raise CriteriaError(
            f'{context}: phrases: quote the keys "yes" and "no" (YAML reads bare yes/no as true/false)'
        )
    if not isinstance(phrases, dict) or set(phrases) - set(PHRASE_KINDS):
        raise CriteriaError(f"{context}: phrases may only have the keys {PHRASE_KINDS}")
    meaning = entry.get("not_applicable_means", "unsure")
    if meaning not in NOT_APPLICABLE_MEANINGS:
        raise CriteriaError(f"{context}: not_applicable_means must be one of {NOT_APPLICABLE_MEANINGS}")
    spec = SlotSpec(
        name=name,
        answer_type=type_name,
        question=required_text(entry, "question", context),
        topic=required_text(entry, "topic", context),
        why_we_ask=optional_text(entry, "why_we_ask", context),
        reask=required_text(entry, "reask", context),
        buttons=text_list(entry, "buttons", context),
        examples=text_list(entry, "examples", context),
        phrases={kind: text_list(phrases, kind, f"{context}: phrases") for kind in PHRASE_KINDS},
        not_applicable_means=meaning,
        on_conflict=_conflict(entry, context),
        confirm=_text_map(entry.get("confirm") or {}, f"{context}: confirm"),
        correction_cues=tuple(cue.lower() for cue in text_list(entry, "correction_cues", context)),
    )
    for key in ("question", "topic", "why_we_ask", "reask"):
        check_safe_text(getattr(spec, key), f"{context}: {key}")
    return spec


def _criterion(entry: Mapping[str, Any], where: str) -> Criterion:
    cid = entry.get("id")
    if not isinstance(cid, str) or not cid.strip():
        raise CriteriaError(f"{where}: every criterion needs an id such as 'I1' or 'E8', got {cid!r}")
    context = f"{where}: criterion {cid!r}"
    check_keys(entry, CRITERION_KEYS, context)
    kind = entry.get("kind")
    if kind not in ("inclusion", "exclusion"):
        raise CriteriaError(f"{context}: kind must be inclusion or exclusion, got {kind!r}")
    slot = entry.get("slot")
    if slot is not None and not isinstance(slot, str):
        raise CriteriaError(f"{context}: slot must be a slot name or null, got {slot!r}")
    source = required_text(entry, "source", context)
    if "inclusion" not in source.lower() and "exclusion" not in source.lower():
        raise CriteriaError(
            f"{context}: source must cite the study record, e.g. 'study-record.txt: Inclusion 1'"
        )
    rule = entry.get("rule") or {}
    item = entry.get("item")
    if not isinstance(rule, dict):
        raise CriteriaError(f"{context}: rule must be a mapping, e.g. {{exclude_if: 'yes'}}")
    if item is not None and (not isinstance(item, int) or isinstance(item, bool) or item < 1):
        raise CriteriaError(f"{context}: item must be a whole number from 1, got {item!r}")
    criterion = Criterion(
        id=cid,
        kind=kind,
        label=required_text(entry, "label", context),
        why=required_text(entry, "why", context),
        source=source,
        slot=slot,
        rule=rule,
        not_eligible_text=required_text(entry, "not_eligible_text", context) if slot else "",
        item=item,
        keywords=tuple(word.lower() for word in text_list(entry, "keywords", context)),
        checked_by="" if slot else required_text(entry, "checked_by", context),
    )
    for key in ("label", "why", "not_eligible_text"):
        check_safe_text(getattr(criterion, key), f"{context}: {key}")
    return criterion


def _link(slots: tuple[SlotSpec, ...], criteria: tuple[Criterion, ...], where: str) -> tuple[SlotSpec, ...]:
    """Tie criteria to their slots and check each slot has what its answer type needs."""
    _check_unique([spec.name for spec in slots], "slot", where)
    names = {spec.name for spec in slots}
    for criterion in criteria:
        if criterion.slot is not None and criterion.slot not in names:
            raise CriteriaError(
                f"{where}: criterion {criterion.id!r}: slot {criterion.slot!r} is not defined under slots"
            )
    linked = []
    for spec in slots:
        mine = [c for c in criteria if c.slot == spec.name]
        context = f"{where}: slot {spec.name!r}"
        if not mine:
            raise CriteriaError(f"{context}: no criterion uses this slot; add one or remove the slot")
        kind = answer_type(spec.answer_type)
        for criterion in mine:
            kind.check_rule(criterion, f"{where}: criterion {criterion.id!r}")
        if kind.itemised:
            items = sorted(mine, key=lambda c: c.item or 0)
            numbers = [c.item for c in items]
            if numbers != list(range(1, len(items) + 1)):
                raise CriteriaError(
                    f"{context}: checklist items must be numbered 1..{len(items)}, got {numbers}"
                )
            if not spec.why_we_ask:
                raise CriteriaError(f"{context}: a checklist needs its own why_we_ask")
            spec = replace(spec, items=tuple(items))
        elif len(mine) != 1:
            raise CriteriaError(f"{context}: expected exactly one criterion, got {[c.id for c in mine]}")
        elif not spec.why_we_ask:
            spec = replace(spec, why_we_ask=mine[0].why)
        linked.append(spec)
    return tuple(linked)

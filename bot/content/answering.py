"""Answer, say "I'm not sure", or say "I don't know": the decision, from measured thresholds.

A confident wrong answer harms trust far more than an honest "I'm not sure", so the model's
confidence decides between the three, with thresholds staff keep in data/content/answering.yml
(chosen from a precision / coverage curve, see bot/runtime/evaluate_answers.py). Pure functions:
the Rasa side (rasa_addons/answer_hook.py) turns its parse result into a ``Reading`` and back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from bot.content.loader import ContentError, read_yaml

ANSWERING_FILENAME = "answering.yml"
FAQ_INTENT = "faq"
FALLBACK_INTENT = "nlu_fallback"
NOT_SURE_ID = "not_sure"  # utter_faq/not_sure: the "is it one of these?" reply, built by the NLG
TEXT_KEYS = ("not_sure", "something_else", "also_asked")

Kind = Literal["answer", "not_sure", "dont_know", "other"]


@dataclass(frozen=True)
class Thresholds:
    """See answering.yml: ``answer`` and ``margin`` gate an answer, ``offer`` gates a button."""

    answer: float
    margin: float
    offer: float
    max_offers: int = 3


@dataclass(frozen=True)
class AnsweringConfig:
    thresholds: Thresholds
    texts: dict[str, str]
    intent_answers: dict[str, str] = field(default_factory=dict)  # intent -> FAQ entry id
    lexical_share: float = 0.0  # weight of the lexical reader's vote (bot/content/lexical.py)


@dataclass(frozen=True)
class Reading:
    """What the model made of one message (or one question inside it)."""

    intent: str
    intent_confidence: float
    answers: tuple[tuple[str, float], ...] = ()  # FAQ entry ids and confidences, best first
    faq_confidence: float = 0.0  # P(faq) even when another intent won

    @property
    def score(self) -> float:
        """P(a study question) x P(this answer): what the ``answer`` threshold is compared with."""
        return self.faq_confidence * self.answers[0][1] if self.answers else 0.0

    @property
    def margin(self) -> float:
        if not self.answers:
            return 0.0
        runner_up = self.answers[1][1] if len(self.answers) > 1 else 0.0
        return self.answers[0][1] - runner_up


@dataclass(frozen=True)
class Decision:
    kind: Kind
    entry_id: str | None = None
    candidates: tuple[str, ...] = ()  # for "not_sure": the likeliest entries, best first
    also: tuple[str, ...] = ()  # for "answer": other questions in the same message


def decide(reading: Reading, thresholds: Thresholds) -> Decision:
    """Answer only when sure; offer the likeliest topics when close; else say so plainly.

    Messages another intent won confidently (a greeting, the pre-screen, an emergency) are not
    ours to judge ("other"); a message Rasa's own fallback caught is ours when a study question was
    its best guess, so the person gets buttons instead of a bare "say it another way".
    """
    if reading.intent not in (FAQ_INTENT, FALLBACK_INTENT) or not reading.answers:
        return Decision("other")
    if (
        reading.intent == FAQ_INTENT
        and reading.score >= thresholds.answer
        and reading.margin >= thresholds.margin
    ):
        return Decision("answer", entry_id=reading.answers[0][0])
    candidates = tuple(
        entry_id
        for entry_id, confidence in reading.answers[: thresholds.max_offers]
        if reading.faq_confidence * confidence >= thresholds.offer
    )
    if candidates:
        return Decision("not_sure", candidates=candidates)
    return Decision("dont_know")


def load_answering(content_dir: Path) -> AnsweringConfig:
    """Read answering.yml; a ContentError names the file and every key that is wrong."""
    path = content_dir / ANSWERING_FILENAME
    return parse_answering(read_yaml(path), path)


def parse_answering(document: Any, path: Path | str = ANSWERING_FILENAME) -> AnsweringConfig:
    problems: list[str] = []
    if not isinstance(document, Mapping):
        raise ContentError(path, ["the file must be a mapping with 'thresholds' and 'texts'"])
    raw = document.get("thresholds")
    raw = raw if isinstance(raw, Mapping) else {}
    values: dict[str, float] = {}
    for key in ("answer", "margin", "offer"):
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            problems.append(f"thresholds.{key} must be a number from 0 to 1, got {value!r}")
        else:
            values[key] = float(value)
    max_offers = raw.get("max_offers", 3)
    if not isinstance(max_offers, int) or not 1 <= max_offers <= 4:
        problems.append(f"thresholds.max_offers must be 1 to 4 buttons, got {max_offers!r}")
    texts = document.get("texts")
    texts = texts if isinstance(texts, Mapping) else {}
    problems += [f"texts.{key} must be non-empty text" for key in TEXT_KEYS if not _text(texts.get(key))]
    if _text(texts.get("also_asked")) and "{topics}" not in texts["also_asked"]:
        problems.append("texts.also_asked must contain {topics} (where the topic names go)")
    aliases = document.get("intent_answers") or {}
    if not isinstance(aliases, Mapping) or not all(_text(k) and _text(v) for k, v in aliases.items()):
        problems.append("intent_answers must map an intent name to an FAQ entry id")
        aliases = {}
    share = document.get("lexical_share", 0.0)
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
        problems.append(f"lexical_share must be a number from 0 to 1, got {share!r}")
        share = 0.0
    if problems:
        raise ContentError(path, problems)
    return AnsweringConfig(
        thresholds=Thresholds(max_offers=max_offers, **values),
        texts={key: str(texts[key]).strip() for key in TEXT_KEYS},
        intent_answers={str(k): str(v) for k, v in aliases.items()},
        lexical_share=float(share),
    )


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def translated_texts(content_dir: Path, language: str, english: AnsweringConfig) -> dict[str, str]:
    """The reply texts in ``language`` (``content_dir/<language>/answering.yml``, key ``texts``),
    English for a key it lacks; a placeholder the English text has must stay."""
    path = content_dir / language / ANSWERING_FILENAME
    if language == "en" or not path.is_file():
        return dict(english.texts)
    texts = (read_yaml(path) or {}).get("texts") or {}
    if not isinstance(texts, Mapping):
        raise ContentError(path, ["texts must map keys to text"])
    problems = [f"texts.{key} must be non-empty text" for key in texts if not _text(texts.get(key))]
    if _text(texts.get("also_asked")) and "{topics}" not in texts["also_asked"]:
        problems.append("texts.also_asked must contain {topics} (where the topic names go)")
    if problems:
        raise ContentError(path, problems)
    return {key: str(texts.get(key) or english.texts[key]).strip() for key in TEXT_KEYS}

"""``parse_answer``: one entry point from (slot, free text) to an ``Answer``, whatever the slot.

The form calls this for every reply; the slot's answer_type in criteria.yml picks the reader
from the registry (answer_types.py), so adding a yes/no question is a data change. It never
raises on what a person types.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from bot.eligibility.answer_types import answer_type
from bot.eligibility.lexicon import ENGLISH, Lexicon, lexicon, pick
from bot.eligibility.loader import default_criteria
from bot.eligibility.models import Answer, CriteriaSet
from bot.eligibility.parsers.inline import apply_inline_corrections
from bot.eligibility.parsers.text import normalise, sentences
from bot.eligibility.parsers.yes_no import Reading, read_yes_no
from bot.texts import text as text_of

log = logging.getLogger(__name__)
FILLER = re.compile(r"^(?:(?:sorry|ok|okay|hmm+|um+|uh+|but|and|wait|so|hi|hello)\b[\s,.!]*)+")
QUESTION_START = re.compile(
    r"^(what|what's|whats|which|how|why|where|who|when|is|are|does|do|can|could|should|will|would)\b"
)


def only_a_question(text: str, words: Lexicon | None = None) -> bool:
    """A normalised message that asks something and says nothing after its question mark."""
    if words is None:
        core = FILLER.sub("", text).strip()
    else:
        filler = words.pattern("filler")
        core = text.strip()
        while (match := filler.match(core)) is not None:
            core = core[match.end() :].lstrip(" ,.!")
    return bool(pick(words, "question_start", QUESTION_START).match(core)) and core.rstrip().endswith("?")


# The pre-screen's general quick replies (actions/prescreen_questions.py), sent in English.
GENERAL_BUTTON_IDS = ("button_not_sure", "button_yes", "button_no")


def parse_answer(
    slot: str, text: str, today: date, criteria: CriteriaSet | None = None, language: str = ENGLISH
) -> Answer:
    """Read a reply to ``slot``'s question in ``language`` ("en", "fr"): that language's phrases for
    the slot and its general words; unusable text gives status "invalid" with the re-ask.

    The quick-reply buttons send their English words in every language ("Aucun" sends "None"):
    such a reply is read in English (only a button's exact words: "3 mois" is no age in English)."""
    if language != ENGLISH and _is_an_english_button(slot, text, criteria):
        language = ENGLISH
    return _parse_in(slot, text, today, criteria, language)


def _is_an_english_button(slot: str, text: str, criteria: CriteriaSet | None) -> bool:
    buttons = (criteria or default_criteria()).in_language(ENGLISH).slot(slot).buttons
    said = " ".join(text.split()).casefold()
    general = (text_of(text_id) for text_id in GENERAL_BUTTON_IDS)
    return said in {button.casefold() for button in (*buttons, *general)}


def _parse_in(slot: str, text: str, today: date, criteria: CriteriaSet | None, language: str) -> Answer:
    criteria = (criteria or default_criteria()).in_language(language)
    spec = criteria.slot(slot)  # an unknown slot is a developer error: let the KeyError say so
    read = answer_type(spec.answer_type).read
    words = lexicon(language)
    try:
        clean = _unshortened(normalise(text)) if words is None else words.prepare(normalise(text))
        text = apply_inline_corrections(clean, words)
        if only_a_question(text, words):  # "is tacrolimus the same as prograf?": answered, then asked again
            return Answer(status="invalid", message=spec.reask)
        told = _without_trailing_questions(text)
        if told is not None:  # "he stopped Prograf in 2024. is that a problem?": the answer, then a worry
            answer = read(told, spec, criteria, today, words)
            if answer.usable:
                return answer
        return read(text, spec, criteria, today, words)
    except Exception as error:  # last line of defence: a parser bug must become a re-ask, not a crash
        # only the error's type: its message or traceback could quote what the person typed
        log.error("event=eligibility_parse_failed slot=%s error=%s", slot, type(error).__name__)
        return Answer(status="invalid", message=spec.reask)


# English text speak: "n stopped it coz of nausea", "y pill" (a lone first letter is a yes or a no)
_SHORT_FORMS = ((re.compile(r"\b(?:coz|cos|cuz|bcoz|bcos|bc|b/c)\b"), "because"),
                (re.compile(r"^y\b(?=\s)"), "yes"), (re.compile(r"^n\b(?=\s)"), "no"))  # fmt: skip


def _unshortened(text: str) -> str:
    for short, long in _SHORT_FORMS:
        text = short.sub(long, text)
    return text


def _without_trailing_questions(text: str) -> str | None:
    """The reply without the questions that follow its answer ("yes. is that a problem?"), when it
    has both; else None."""
    kept = sentences(text)
    while kept and kept[-1].endswith("?"):
        kept.pop()
    told = " ".join(kept)
    return told if kept and told != text.strip() else None


def yes_no_reading(text: str, language: str = ENGLISH) -> Reading:
    """A plain yes / no / unsure to a question of the conversation itself (consent, contact offer),
    read with the general words of ``language``, without any slot's phrases."""
    words = lexicon(language)
    clean = normalise(text) if words is None else words.prepare(normalise(text))
    return read_yes_no(clean, words=words)

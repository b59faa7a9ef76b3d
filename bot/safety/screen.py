"""Reads one message against every safety lexicon and returns the most serious category found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.chat.language import guess_other_language, looks_english
from bot.chat.telling_words import reads_french
from bot.eligibility.lexicon import lexicon as number_words
from bot.eligibility.parsers.text import UNITS, spelled_numbers_as_digits
from bot.safety.classifier import guess
from bot.safety.lexicon import (
    CATEGORIES,
    GENERAL_CATEGORIES,
    HISTORY_CATEGORIES,
    HYPOTHETICAL_CATEGORIES,
    PAST_CATEGORIES,
    Category,
    Lexicon,
    Trigger,
    load_lexicons,
    min_risk,
)
from bot.safety.patterns import MessageWords, normalise

# A dose in a text ("2 mg for each kilo", "150 mg a day"): study facts can state the protocol's
# doses, but never right after a safety reply, where it would read as an instruction.
DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:mg|milligrams?|g|ml|micrograms?|mcg)\b", re.IGNORECASE)


def mentions_a_dose(text: str) -> bool:
    return DOSE.search(text) is not None


@dataclass(frozen=True)
class Verdict:
    category: Category
    language: str  # the lexicon that matched: the reply is in that language
    reply: str
    reason: str  # the trigger pattern or reading, for `python -m bot safety check` (never logged)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < high and low < end for low, high in spans)


# Phrases that discount a trigger lying inside them, each list for its own categories (see lexicon.py).
_PHRASES = ("not_triggers", "past", "recent", "history", "general")
# A recent-time word this close after a trigger ("platelets 68 on yesterday's test, 210 last month",
# "fainted in the shower again, twice today. totally fine I'm sure") says the trigger is new,
# whatever past or history phrase lies around it.
_RECENT_AFTER = re.compile(r"(?:\s+\S+){0,6}")


_BORN_BEFORE = re.compile(r"\b(?:born|ne|nee|nes|nees)\s+$")


def _phrases(
    lexicons: tuple[Lexicon, ...], text: str, words: MessageWords
) -> dict[str, list[tuple[int, int]]]:
    """Where each kind of discounting phrase lies in ``text``, in every language, found once per message."""
    found = {
        kind: [
            m.span()
            for lexicon in lexicons
            for phrase in getattr(lexicon, kind).that_may_match(words)
            for m in phrase.regex.finditer(text)
        ]
        for kind in _PHRASES
    }
    # "born in 1949", "né en 1949": a year of birth dates no event
    found["history"] = [span for span in found["history"] if not _BORN_BEFORE.search(text, 0, span[0])]
    return found


def _discounted(
    lexicons: tuple[Lexicon, ...], trigger: Trigger, text: str, span: tuple[int, int], phrases: dict
) -> bool:
    """A figure of speech, a negation, a "what if", history or a general question: not a danger now."""
    before = text[: span[0]]
    if _overlaps(phrases["not_triggers"], *span) or _negated_before(lexicons, text, span[0]):
        return True
    if trigger.category != "self_harm" and any(lexicon.negated_list.search(before) for lexicon in lexicons):
        return True  # "never had a fever or any infection"; never for self-harm, erring towards help
    if trigger.category in HYPOTHETICAL_CATEGORIES and any(
        lexicon.hypothetical.search(before) for lexicon in lexicons
    ):
        return True
    if trigger.firm:
        return False
    return (
        (trigger.category in GENERAL_CATEGORIES and _overlaps(phrases["general"], *span))
        or (trigger.category in HISTORY_CATEGORIES and _told_as_history(text, span, phrases))
        or (
            trigger.category in PAST_CATEGORIES
            and _overlaps(phrases["past"], *span)
            and not _recent(text, span, phrases)
        )
    )


def _negated_before(lexicons: tuple[Lexicon, ...], text: str, start: int) -> bool:
    """A negation in any language right before ``start`` ("no chest pain", "pas de fièvre")."""
    return any(lexicon.negation.search(text[:start]) for lexicon in lexicons)


def _said_and_not_denied(pattern: re.Pattern[str], text: str, lexicons: tuple[Lexicon, ...]) -> bool:
    """``pattern`` found somewhere without a negation right before it ("no chills" is not chills)."""
    return any(not _negated_before(lexicons, text, match.start()) for match in pattern.finditer(text))


def _told_as_history(text: str, span: tuple[int, int], phrases: dict) -> bool:
    """A trigger or reading inside a dated-history phrase, with no recent-time word after it."""
    return _overlaps(phrases["history"], *span) and not _recent(text, span, phrases)


def _recent(text: str, span: tuple[int, int], phrases: dict) -> bool:
    """A recent-time phrase inside the trigger or within six words after it."""
    after = _RECENT_AFTER.match(text, span[1])
    return _overlaps(phrases["recent"], span[0], after.end() if after else span[1])


def _hits(
    lexicon: Lexicon, lexicons: tuple[Lexicon, ...], text: str, words: MessageWords, phrases: dict
) -> list[tuple[Category, str]]:
    hits: list[tuple[Category, str]] = []
    for trigger in lexicon.triggers.that_may_match(words):
        for match in trigger.phrase.regex.finditer(text):
            if not _discounted(lexicons, trigger, text, match.span(), phrases):
                hits.append((trigger.category, trigger.pattern))
                break
    for reading in lexicon.readings:
        if reading.also is not None and not _said_and_not_denied(reading.also, text, lexicons):
            continue
        for match in (m for regex in reading.regexes for m in regex.finditer(text)):
            if _told_as_history(text, match.span(), phrases):
                continue  # "38,7 le mois passé avec une grippe, c'est fini": not a reading of today
            value = float(next(group for group in match.groups() if group is not None))
            category = reading.category_of(value)
            if category is not None:
                hits.append((category, f"{reading.near} = {value:g}"))
    return hits


def _more_serious(a: Verdict | None, b: Verdict | None) -> Verdict | None:
    if a is None or b is None:
        return a or b
    return b if CATEGORIES.index(b.category) < CATEGORIES.index(a.category) else a


def _learned(text: str, lexicons: tuple[Lexicon, ...]) -> Verdict | None:
    """The classifier's verdict, in the message's language: the most serious candidate category whose
    own minimum risk (data/safety/classifier.yml) the message reaches."""
    found = guess(text)
    if found is None:
        return None
    category = next((c for c in found.candidates if found.risk >= min_risk(c)), None)
    if category is None:
        return None
    language = _language_of(text) or "en"
    lexicon = next((each for each in lexicons if each.language == language), lexicons[0])
    reply = lexicon.replies[category]
    return Verdict(category, lexicon.language, reply, f"risk {found.risk:.2f} ({category})")


def _language_of(text: str) -> str | None:
    """The language a message is plainly written in ("fr" or "en"), or None when it is too short to
    tell ("sat 86")."""
    if guess_other_language(text) == "fr" or reads_french(text):
        return "fr"
    return "en" if looks_english(text) else None


def _in_language_of(text: str, verdict: Verdict | None, lexicons: tuple[Lexicon, ...]) -> Verdict | None:
    """``verdict`` with the reply of the message's own language. A sign may be caught by another
    language's lexicon ("temp", "sat 86", a drug name): a French message still gets the French
    reply (measured: 179 of 1,954 French held-out messages that triggered were answered in English).
    A message too short to tell keeps the reply of the lexicon that caught it."""
    if verdict is None:
        return None
    language = _language_of(text)
    if language is None or language == verdict.language:
        return verdict
    lexicon = next((each for each in lexicons if each.language == language), None)
    if lexicon is None:
        return verdict
    return Verdict(verdict.category, language, lexicon.replies[verdict.category], verdict.reason)


# A frightened person may spell a reading out ("spo2 eighty five", "quatre-vingt-un sur le saturo"):
# spelled numbers in this range (temperatures, oxygen, pulse, blood pressure) are also read as digits.
SPELLED_READINGS = (30.0, 250.0)


@lru_cache(maxsize=1)
def _digit_words() -> dict[str, int]:
    """Zero to nine as the number readers spell them (English ``UNITS``, the French words table)."""
    french = number_words("fr")
    table = french.table("numbers") if french is not None else {}
    return {word: value for word, value in UNITS.items() if value < 10} | {
        word: int(value) for word, value in table.items() if value < 10
    }


@lru_cache(maxsize=1)
def _decimal_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a spelled temperature followed by its decimal word, a decimal word after digits).

    "trente-sept huit", "thirty eight five": the number reader would add them up (37 + 8), so the
    decimal word is marked first ("trente-sept point huit"). Then "37 point nine", "38 virgule six", and,
    in a temperature's range, "38 et six" or "37 huit" become "37.9", "38.6", "37.8"."""
    digits = "|".join(_digit_words())
    spelled_temperature = re.compile(
        r"\b(trente[ -](?:cinq|six|sept|huit|neuf)|quarante(?:[ -](?:et[ -]un|deux))?"
        rf"|thirty[ -](?:five|six|seven|eight|nine)|forty(?:[ -](?:one|two))?) ({digits})\b"
    )
    decimal = re.compile(
        rf"\b(\d{{2,3}}) (?:point|virgule|comma) ({digits})\b|\b(3[5-9]|4[0-2]) (?:et )?({digits})\b"
    )
    return spelled_temperature, decimal


def _spelled_decimals(text: str) -> str:
    words = _digit_words()

    def digits(match: re.Match[str]) -> str:
        whole = match.group(1) or match.group(3)
        return f"{whole}.{words[match.group(2) or match.group(4)]}"

    return _decimal_patterns()[1].sub(digits, text)


def _with_digits(normalised: str) -> set[str]:
    """``normalised`` and, where it spells numbers, the same text with them in digits (English and
    French number words, and a spelled decimal after them)."""
    low, high = SPELLED_READINGS
    marked = _decimal_patterns()[0].sub(r"\1 point \2", normalised)
    return {normalised} | {
        _spelled_decimals(spelled_numbers_as_digits(marked, words, low, high))
        for words in (None, number_words("fr"))
    }


def screen(text: str, lexicons: tuple[Lexicon, ...] | None = None, learned: bool = True) -> Verdict | None:
    """The most serious category ``text`` triggers in any language, or None for an ordinary message.

    ``learned=False`` reads the lexicons alone (to measure them apart from the classifier)."""
    lexicons = lexicons if lexicons is not None else load_lexicons()
    best = _read_by_lexicons(text, lexicons)
    sentences = _SENTENCE_END.split(text.strip())
    if len(sentences) > 1:  # a negation ends with its sentence: "no not pregnant. been cutting my arms"
        for sentence in sentences:
            found = _read_by_lexicons(sentence, lexicons)
            if found is not None and found.category in SENTENCE_CATEGORIES:
                best = _more_serious(best, found)
    return _in_language_of(text, _more_serious(best, _learned(text, lexicons)) if learned else best, lexicons)


# Sentences end at a full stop or a new line, not at "?" or "!", after which a message often goes on
# about the same thing ("blue lips is a warning sign right? just reading the leaflet"). Read alone,
# a sentence counts only for the gravest categories: a past told in the sentence before can make
# an "urgent" of a sentence that was history (measured on the calibration questions).
_SENTENCE_END = re.compile(r"(?<=\.)\s+|\n+")
SENTENCE_CATEGORIES: tuple[Category, ...] = ("self_harm", "emergency")


def _read_by_lexicons(text: str, lexicons: tuple[Lexicon, ...]) -> Verdict | None:
    best: Verdict | None = None
    # Apostrophes both dropped ("can't" -> "cant") and spaced ("l'imurel" -> "l imurel").
    texts = {normalise(text), normalise(text, apostrophe=" ")}
    for normalised in {variant for each in texts for variant in _with_digits(each)}:
        words = MessageWords.of(normalised)
        phrases = _phrases(lexicons, normalised, words)
        for lexicon in lexicons:
            for category, reason in _hits(lexicon, lexicons, normalised, words, phrases):
                if best is None or CATEGORIES.index(category) < CATEGORIES.index(best.category):
                    best = Verdict(category, lexicon.language, lexicon.replies[category], reason)
    return best

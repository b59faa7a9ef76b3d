"""Loads data/safety/<language>.yml into compiled triggers, with errors that name file and entry."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import yaml

from bot.safety.patterns import FirstWords, MessageWords, PatternCompiler, PatternError

T = TypeVar("T")
Category = Literal["self_harm", "emergency", "urgent", "advice"]
# Most serious first: a message gets the reply of the first category it triggers.
CATEGORIES: tuple[Category, ...] = ("self_harm", "emergency", "urgent", "advice")
SAFETY_DIR = Path(__file__).resolve().parents[2] / "data" / "safety"
NEGATION_WINDOW_WORDS = 2
# A negation also covers the next sign of a list it starts ("never had a fever or any infection",
# "ni fièvre ni frissons"): up to this many words, then a list word (lexicon: list_words).
NEGATED_LIST_WINDOW_WORDS = 5
HYPOTHETICAL_WINDOW_WORDS = 6
# A cue stops counting once one of these comes between it and the trigger ("if ... but he can't breathe").
# Words that end a "what if" or a negation before the trigger: "no, seriously, I can't breathe".
_BREAKERS = r"(?!(?:but|and|now|so|seriously|honestly|mais|et|maintenant|alors|serieusement|serieux)\b)"
# A negation also ends where a new subject starts a new clause: "if it says no I'm ending it" ("no I
# don't have..." is still read, by "dont have"); a "what if" goes on over it ("what if I catch...").
_NEGATION_BREAKERS = _BREAKERS + r"(?!(?:i|im|ill|ive|id|je|jai|jsuis|chui)\b)"
# A negated list ends at a word of doubt: "not sure if it's the flu or pneumonia" denies neither.
_NEGATED_LIST_BREAKERS = _NEGATION_BREAKERS + (
    r"(?!(?:if|whether|sure|idea|know|knows|wonder|tell|si|sais|sait|savoir|idee|sur|sure)\b)"
)
# Discounts that never apply to the most serious categories: erring towards help.
HYPOTHETICAL_CATEGORIES: tuple[Category, ...] = ("emergency", "urgent")
PAST_CATEGORIES: tuple[Category, ...] = ("urgent",)
# Dated history ("had a seizure as a kid", "fainted once in 2017, never since") and general questions
# ("is an overdose dangerous in general", "what level do they aim for"): never discount self-harm.
HISTORY_CATEGORIES: tuple[Category, ...] = ("emergency", "urgent")
GENERAL_CATEGORIES: tuple[Category, ...] = ("emergency", "urgent", "advice")


FIRM = "! "  # marks a trigger no general, past or history phrase discounts


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file, the entry and the fix."""


@dataclass(frozen=True)
class Phrase:
    """A compiled pattern with the words its matches can start with (None: any)."""

    regex: re.Pattern[str]
    first: FirstWords | None


class Indexed(Generic[T]):
    """Patterns (in their file's order) found by the words their matches start with.

    A message is read against hundreds of patterns; most cannot match it because it holds none of
    the words they start with. Looking its words up here gives those that can, in order, without
    trying the others (the same verdicts: tests/safety/test_lexicon.py compares)."""

    def __init__(self, items: Iterable[T], phrase_of: Callable[[T], Phrase]) -> None:
        self.items = tuple(items)
        self._always: list[int] = []
        self._whole: dict[str, list[int]] = defaultdict(list)
        self._beginnings: dict[str, list[int]] = defaultdict(list)
        for index, item in enumerate(self.items):
            first = phrase_of(item).first
            if first is None:
                self._always.append(index)
                continue
            for word in first.whole:
                self._whole[word].append(index)
            for beginning in first.beginnings:
                self._beginnings[beginning].append(index)

    def that_may_match(self, words: MessageWords) -> list[T]:
        found = set(self._always)
        for word in words.whole:
            found.update(self._whole.get(word, ()))
        for beginning in words.beginnings:
            found.update(self._beginnings.get(beginning, ()))
        return [self.items[index] for index in sorted(found)]


@dataclass(frozen=True)
class Trigger:
    category: Category
    pattern: str
    phrase: Phrase
    # "! <pattern>": no general, past or history phrase discounts it (an abrupt stop asked "just to
    # know" is still a plan to stop); negations and figures of speech still do
    firm: bool = False


@dataclass(frozen=True)
class ReadingRange:
    low: float
    below: float
    category: Category


@dataclass(frozen=True)
class Reading:
    """Numbers near a word group (a temperature, an oxygen saturation) read against ranges."""

    near: str
    regexes: tuple[re.Pattern[str], ...]
    ranges: tuple[ReadingRange, ...]
    # read only when the message also says this anywhere ("38.6" with "red hot swollen leg")
    also: re.Pattern[str] | None = None

    def category_of(self, value: float) -> Category | None:
        for range_ in self.ranges:
            if range_.low <= value < range_.below:
                return range_.category
        return None


@dataclass(frozen=True)
class Lexicon:
    language: str
    replies: dict[Category, str]
    triggers: Indexed[Trigger]
    not_triggers: Indexed[Phrase]
    negation: re.Pattern[str]
    negated_list: re.Pattern[str]
    hypothetical: re.Pattern[str]
    past: Indexed[Phrase]
    recent: Indexed[Phrase]
    history: Indexed[Phrase]
    general: Indexed[Phrase]
    readings: tuple[Reading, ...]


def _category(value: Any, context: str) -> Category:
    if value not in CATEGORIES:
        raise LexiconError(f"{context}: category must be one of {CATEGORIES}, got {value!r}")
    return value


def _without_firm_marks(values: Any) -> tuple[Any, set[str]]:
    """The patterns without their "! " marks (anything else is left for ``_patterns`` to refuse),
    and the set of those that carried one."""
    if not isinstance(values, list):
        return values, set()
    firm = {v.removeprefix(FIRM) for v in values if isinstance(v, str) and v.startswith(FIRM)}
    return [v.removeprefix(FIRM) if isinstance(v, str) else v for v in values], firm


def _patterns(compiler: PatternCompiler, values: Any, context: str) -> list[tuple[str, Phrase]]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise LexiconError(f"{context}: must be a list of patterns (texts)")
    compiled = []
    for pattern in values:
        try:
            compiled.append((pattern, Phrase(compiler.compile(pattern), compiler.first_words(pattern))))
        except PatternError as error:
            raise LexiconError(f"{context}: {error}") from error
    return compiled


def _readings(compiler: PatternCompiler, values: Any, context: str) -> tuple[Reading, ...]:
    readings = []
    for index, entry in enumerate(values or []):
        where = f"{context}[{index}]"
        near = entry.get("near") if isinstance(entry, dict) else None
        if not isinstance(near, str):
            raise LexiconError(f"{where}: needs near: <pattern>")
        body = compiler.body(near)
        number = r"(\d+(?:\.\d+)?)"
        if entry.get("decimal_only"):
            # "39,2" with no unit but a temperature's shape; never a percentage, an age or a dose
            lung = r"(?:de |d |of )?(?:cvf|fvc|dlco|vems|fev1?)"
            unit = rf"(?:pour ?cent|percent|kg|mg|ng|ans|an|years?|yo|ml|l|{lung})"  # "%": below
            number = rf"(\d+\.\d)(?!\d|\s*{unit}\b|\s*%)"
        # Two expressions, so that a number read on one side ("1h, sat 89") never hides the other.
        regexes = (
            re.compile(rf"(?:{body})(?:\s+\S+){{0,4}}?\s+{number}"),
            re.compile(rf"{number}\w*(?:\s+\S+){{0,4}}?\s+(?:{body})"),
        )
        ranges = tuple(
            ReadingRange(float(r["from"]), float(r["below"]), _category(r.get("category"), where))
            for r in entry.get("ranges", [])
        )
        if not ranges:
            raise LexiconError(f"{where}: needs at least one range (from, below, category)")
        also = entry.get("also")
        also_regex = re.compile(compiler.body(also)) if isinstance(also, str) else None
        readings.append(Reading(near, regexes, ranges, also_regex))
    return tuple(readings)


def load_lexicon(path: Path) -> Lexicon:
    context = str(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LexiconError(f"{context}: must be a mapping with language, replies, words and triggers")
    replies = data.get("replies") or {}
    missing = [c for c in CATEGORIES if not isinstance(replies.get(c), str)]
    if missing:
        raise LexiconError(f"{context}: replies needs a text for {missing}")
    compiler = PatternCompiler(data.get("words") or {})
    triggers: list[Trigger] = []
    for category, patterns in (data.get("triggers") or {}).items():
        where = f"{context}: triggers.{category}"
        plain, firm = _without_firm_marks(patterns)
        for pattern, phrase in _patterns(compiler, plain, where):
            triggers.append(Trigger(_category(category, where), pattern, phrase, firm=pattern in firm))

    def phrases(kind: str) -> Indexed[Phrase]:
        compiled = _patterns(compiler, data.get(kind) or [], f"{context}: {kind}")
        return Indexed((phrase for _, phrase in compiled), lambda phrase: phrase)

    return Lexicon(
        language=str(data.get("language") or path.stem),
        replies={c: " ".join(replies[c].split()) for c in CATEGORIES},
        triggers=Indexed(triggers, lambda trigger: trigger.phrase),
        not_triggers=phrases("not_triggers"),
        negation=_cue_before(compiler, data.get("negations"), NEGATION_WINDOW_WORDS, _NEGATION_BREAKERS),
        negated_list=_cue_before(
            compiler,
            data.get("negations"),
            NEGATED_LIST_WINDOW_WORDS,
            _NEGATED_LIST_BREAKERS,
            ending=data.get("list_words") or [],
        ),
        hypothetical=_cue_before(compiler, data.get("hypothetical"), HYPOTHETICAL_WINDOW_WORDS, _BREAKERS),
        past=phrases("past"),
        recent=phrases("recent"),
        history=phrases("history"),
        general=phrases("general"),
        readings=_readings(compiler, data.get("readings"), f"{context}: readings"),
    )


def _cue_before(
    compiler: PatternCompiler, cues: Any, window: int, breakers: str, ending: Any = None
) -> re.Pattern[str]:
    """Matches the text before a trigger when it ends with a cue and at most ``window`` words, none
    of them one of the ``breakers`` (then, if ``ending`` patterns are given, one of them)."""
    bodies = [compiler.body(cue) for cue in cues or []] or ["(?!)"]
    last = ""
    if ending is not None:
        endings = [compiler.body(each) for each in ending] or ["(?!)"]
        last = rf"\s+(?:{'|'.join(endings)})"
    return re.compile(rf"(?:{'|'.join(bodies)})(?:\s+{breakers}\S+){{0,{window}}}{last}\s*$")


@lru_cache(maxsize=8)
def threshold(name: str, folder: Path = SAFETY_DIR) -> float:
    """A probability threshold from data/safety/classifier.yml (chosen by measurement, see there)."""
    data = yaml.safe_load((folder / "classifier.yml").read_text(encoding="utf-8")) or {}
    value = data.get(name)
    if not isinstance(value, int | float) or not 0 <= value <= 1:
        raise LexiconError(f"{folder / 'classifier.yml'}: {name} must be a number from 0 to 1")
    return float(value)


@lru_cache(maxsize=8)
def min_risk(category: Category, folder: Path = SAFETY_DIR) -> float:
    """The classifier's risk from which ``category`` is answered: min_risk_by_category, else min_risk."""
    data = yaml.safe_load((folder / "classifier.yml").read_text(encoding="utf-8")) or {}
    by_category = data.get("min_risk_by_category") or {}
    if not isinstance(by_category, dict) or not set(by_category) <= set(CATEGORIES):
        raise LexiconError(
            f"{folder / 'classifier.yml'}: min_risk_by_category keys must be among {CATEGORIES}"
        )
    value = by_category.get(category, data.get("min_risk"))
    if not isinstance(value, int | float) or not 0 <= value <= 1:
        raise LexiconError(
            f"{folder / 'classifier.yml'}: the risk for {category} must be a number from 0 to 1"
        )
    return float(value)


@lru_cache(maxsize=4)
def load_lexicons(folder: Path = SAFETY_DIR) -> tuple[Lexicon, ...]:
    """Every language's lexicon: all are read on every message, whatever the conversation's language."""
    paths = sorted(folder.glob("[a-z][a-z].yml"))
    if not paths:
        raise LexiconError(f"{folder}: no safety lexicon (<language>.yml) found")
    return tuple(load_lexicon(path) for path in paths)

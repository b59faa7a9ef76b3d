"""One reply to a numbered "do any of these apply?" list: which items apply, which are unsure.

People answer "1 and 3", "none", "not sure about 5" or just "I have a fever", so we read
numbers and each item's keywords clause by clause. A keyword alone next to the past
("I had cancer 10 years ago") is not clear enough to exclude, so it is marked unsure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.eligibility.lexicon import Lexicon, pick
from bot.eligibility.models import Answer, Criterion, SlotSpec
from bot.eligibility.parsers.checklist_rules import ItemVerdict, dose_verdict, keyword_verdict
from bot.eligibility.parsers.text import find_phrase
from bot.eligibility.parsers.yes_no import HEDGE, NEGATION, UNSURE, prepared, read_yes_no

WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
NUMBER = re.compile(
    r"(?<![\w.,/-])(?:(?:number|item|#|nr)\s*(?P<named>one|\d+)|(?P<n>\d+|two|three|four|five|six|"
    r"seven|eight|nine))(?![\w%/]|[.,]\d)"
    r"(?!\s*(?:years?|yrs?|months?|weeks?|days?|times?|hours?|mg|kg|g|ml|%|percent|am|pm)\b)"
    # "3 drips", "2 scans": a number followed by a noun is a count, not an item
    r"(?!\s+(?!(?:and|or|apply|applies|applied|is|are|too|also|for|only|but|not|none|both|yes|maybe|"
    r"i|im|i'm|me|to|from|with|plus|as|please|of|out|in|on|at|fits?)\b)[a-z])"
)
RANGE = re.compile(r"(?<![\w.])([1-9])\s*(?:-|to)\s*([1-9])(?![\w.])")
SPLIT = re.compile(
    r"[;\n,]|(?<!\d)\.|\.(?!\d)|\bbut\b|\bexcept\b|\bexcluding\b|\bapart from\b|\bother than\b"
)
# A clause that goes on about the item just named ("drips, but it was in March"): its time is the item's.
REFERS_BACK = re.compile(r"^(?:it|that|this|which|they|those|these|was|were)\b")
ONLY_NUMBERS = re.compile(r"^(?:\s|and|or|&|\+|#|number|item|\d|two|three|four|five|six|seven)*$")
ALL = re.compile(r"\ball of (them|these|those)\b|\ball apply\b|\ball (of the )?above\b")
NONE_PHRASES = (
    "all good",
    "all fine",
    "all clear",
    "i'm fine",
    "im fine",
    "i'm good",
    "none apply",
    "nothing applies",
    "none of them",
    "none of these",
    "none of the above",
    "0",
    "zero",
)


def _numbers(segment: str, count: int, words: Lexicon | None = None) -> set[int]:
    found: set[int] = set()
    ranges = pick(words, "checklist_range", RANGE)
    table = WORDS if words is None else words.table("checklist_words")
    for low, high in ranges.findall(segment):
        found.update(range(int(low), int(high) + 1))
    for match in pick(words, "checklist_number", NUMBER).finditer(ranges.sub(" ", segment)):
        raw = match.group("named") or match.group("n")
        value = 1 if raw == "one" else table.get(raw) or int(raw)
        found.add(value)
    return {n for n in found if 1 <= n <= count}


def _keywords(segment: str, items: Sequence[Criterion]) -> set[int]:
    return {
        item.item for item in items if item.item and any(find_phrase(segment, k) >= 0 for k in item.keywords)
    }


def read_checklist(
    text: str, items: Sequence[Criterion], today: date | None = None, words: Lexicon | None = None
) -> tuple[set[int], set[int], set[int]]:
    """(applies, unsure, mentioned) for a normalised reply; mentioned includes "no fever"-style denials."""
    clean = re.sub(r"\bno\.\s*(?=\d)", "number ", text) if words is None else text
    applies: set[int] = set()
    unsure: set[int] = set()
    mentioned: set[int] = set()
    doubt = False
    unsure_words, hedge, negation = (
        pick(words, "unsure", UNSURE),
        pick(words, "hedge", HEDGE),
        pick(words, "negation", NEGATION),
    )
    segments = [part.strip() for part in pick(words, "checklist_split", SPLIT).split(clean)]
    segments = [part for part in segments if part]
    refers_back = pick(words, "checklist_refers_back", REFERS_BACK)
    said_items = [bool(_numbers(part, len(items), words) or _keywords(part, items)) for part in segments]
    for index, segment in enumerate(segments):
        following = segments[index + 1] if index + 1 < len(segments) else ""
        told = f"{segment} {following}" if following and refers_back.match(following) else segment
        # what is said of this item until the next one is named ("cancer, surgery in 2019, all clear since")
        until_next = [segment]
        for later, names_an_item in zip(segments[index + 1 :], said_items[index + 1 :], strict=True):
            if names_an_item:
                break
            until_next.append(later)
        numbers = _numbers(segment, len(items), words)
        keywords = _keywords(segment, items) - numbers
        if not pick(words, "checklist_only_numbers", ONLY_NUMBERS).match(segment):  # "not sure about 3, 5"
            doubt = bool(unsure_words.search(segment) or hedge.search(segment))
        negated = not doubt and bool(negation.search(segment))
        mentioned |= numbers | keywords
        if negated:
            continue
        (unsure if doubt else applies).update(numbers)
        for number in keywords:
            item = next(item for item in items if item.item == number)
            said: ItemVerdict = (
                "unsure"
                if doubt or "?" in clean
                else keyword_verdict(item, told, " ".join(until_next), today, words)
            )
            {"applies": applies, "unsure": unsure, "no": set()}[said].add(number)
    for item in items:
        verdict = dose_verdict(item, clean) if item.item else None
        said_numbers = _numbers(clean, len(items), words)
        if verdict is not None and item.item is not None and item.item not in said_numbers:
            applies.discard(item.item)
            unsure.discard(item.item)
            mentioned.add(item.item)
            {"applies": applies, "unsure": unsure, "no": set()}[verdict].add(item.item)
    return applies, unsure - applies, mentioned


def numbers_said(text: str, count: int) -> set[int]:
    """Item numbers given as numbers anywhere in the reply ("7, I was on 40 mg")."""
    return _numbers(text, count)


def parse_checklist(
    text: str, spec: SlotSpec, today: date | None = None, words: Lexicon | None = None
) -> Answer:
    """Value: {"applies": [item numbers], "unsure": [item numbers]}."""
    clean = prepared(text, words)
    everything = [item.item for item in spec.items if item.item]
    if not clean:
        return Answer(status="invalid", message=spec.reask)
    if pick(words, "checklist_all", ALL).search(clean):
        return Answer(status="ok", value={"applies": everything, "unsure": []})
    applies, unsure, mentioned = read_checklist(clean, spec.items, today, words)
    if mentioned:
        return Answer(status="ok", value={"applies": sorted(applies), "unsure": sorted(unsure)})
    nothing = NONE_PHRASES if words is None else words.words("none_phrases")
    if any(find_phrase(clean, phrase) >= 0 for phrase in nothing):
        return Answer(status="ok", value={"applies": [], "unsure": []})
    reading = read_yes_no(clean, not_applicable_means="no", words=words)
    if reading.value == "no":
        return Answer(status="ok", value={"applies": [], "unsure": []}, hedged=reading.hedged)
    if reading.value == "unsure":
        return Answer(status="unsure", value={"applies": [], "unsure": everything}, hedged=True)
    return Answer(status="invalid", message=spec.reask)

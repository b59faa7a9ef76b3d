"""Shared text helpers: tidy a message and find the numbers in it, in digits or in words.

People type "fifty-four", "54yo" or "a hundred and two"; reading them in one place keeps the
age, checklist and date parsers consistent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.eligibility.lexicon import Lexicon

MAX_CHARS = 500  # longer messages are cut: nobody answers a yes/no question in an essay

_UNIT_WORDS = (  # noqa: SIM905
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905
UNITS = {word: value for value, word in enumerate(_UNIT_WORDS)}
TENS = {word: 10 * tens for tens, word in enumerate(_TEN_WORDS, 2)}
TENS["fourty"] = 40  # a common misspelling
TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[a-z]+")
WORD_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+")  # other languages: accented letters too


@dataclass(frozen=True)
class NumberMatch:
    """A number found in a message, with where it was, so callers can look at its neighbours."""

    value: float
    start: int
    end: int
    negative: bool = False


def normalise(text: object) -> str:
    """Lower-case, straight apostrophes, single spaces; anything that is not text becomes ''."""
    if not isinstance(text, str):
        return ""
    text = text[:MAX_CHARS].replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return " ".join(text.lower().split())


# Sentences end at . ! ? and new lines ("sorry typo, I'm 56 not 65. and yes I have a carte vitale").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    """The sentences of a reply, stripped, empty ones left out."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]


def has_phrase(text: str, phrases: Iterable[str]) -> bool:
    return any(find_phrase(text, phrase) >= 0 for phrase in phrases)


def find_phrase(text: str, phrase: str) -> int:
    """Where ``phrase`` starts in ``text`` as whole words, or -1."""
    phrase = phrase.strip().lower()
    if not phrase:
        return -1
    match = re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text)
    return match.start() if match else -1


def _word_number(words: list[str]) -> tuple[int, int] | None:
    """Read number words from the start of ``words``: (value, words used) or None. Up to 999."""
    i, value = 0, 0
    if words[:2] in (["a", "hundred"], ["one", "hundred"]) or words[:1] == ["hundred"]:
        i = 1 if words[0] == "hundred" else 2
        value = 100
    elif len(words) > 1 and words[0] in UNITS and 1 <= UNITS[words[0]] <= 9 and words[1] == "hundred":
        value, i = UNITS[words[0]] * 100, 2
    if value and i < len(words) - 1 and words[i] == "and" and (words[i + 1] in UNITS or words[i + 1] in TENS):
        i += 1
    if i < len(words) and words[i] in TENS:
        value += TENS[words[i]]
        i += 1
        if i < len(words) and words[i] in UNITS and 1 <= UNITS[words[i]] <= 9:
            value += UNITS[words[i]]
            i += 1
    elif i < len(words) and words[i] in UNITS:
        value += UNITS[words[i]]
        i += 1
    return (value, i) if i else None


def _table_number(words: list[str], lexicon: Lexicon) -> tuple[int, int] | None:
    """Number words read with the language's table: tens and units add ("soixante-dix-sept"),
    a word worth more multiplies what is before it ("quatre-vingt-deux", "dix-neuf cent"), and a
    linking word only joins the words it may ("vingt et un")."""
    table = lexicon.table("numbers")
    links = lexicon.table("number_links")
    total, hundreds, small, used = 0, 0, 0, 0  # thousands, then hundreds, then what is under 100
    while used < len(words):
        word = words[used]
        if word in links and used and used + 1 < len(words) and words[used + 1] in links[word]:
            used += 1
            continue
        if word not in table:
            break
        value = int(table[word])
        if value == 1000:
            total += (hundreds + small or 1) * 1000
            hundreds, small = 0, 0
        elif value == 100:
            hundreds, small = hundreds + (small or 1) * 100, 0
        elif value == 20 and 1 < small < 10:
            small *= 20  # "quatre-vingt"
        else:
            small += value
        used += 1
    return (total + hundreds + small, used) if used else None


def _says_minus(before: str, words: Lexicon | None) -> bool:
    return before.endswith("minus") if words is None else bool(words.pattern("minus").search(before))


def find_numbers(text: str, words: Lexicon | None = None) -> list[NumberMatch]:
    """Every number in an already normalised text, in order; "fifty-four" is one number."""
    token = TOKEN if words is None else WORD_TOKEN
    tokens = [(m.group(0), m.start(), m.end()) for m in token.finditer(text)]
    found: list[NumberMatch] = []
    i = 0
    while i < len(tokens):
        word, start, end = tokens[i]
        if word[0].isdigit():
            if len(word) > 15:  # a phone or card number, not a count; and float() would lose it
                i += 1
                continue
            before = text[:start].rstrip()
            dash = before.endswith("-") and not before[:-1].rstrip()[-1:].isalnum()
            negative = dash or _says_minus(before, words)
            found.append(NumberMatch(float(word.replace(",", ".")), start, end, negative))
            i += 1
            continue
        following = [t[0] for t in tokens[i : i + (6 if words is None else 8)]]
        parsed = _word_number(following) if words is None else _table_number(following, words)
        if parsed is None:
            i += 1
            continue
        value, used = parsed
        if words is not None and used == 1 and word in words.words("articles"):
            i += 1  # "un fils", "une fois": an article, not a count
            continue
        negative = _says_minus(text[:start].rstrip(), words)
        found.append(NumberMatch(float(value), start, tokens[i + used - 1][2], negative))
        i += used
    return found


def spelled_numbers_as_digits(text: str, words: Lexicon | None, low: float, high: float) -> str:
    """``text`` with number words between ``low`` and ``high`` written in digits ("cvf soixante-quinze"
    -> "cvf 75"), for readers that look for figures; smaller ones stay words ("il y a deux ans")."""
    parts: list[str] = []
    last = 0
    for number in find_numbers(text, words):
        spelled = not text[number.start].isdigit()
        if spelled and low <= number.value <= high and not number.negative:
            parts += [text[last : number.start], f"{number.value:g}"]
            last = number.end
    return "".join(parts) + text[last:]

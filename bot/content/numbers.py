"""Find the numbers a text states, in digits or in words, in one normal form.

The content check compares an answer's numbers with the numbers the trial facts state, so "six",
"6" and "06" must all read as the same number.
"""

from __future__ import annotations

import re

_UNITS = (  # noqa: SIM905
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_TENS["ninety"] = 90
_SCALES = {"hundred": 100, "thousand": 1000}

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?")
_COMPOUND = re.compile(r"\b(" + "|".join(_TENS) + r")(?:[- ](" + "|".join(_UNITS[1:10]) + r"))?\b")
_SINGLE = re.compile(r"\b(" + "|".join(_UNITS + list(_SCALES)) + r")\b")


def normalise_number(raw: str) -> str:
    """``"1,000"`` -> ``"1000"``, ``"09"`` -> ``"9"``, ``"0.50"`` -> ``"0.5"``."""
    whole, _, fraction = raw.replace(",", "").partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def numbers_in(text: str) -> set[str]:
    """Every number the text states, normalised; number words count as well as digits."""
    found = {normalise_number(match) for match in _DIGITS.findall(text)}
    lowered = text.lower()

    def compound(match: re.Match[str]) -> str:
        value = _TENS[match.group(1)] + (_UNITS.index(match.group(2)) if match.group(2) else 0)
        found.add(str(value))
        return " "

    remaining = _COMPOUND.sub(compound, lowered)
    for word in _SINGLE.findall(remaining):
        found.add(str(_SCALES[word] if word in _SCALES else _UNITS.index(word)))
    return found

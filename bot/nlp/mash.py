"""Keyboard mash that a model can mistake for words: a message made only of one short letter group
typed again and again ("jjjjjj", "tyutyu", "bnbnbn").

The NLU reads character n-grams, so such strings can land near short words of either language
("non", "merci") with high confidence; measured after French training data was added, two of the
held-out mash strings were read as "deny" and "thanks". A rule for the shape, not a list of strings.
"""

from __future__ import annotations

import re

_REPEATED_GROUP = re.compile(r"([a-z]{1,3})\1+")
_LETTERS = re.compile(r"[^\W\d_]+")
MIN_LENGTH = 5  # "nono", "papa", "haha" stay words; "nonono" does not


def is_keyboard_mash(text: str) -> bool:
    """True when every word of ``text`` is one group of 1-3 letters repeated, at least 5 letters long."""
    if re.search(r"\d", text):
        return False
    words = _LETTERS.findall(text.lower())
    return bool(words) and all(len(word) >= MIN_LENGTH and _REPEATED_GROUP.fullmatch(word) for word in words)

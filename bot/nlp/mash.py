"""Keyboard mash that a model can mistake for words: a message made only of one short letter group
typed again and again ("jjjjjj", "tyutyu", "bnbnbn"), or of runs of neighbouring keys along a row
of a QWERTY or AZERTY keyboard ("fdsa", "lkjhgf", "qsdfgh").

The NLU reads character n-grams, so such strings can land near short words of either language
("non", "merci") with high confidence; measured after French training data was added, two of the
held-out mash strings were read as "deny" and "thanks". A rule for the shape, not a list of strings.
"""

from __future__ import annotations

import re

_REPEATED_GROUP = re.compile(r"([a-z]{1,3})\1+")
_LETTERS = re.compile(r"[^\W\d_]+")
MIN_LENGTH = 5  # "nono", "papa", "haha" stay words; "nonono" does not
# Measured on one machine's model: "fdsa" was read as "yes" (0.76). No word of either language is
# four or more neighbouring keys of one row.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn")
MIN_RUN = 4


def _row_run(word: str) -> bool:
    return len(word) >= MIN_RUN and any(word in row or word in row[::-1] for row in _ROWS)


# Real words of the repeated shape (French greets with "coucou"); tests/nlp/test_mash.py checks that
# no word of our own data is taken for mash.
WORDS_OF_THAT_SHAPE = frozenset({"coucou", "bonbon", "nounou", "tamtam"})


def _mash_word(word: str) -> bool:
    if word in WORDS_OF_THAT_SHAPE:
        return False
    return bool(len(word) >= MIN_LENGTH and _REPEATED_GROUP.fullmatch(word)) or _row_run(word)


def is_keyboard_mash(text: str) -> bool:
    """True when every word of ``text`` is one group of 1-3 letters repeated (at least 5 letters), or
    a run of at least 4 neighbouring keys of one keyboard row."""
    if re.search(r"\d", text):
        return False
    words = _LETTERS.findall(text.lower())
    return bool(words) and all(_mash_word(word) for word in words)

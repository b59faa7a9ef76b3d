"""Flesch-Kincaid grade of an answer, the same on every machine and without network access.

textstat 0.7.13 looks every word up in NLTK's CMU dictionary, which it downloads on first use; this
project's machines and CI cannot download it, and textstat would retry on every call. So the grade
uses textstat's word and sentence counts and its formula, with an offline syllable count: the larger
of a vowel-group estimate and pyphen's hyphenation (textstat's own fallback, which alone undercounts
long medical words such as "tacrolimus").
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from functools import lru_cache

from pyphen import Pyphen

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_HYPHENATOR = Pyphen(lang="en_US")


@lru_cache(maxsize=4096)
def syllables(word: str) -> int:
    """Estimated syllables in one word; at least 1 (digits read as one word)."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 1
    estimate = len(_VOWEL_GROUPS.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and estimate > 1:
        estimate -= 1  # silent final e: "time", "dose"
    hyphenated = len(_HYPHENATOR.positions(letters)) + 1
    return max(1, estimate, hyphenated)


def grade(text: str) -> float:
    """US school grade needed to read ``text`` (Flesch-Kincaid), rounded to one decimal; 0 if empty."""
    # textstat imports NLTK, which imports scikit-learn and SciPy (about 80 MiB): only when grading,
    # so the web app and worker, which import this module, don't hold them for nothing
    from textstat.backend.counts import count_sentences
    from textstat.backend.selections import list_words

    words = list_words(text, lowercase=True)
    if not words:
        return 0.0
    sentences = count_sentences(text)
    words_per_sentence = len(words) / sentences
    syllables_per_word = sum(syllables(word) for word in words) / len(words)
    return round(0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59, 1)


def summary(grades: Iterable[float]) -> tuple[float, float]:
    """(median, worst) of the given grades, for the content report; (0, 0) when there are none."""
    values = list(grades)
    if not values:
        return 0.0, 0.0
    return round(statistics.median(values), 1), max(values)

"""Reading ease of a French answer (Kandel-Moles), offline and the same on every machine.

Kandel & Moles (1958, "Application de l'indice de Flesch à la langue française", Cahiers
d'études de radio-télévision 19) refit Flesch's reading ease to French:

    score = 207 - 1.015 * (words / sentences) - 73.6 * (syllables / words)

It keeps Flesch's 0-100 scale: 90-100 very easy, 80-90 easy, 70-80 fairly easy, 60-70 standard
("plain language", read without effort by 13-15 year olds, about US grade 8-9), 50-60 fairly
difficult, below 30 very difficult. ``MIN_SCORE = 60`` is the floor of plain language for the
general public, the same target as the English answers (Flesch-Kincaid grade 8 or lower; grade 8
is Flesch 60-70), so a French answer is held to the English one's level, not an easier or a
harder one.

Syllables are spoken ones, estimated without a dictionary: one per group of vowels (accented
vowels and y included, so "eau", "oi" and "ou" count once), minus a final mute e ("étude" 2,
"études" 2) and the mute "-ent" of a verb ("prennent" 1). "-ment" and a few common words whose
"-ent" is heard ("souvent", "patient") keep it. Medical words are long whatever the language;
the estimate errs towards more syllables rather than fewer, so an answer that passes does so
honestly.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from functools import lru_cache

MIN_SCORE = 60.0

_VOWELS = "aeiouyàâäéèêëîïôöùûüÿœæ"
_VOWEL_GROUPS = re.compile(f"[{_VOWELS}]+")
# a word: letters and digits, with the apostrophe of an elision ("l'étude") and hyphens inside it
_WORD = re.compile(r"[\w]+(?:['’\-][\w]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"')»]*(?=\s|$)")
# words ending in "-ent" where the "-ent" is heard (adverbs, adjectives, nouns); a verb's is mute
_SPOKEN_ENT = frozenset(
    {
        "absent",
        "accident",
        "adolescent",
        "argent",
        "cent",
        "client",
        "comment",
        "content",
        "dent",
        "différent",
        "évident",
        "fréquent",
        "lent",
        "parent",
        "patient",
        "présent",
        "récent",
        "souvent",
        "suivent",
        "urgent",
        "vent",
        "équivalent",
        "permanent",
        "excellent",
        "intelligent",
    }
)


@lru_cache(maxsize=8192)
def syllables(word: str) -> int:
    """Estimated spoken syllables in one French word; at least 1 (a number counts its digits, up
    to 3: "6" is one, "52" two, "1000" three)."""
    lowered = word.lower().replace("’", "'")
    digits = re.findall(r"\d+", lowered)
    letters = re.sub(rf"[^a-z{_VOWELS}]", "", lowered.split("'")[-1] if "'" in lowered else lowered)
    count = sum(min(len(run), 3) for run in digits)
    if letters:
        groups = _VOWEL_GROUPS.findall(letters)
        estimate = len(groups)
        if estimate > 1 and groups[-1] == "e":
            if re.search(r"e[s]?$", letters):
                estimate -= 1  # mute final e / es: "dose", "études"
            elif letters.endswith("ent") and not letters.endswith("ment") and letters not in _SPOKEN_ENT:
                estimate -= 1  # mute verb ending: "prennent", "doivent"
        count += estimate
    return max(1, count)


def words(text: str) -> list[str]:
    """The words of ``text``: an elision ("l'étude", "qu'il") and a hyphenated word are one word."""
    return _WORD.findall(text)


def count_sentences(text: str) -> int:
    """Sentences end with . ! ? or … before a space or the end ("0,5" and "7.5" do not end one)."""
    text = text.strip()
    if not text:
        return 0
    ends = len(_SENTENCE_END.findall(text))
    return ends + int(not _SENTENCE_END.search(text[-4:]))


def score(text: str) -> float:
    """Kandel-Moles reading ease of ``text``, rounded to one decimal; higher is easier; 0 if empty."""
    found = words(text)
    if not found:
        return 0.0
    sentences = max(1, count_sentences(text))
    total_syllables = sum(syllables(word) for word in found)
    value = 207 - 1.015 * len(found) / sentences - 73.6 * total_syllables / len(found)
    return round(value, 1)


def is_plain(text: str, minimum: float = MIN_SCORE) -> bool:
    """True when ``text`` reads at least as easily as plain language for the general public."""
    return score(text) >= minimum


def summary(scores: Iterable[float]) -> tuple[float, float]:
    """(median, lowest) of the given scores, for the content report; (0, 0) when there are none."""
    values = list(scores)
    if not values:
        return 0.0, 0.0
    return round(statistics.median(values), 1), min(values)

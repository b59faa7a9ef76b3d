"""Words that tell French from English in short messages, read from our own training data.

The cautious detector in language.py needs three words and two French ones, so "effets
secondaires ?" or "duree etude" stayed undecided and got an English answer. Here the words of
the French training examples (data/nlu/fr/, the French FAQ questions) that never appear in the
English ones are French-only, and the other way round: a short message with French-only words
and no English-only word is French. Drug, antibody and study names are in both languages'
messages whatever the training data holds, so they never tell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from bot.settings import REPO_ROOT

DATA = REPO_ROOT / "data"
# Names people type in either language: brand names differ by country, not by the writer's language.
NEUTRAL = frozenset(
    """prograf advagraf adoport modigraf tacrolimus tacro imurel imuran azathioprine aza endoxan
    cyclophosphamide cyclo cellcept mycophenolate cortancyl solupred prednisone prednisolone
    medrol solumedrol methotrexate rituximab bactrim jo pl ej oj mi mda srp ro ku pm scl hmgcr tif nxp sae
    catr pat aphp ap hp paris france ok okay hello hi""".split()  # noqa: SIM905 - a word list reads best as text
)
LONE_WORD_MIN = 7
_WORD = re.compile(r"[a-z]{2,}")  # one letter ("j", "c", "i") is too little to tell


def fold(text: str) -> str:
    """Lower case without accents: "Étude" -> "etude"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words_of(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _load(path: Path) -> dict:
    return (
        yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        or {}
    )


def _nlu_examples(path: Path) -> Iterable[str]:
    for block in _load(path).get("nlu", []):
        for line in str(block.get("examples", "")).splitlines():
            yield line.strip().lstrip("-").strip()


def _faq_questions(path: Path) -> Iterable[str]:
    for entry in _load(path)["entries"]:
        yield from entry.get("questions", [])


def _vocabulary(texts: Iterable[str]) -> set[str]:
    return {word for text in texts for word in words_of(text)}


@lru_cache(maxsize=1)
def telling_words() -> tuple[frozenset[str], frozenset[str]]:
    """(French-only, English-only) words of the training data, names left out."""
    french = _vocabulary(_nlu_examples(DATA / "nlu" / "fr" / "intents.yml"))
    french |= _vocabulary(_faq_questions(DATA / "content" / "fr" / "faq.yml"))
    english = _vocabulary(
        text for path in sorted((DATA / "nlu").glob("*.yml")) for text in _nlu_examples(path)
    )
    english |= _vocabulary(_faq_questions(DATA / "content" / "faq.yml"))
    return frozenset(french - english - NEUTRAL), frozenset(english - french - NEUTRAL)


def reads_french(text: str) -> bool:
    """At least one French-only word and none English-only (names say nothing); a lone word only
    if it is long."""
    french_only, english_only = telling_words()
    words = words_of(text)
    french = sum(word in french_only for word in words)
    english = sum(word in english_only for word in words)
    # A short word alone is often both ("menu", "date"); a long one rarely ("remboursement").
    return french >= 1 and english == 0 and (len(words) >= 2 or len(words[0]) >= LONE_WORD_MIN)

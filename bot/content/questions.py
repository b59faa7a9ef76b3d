"""Long messages: find the questions in them, and decide which to answer and which to acknowledge.

People write a story first and the question last ("my husband was diagnosed with jo-1 last year
and his lungs are getting worse, how long would the study take"), or ask two things at once. The
story's words pull a whole-message classifier towards the wrong answer, so each question is also
read on its own: the first one the model is sure of is answered, the other sure ones are named
with a button each. Pure functions; rasa_addons/answer_hook.py runs the model on each part.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.content.answering import Decision, Reading, Thresholds, decide

# Words that open a question as patients type it (no capitals, often no question mark). After
# "and" / "but" only a question word cuts ("... and how long is it"): "and is getting worse" is
# still the story. After a comma, a verb that opens a question cuts too ("..., is there a placebo").
# French the same way, read without accents ("ça consiste en quoi l'étude", "combien de temps ça dure",
# "est-ce que je peux"); "ou" is left out, being also "or".
WH_WORDS = frozenset(
    "how what whats what's when where who whos who's why which wat wot "  # noqa: SIM905
    "comment combien quand pourquoi quel quelle quels quelles qui quoi c'est c'est-a-dire qu'est".split()
)
VERB_STARTS = frozenset(
    "can could is are do does did will would should may "  # noqa: SIM905
    "est est-ce peut peut-on peux puis-je dois doit faut faut-il y ca".split()
)
QUESTION_STARTS = WH_WORDS | VERB_STARTS | {"explain", "tell", "any", "expliquez", "dites"}
LEAD_INS = frozenset(
    {"and", "but", "also", "so", "ok", "okay", "then", "oh", "plus", "et", "mais", "aussi", "donc", "alors"}
)
MAX_ALSO = 2
MIN_WORDS_BEFORE_SPLIT = 3
_SENTENCES = re.compile(r"(?<=[.?!])\s+|\n+")
_CLAUSE_BREAK = re.compile(
    r"(,|;|\band\b|\bbut\b|\balso\b|\bet\b|\bmais\b|\baussi\b)\s+(?=([\w-]+'?[\w-]*)\b)", re.IGNORECASE
)
_WORD = re.compile(r"[a-z'-]+")


def _folded(text: str) -> str:
    """Lower case without accents, typographic apostrophes straight ("Ça" -> "ca", "qu’est" -> "qu'est")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def split_questions(text: str) -> list[str]:
    """The message cut into sentences, and sentences cut before a clause that opens a question
    ("..., how long would it take"; "what are the groups and how are people put in them")."""
    parts: list[str] = []
    for sentence in _SENTENCES.split(text.strip()):
        parts.extend(_clauses(sentence.strip()))
    return [part for part in parts if _WORD.search(_folded(part))]


def _clauses(sentence: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        before = sentence[start : match.start()].strip()
        opener = WH_WORDS | VERB_STARTS if match.group(1) in ",;" else WH_WORDS
        if _folded(match.group(2)) in opener and len(before.split()) >= MIN_WORDS_BEFORE_SPLIT:
            pieces.append(before)
            start = match.end()
    pieces.append(sentence[start:].strip())
    return [piece for piece in pieces if piece]


def looks_like_question(part: str) -> bool:
    """A question mark, or a first word that opens a question ("and" / "so" / "also" skipped)."""
    words = _WORD.findall(_folded(part))
    while words and words[0] in LEAD_INS:
        words = words[1:]
    return part.rstrip().endswith("?") or bool(words and words[0] in QUESTION_STARTS)


def choose(whole: Reading, parts: Sequence[tuple[str, Reading]], thresholds: Thresholds) -> Decision:
    """One decision for the message: its first sure question answered, the others acknowledged.

    ``parts`` are the message's pieces (from ``split_questions``) with the model's reading of each;
    with one piece or no sure question among them, the whole message decides as usual.
    """
    overall = decide(whole, thresholds)
    if len(parts) < 2:
        return overall
    sure: list[str] = []
    for text, reading in parts:
        decision = decide(reading, thresholds)
        if looks_like_question(text) and decision.kind == "answer" and decision.entry_id not in sure:
            sure.append(str(decision.entry_id))
    if not sure:
        return overall
    return Decision("answer", entry_id=sure[0], also=tuple(sure[1 : 1 + MAX_ALSO]))

"""A cautious guess that a message is not in English, so the assistant can say kindly which
language it understands instead of misreading it.

No model to download: very common French and Spanish words that English does not use, counted
against common English words, and the letters outside the Latin alphabet. French and Spanish
are judged from three words up: names ("Marie de la Tour") and the words the assistant already
reads ("oui", "merci", "bonjour") must reach it. A message with nothing in Latin letters or
digits is "other" at any length: the model has no feature for it and, measured, reads such
input as "yes" (a lone "Привет" or "شكرا" would count as consent).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Language = Literal["fr", "es", "other"]

# Words shared by French and Spanish that English does not use.
ROMANCE = frozenset("que en se te tu si y es".split())  # noqa: SIM905 - word lists read best as text
# Left out on purpose: English words ("a", "as", "me", "no", "son", "sin", "al", "comment", "pour")
# and particles of names ("de", "la", "le", "du", "des", "del", "el", "los", "las").
FRENCH = ROMANCE | frozenset(
    """je j il elle nous vous ils elles suis est sommes êtes etes sont ai avez ont avoir être etre
    pas ne n qui qu quoi quel quelle quels quelles ce cet cette ces c ça mes tes ses votre vos nos
    moi toi avec dans sur sans chez aussi mais donc très tres peux peut pouvez puis veux voulez
    voudrais voudrait faut une les et au aux ou où oui merci bonjour bonsoir salut svp stp
    pourquoi combien quand étude etude essai médicament médicaments medicament traitement maladie
    poumons poumon participer suis-je est-ce""".split()  # noqa: SIM905
)
SPANISH = ROMANCE | frozenset(
    """yo usted ustedes él ella nosotros ellos ellas soy eres somos estoy está esta estás estas
    están estan tengo tiene tienen hay puedo puede pueden quiero quisiera necesito sé qué cuál cual
    cuáles cuánto cuanto cuánta cuántos cuantos cómo como dónde donde cuándo cuando por para con
    pero porque muy también tambien mi mis su sus una unos unas lo hola gracias buenos buenas días
    dias tardes noches sí estudio ensayo medicamento medicamentos tratamiento enfermedad pulmones
    participar favor""".split()  # noqa: SIM905
)
ENGLISH = frozenset(
    """the a an is are am was were be been i you he she we they it my your me to of and or in on at
    for with can could do does did what how when where why who which this that have has had not no
    yes will would should about please hello hi thanks thank study trial take part if but there any
    get i'm im""".split()  # noqa: SIM905
)
MIN_WORDS = 3
MIN_HITS = 2
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


def readable(char: str) -> bool:
    """A character the English model has features for: a Latin letter or an ASCII digit."""
    return char in "0123456789" or (char.isalpha() and unicodedata.name(char, "").startswith("LATIN"))


def _non_latin_share(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    other = sum(1 for char in letters if not unicodedata.name(char, "").startswith("LATIN"))
    return other / len(letters)


def guess_other_language(text: str) -> Language | None:
    """ "fr", "es", "other" (another alphabet), or None: English, too short to tell, or no words at all."""
    if not any(readable(char) for char in text) and any(char.isalnum() for char in text):
        return "other"
    words = _words(text)
    if len(words) < MIN_WORDS:
        return None
    if _non_latin_share(text) > 0.5:
        return "other"
    english = sum(word in ENGLISH for word in words)
    scores = {
        language: (sum(word in vocabulary for word in words), sum(word in only for word in words))
        for language, vocabulary, only in (
            ("fr", FRENCH, FRENCH - ROMANCE),
            ("es", SPANISH, SPANISH - ROMANCE),
        )
    }
    best = max(scores, key=lambda language: (scores[language][1], scores[language][0]))
    hits, specific = scores[best]
    if specific >= 1 and hits >= MIN_HITS and hits > english:
        return best  # type: ignore[return-value]
    return None

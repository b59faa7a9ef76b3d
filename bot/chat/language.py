"""A cautious guess that a message is not in English, so the assistant can say kindly which
language it understands instead of misreading it.

No model to download: very common French, Spanish, German, Italian and Portuguese words that
English does not use, counted against common English words, and the letters outside the Latin
alphabet. Those languages are judged from three words up: names ("Marie de la Tour", "van der
Berg", "da Silva") and the words the assistant already reads ("oui", "merci", "bonjour") must
reach it. A message with nothing in Latin letters or digits is "other" at any length: the model
has no feature for it and, measured, reads such input as "yes" (a lone "Привет" or "شكرا" would
count as consent).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from bot.chat.telling_words import fold, reads_french

Language = Literal["fr", "es", "de", "it", "pt", "other"]

# Each list holds very common words of its language that English does not use. Left out on
# purpose: English words ("a", "as", "me", "no", "so", "also", "die", "was", "will", "man", "hat",
# "bin", "war", "am", "in", "an", "um", "per", "come", "dove", "ma", "ha", "era", "solo", "sim",
# "com", "fur", "fare", "tag", "alt", "studio", "comment", "pour", "son", "sin", "al"), particles
# of names ("de", "la", "le", "du", "des", "del", "el", "los", "las", "da", "das", "do", "dos",
# "di", "della", "van", "von", "der", "den", "zu"), and short words that are names elsewhere
# ("ho", "chi", "lei", "lui", "mia", "sei", "hai", "sul", "ela": "Chi Ho Lee", "Mia Chen"). A word
# in several lists counts for each; a message is taken for the language that has a word of its
# own, or more words than any other.
VOCABULARY: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "fr": """que en se te tu si es un je j il elle nous vous ils elles suis est sommes êtes etes
            sont ai avez ont avoir être etre pas ne n qui qu quoi quel quelle quels quelles ce cet
            cette ces c ça mes tes ses votre vos nos moi toi avec dans sur sans chez aussi mais
            donc très tres peux peut pouvez puis veux voulez voudrais voudrait faut une les et au
            aux ou où oui merci bonjour bonsoir salut svp stp pourquoi combien quand étude etude
            essai médicament médicaments medicament traitement maladie poumons poumon participer
            suis-je est-ce prends prend prendre mère non juste eu bien rien jamais mon ton leur ans
            était etait avait avais fait été ete marchait marche""",
        "es": """que en se te tu si y es yo usted ustedes él ella nosotros ellos ellas soy eres
            somos estoy está esta estás estas están estan tengo tiene tienen hay puedo puede
            pueden quiero quisiera necesito sé qué cuál cual cuáles cuánto cuanto cuánta cuántos
            cuantos cómo como dónde donde cuándo cuando por para con pero porque muy también
            tambien mi mis su sus una unos unas lo nos este hola gracias buenos buenas días dias
            tardes noches sí estudio ensayo medicamento medicamentos tratamiento enfermedad
            pulmones participar favor sobre dura desde hace años anos tomo madre funciona""",
        "de": """es ich sie wir ihr ist sind bist nicht kein keine und oder aber für auf bei
            nach wie warum wieso wann wo wer welche welcher welches können konnen kann darf
            möchte mochte muss habe hast haben seit noch schon auch sehr danke bitte hallo guten
            ja nein studie teilnehmen medikament medikamente behandlung krankheit lunge lungen
            ein eine einen einem einer dem mein meine meinen mir mich dich dir ihnen lange
            dauert nebenwirkungen jahre gibt wird werden dass daß diese dieser dieses etwas nur
            über uber""",
        "it": """se tu si e un io sono è non che il lo gli una mi ti ci abbiamo avete hanno
            posso può puo possono vorrei voglio questo questa quello quella cosa perché perche
            quanto quanti quando quale anche molto grazie buongiorno buonasera ciao salve sì
            sperimentazione farmaco farmaci trattamento malattia polmoni polmone partecipare nel
            nella sulla alla mio miei suo sua noi voi loro sto stai sta essere avere anni effetti
            collaterali durata dura devo deve andare funziona madre aiuto mille""",
        "pt": """que em se te tu e eu você voce vocês voces não nao tenho tem temos posso pode
            podem quero gostaria estou está esta estudo ensaio medicamento medicamentos
            tratamento doença doenca pulmão pulmao pulmões pulmoes participar obrigado obrigada
            olá ola bom boa quanto quantos quando onde porque por para uma meu minha seu sua
            isso isto esse essa este ele eles nós nos também tambem muito mas já ainda tomo
            tomei anos sobre efeitos colaterais quem qual quais dia desde mãe mae funciona há dois
            remédio remedio""",
    }.items()
}
ENGLISH = frozenset(
    """the a an is are am was were be been i you he she we they it my your me to of and or in on at
    for with can could do does did what how when where why who which this that have has had not no
    yes will would should about please hello hi thanks thank study trial take part if but there any
    get i'm im""".split()  # noqa: SIM905 - word lists read best as text
)
# Words of one language only: they say which language a message is in.
SPECIFIC: dict[str, frozenset[str]] = {
    language: words.difference(*(other for name, other in VOCABULARY.items() if name != language))
    for language, words in VOCABULARY.items()
}
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
    """A language code, "other" (another alphabet), or None: English, too short to tell, or no words."""
    if not any(readable(char) for char in text) and any(char.isalnum() for char in text):
        return "other"
    words = _words(text)
    if len(words) < MIN_WORDS:
        return None
    if _non_latin_share(text) > 0.5:
        return "other"
    distinct = set(words)  # "ja ja ja" is one word of German
    english = len(distinct & ENGLISH)
    scores = {
        language: (len(distinct & SPECIFIC[language]), len(distinct & vocabulary))
        for language, vocabulary in VOCABULARY.items()
    }
    best, runner_up = sorted(scores, key=lambda language: scores[language], reverse=True)[:2]
    specific, hits = scores[best]
    telling = specific >= 1 or hits > scores[runner_up][1]  # a word of its own, or more words than any
    if telling and hits >= MIN_HITS and hits > english:
        return best  # type: ignore[return-value]
    return None


# Languages the assistant speaks (a conversation's `language` slot); "en" is also the default.
SPOKEN = ("en", "fr")
_LANGUAGE_NAMES = {"en": r"(?:english|anglais|angl)", "fr": r"(?:francais|french|fr)"}
_POLITE = r"(?:please|pls|plz|svp|stp|s il vous plait|s il te plait|merci|thanks|thank you)"
_ASK = (
    r"(?:(?:can|could) (?:we|you|i) |(?:do|can) you |is it possible to |(?:est ce qu )?(?:on peut |je peux |"
    r"vous pouvez |pouvez vous |peut on |tu peux |peux tu |vous |i |je |i d rather |i prefer )?)?"
    r"(?:speak|talk|continue|carry on|write|answer|reply|switch to|change to|go on|parler|parlez vous|"
    r"parlez|parles tu|parle|continuer|continuons|continuez|ecrire|ecrivez|repondre|repondez|passer|passons)"
)
_SWITCH = {
    language: re.compile(
        rf"(?:{_POLITE} )?(?:{_ASK} )?(?:(?:en|in) )?{name}(?: (?:only|seulement|svp|please|pls|stp|merci|"
        rf"s il vous plait|thanks|now|maintenant))*"
    )
    for language, name in _LANGUAGE_NAMES.items()
}


def _plain(text: str) -> str:
    """Lower case, no accents, words only: "En Français, svp !" -> "en francais svp"."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def requested_language(text: str) -> str | None:
    """The language a message asks the assistant to speak ("en français", "English please",
    "vous parlez français ?"), when that is all it says; else None."""
    plain = _plain(text)
    for language, pattern in _SWITCH.items():
        if pattern.fullmatch(plain):
            return language
    return None


def looks_english(text: str) -> bool:
    """Enough English words to tell: the page's language does not override what was typed."""
    return len(set(_words(text)) & ENGLISH) >= MIN_HITS


# Short messages are read for their language only among a conversation's first ones: later, a
# bare name ("Marie Dubois") typed at the contact offer of an English conversation is no sign.
OPENING_MESSAGES = 3


def conversation_language(
    text: str, current: str | None, in_prescreen: bool, page: str | None = None, said_before: int = 0
) -> str | None:
    """The conversation's language after this message, when it changes; else None.

    An explicit request always counts. Otherwise the language is read from the messages only
    while it is not decided yet (``current`` unset), and never during a pre-screen, where short
    answers ("oui", "54") say nothing about it: a French message sets French (three words with
    two French ones, or words only our French training data uses, such as "effets secondaires");
    English needs no setting, being the default; short messages count only among the first
    OPENING_MESSAGES (``said_before`` is how many the person sent before this one). A widget on a
    French page (``page``) sets French from the first message ("bonjour", "oui" are too short to
    tell) unless it is plainly English."""
    requested = requested_language(text)
    if requested is not None:
        return requested if requested != current else None
    if current is not None or in_prescreen:
        return None
    if guess_other_language(text) == "fr" or (said_before < OPENING_MESSAGES and reads_french(text)):
        return "fr"
    if page in SPOKEN and page != "en" and not looks_english(text):
        return page
    return None

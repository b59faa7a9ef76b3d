"""Yes / no / not sure, the way people really type it ("yep", "nah", "idk", "not that I know").

Order matters: "not sure" must win over "no", and a slot's own phrases ("I'm a man" for
pregnancy, "didn't work" for a failed medicine) must win over the generic words inside them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.eligibility.lexicon import Lexicon, pick
from bot.eligibility.models import Answer, SlotSpec
from bot.eligibility.parsers.entities import canonical_names, only_other_drugs
from bot.eligibility.parsers.text import find_phrase, normalise, sentences

UNSURE = re.compile(
    r"\b(not sure|unsure|not certain|uncertain|don'?t know|do not know|dunno|idk|no idea|no clue|"
    r"maybe|perhaps|possibly|might|may be|may have|can'?t remember|cannot remember|don'?t remember|"
    r"do not remember|can'?t recall|cannot recall|don'?t recall|who knows|hard to say|can'?t say|"
    r"not clear|unclear|(?:no one|noone|nobody) told (?:me|us|him|her|them)|never been told|"
    r"(?:haven'?t|hasn'?t|wasn'?t|weren'?t) (?:been )?told|never told (?:me|us|him|her|them)|"
    r"never said which|didn'?t tell (?:me|us|him|her|them)|didn'?t say which|it depends|depends on|"
    r"not which|waiting (?:for|on) (?:the |my |his |her )?"
    r"(?:results?|panel|blood|test|scan|carte|card|number)|"
    r"pending|(?:have|need|would have|'d have) to check|too (?:early|soon) to (?:tell|say)|"
    r"can'?t rule (?:it |that )?out|cannot rule|"
    r"could be|can'?t be (?:100|sure|certain)|"
    r"(?:haven'?t|hasn'?t|not|never) (?:yet )?(?:had|got|gotten|received|seen) "
    r"(?:the |my |his |her )?results?|"
    r"results? (?:aren'?t|are not|isn'?t|not) (?:back|in|out)|no results? yet|"
    r"jsp|je sais pas|je ne sais pas|chai pas|sais pas|pas s[uû]r|aucune id[ée]e|not 100%)\b"
)
NOT_APPLICABLE = re.compile(
    r"(?<!\w)n\s*/\s*a(?!\w)|\bn\.a\b|\bna\b|not applicable|non applicable|doesn'?t apply|"
    r"does not apply|not relevant"
)
HEDGE = re.compile(
    r"\b(i think|i believe|i guess|i suppose|i assume|i reckon|probably|likely|as far as i know|"
    r"afaik|not that i know|not that i remember|not that i recall|not to my knowledge|pretty sure|"
    r"fairly sure|i don'?t think|"
    r"i do not think|i dont think)\b"
)
NEGATION = re.compile(
    r"\b(no+|nope|nah+|naw|nay|never|not|none|nothing|neither|negative|non|dont|didnt|havent|hasnt|"
    r"isnt|wasnt|arent|aint|wont|doesnt|cannot)\b|n't\b"
)
# one treatment replaced by another: "switched to", "moved him onto", "replaced with"
SWITCHED = re.compile(
    r"\b(?:switched|moved|changed|put|swapped)\s+(?:me|him|her|them|us)?\s*(?:to|onto|on to|over to|for)\b|"
    r"\breplaced\s+(?:it\s+)?(?:by|with)\b|\binstead\b"
)
# "yes if ...", "yes as long as ...": the negation inside the condition does not answer the question
CONDITION = re.compile(r"\b(if|as long as|provided|providing|unless|only if)\b")
AFFIRMATION = re.compile(
    r"\b(yes+|yeah|yea|yeh|yep|yup|ya|yah|sure|correct|right|true|affirmative|definitely|"
    r"absolutely|certainly|indeed|of course|ok|okay|aye|uh huh|mhm|oui|si|positive|confirmed|"
    r"i do|i have|i did|i was|i will|it did|it was|it is|it has|they did|they have|they found|"
    r"i think so|i believe so|i guess so|i suppose so|probably|likely|"
    r"(?:fine|happy|ok|okay|good) with (?:it|that|this)|agrees|agreed|no problem|go ahead)\b|"
    r"\b(i am|i'm|im)\s*[.!]*$"
)
# a negation does not reach over a comma or a "but": "didn't help, lungs kept getting worse"
CLAUSE_BREAK = re.compile(r"[,.;!?]|\b(?:but|and|so|because|though)\b")
ENDED = ("stopped", "finished", "quit")  # right before a phrase: "stopped breastfeeding"
# what is said after it is the latest word on the matter (French in words.yml)
CONTRAST = re.compile(r"\b(?:but|however|though|although|whereas)\b")
EARLIER = re.compile(
    r"\b(?:first|was|were|initially|at first|before|used to|previous|previously|earlier|had)\b"
)
# a list after a negation: "no scarring or inflammation" (French in words.yml)
LIST_WORDS = ("or", "nor")
LIST_DETERMINERS = ("a", "an", "any", "the")
FLIP_WORDS = re.compile(r"\b(not|never|without|isnt|wasnt|dont|didnt|havent|hasnt)\b|n't\b")


@dataclass(frozen=True)
class Reading:
    """What a reply says: yes / no / not_applicable / unsure, or None when it says none of them."""

    value: str | None
    hedged: bool


def _negated(text: str, start: int, phrase: str, kind: str, words: Lexicon | None = None) -> bool:
    """True when the three words before ``start`` negate the phrase ("not pregnant", "no scarring").

    A phrase that is itself negative ("never had") is not flipped, and a bare "no" before a "no"
    phrase is agreement ("no, test negative"), not a flip. Languages whose negation may come
    after the phrase ("j'allaite pas") list those words as flip_after.
    """
    flip = pick(words, "flip", FLIP_WORDS)
    negative_starts = ("no", "nothing", "none") if words is None else words.words("negative_starts")
    first = phrase.split()[0]
    if (
        flip.match(phrase)
        or first in negative_starts
        or any(first.startswith(w) for w in negative_starts if w.endswith("'"))
    ):
        return False
    clause_break = pick(words, "clause_break", CLAUSE_BREAK)
    before = clause_break.split(text[:start])[-1].split()[-3:]
    if before and before[-1] in (ENDED if words is None else words.words("ended")):
        return kind == "yes"  # "stopped breastfeeding" is a no; "stopped because of nausea" stays a no
    if flip.search(" ".join(before)):
        return True
    if words is not None:
        after = clause_break.split(text[start + len(phrase.strip()) :])[0].split()[:1]
        if after and words.pattern("flip_after").fullmatch(after[0].strip(",.!")):
            return True
    if kind == "yes" and _in_a_negated_list(text[:start], clause_break, flip, words):
        return True
    return kind == "yes" and bool(before) and _is_bare_no(before[-1], words)


def _in_a_negated_list(
    before: str, clause_break: re.Pattern[str], flip: re.Pattern[str], words: Lexicon | None
) -> bool:
    """ "no scarring or inflammation", "pas de fibrose ni d'inflammation": the negation that opens a
    list covers its next item too."""
    clause = clause_break.split(before)[-1].split()[-7:]
    determiners = LIST_DETERMINERS if words is None else words.words("list_determiners")
    while clause and clause[-1] in determiners:
        clause.pop()
    if len(clause) < 2 or clause[-1] not in (LIST_WORDS if words is None else words.words("list_words")):
        return False
    head = clause[:-1]
    return bool(flip.search(" ".join(head))) or any(_is_bare_no(word, words) for word in head)


def _is_bare_no(word: str, words: Lexicon | None) -> bool:
    """A lone "no" ("no," / "non."): agreement before a "no" phrase, a no before a yes phrase."""
    return word.strip(",.!;:") in (("no",) if words is None else words.words("bare_no"))


def _opens_with_no(text: str, words: Lexicon | None) -> bool:
    first = text.split(maxsplit=1)
    return bool(first) and _is_bare_no(first[0], words)


def _with_apostrophes_dropped(phrases: Sequence[str]) -> list[str]:
    """Each phrase, and as typed without its apostrophe ("wasn't working", "wasnt working")."""
    return list(dict.fromkeys(form for phrase in phrases for form in (phrase, phrase.replace("'", ""))))


def _slot_reading(
    text: str,
    phrases: Mapping[str, Sequence[str]],
    not_applicable: str,
    conflict: str = "longest",
    words: Lexicon | None = None,
) -> str | None:
    """The slot's own phrases decide; when they disagree, the longest phrase found wins
    ("not pregnant but still breastfeeding", "didn't work, only because I forgot to take it").

    A phrase inside a longer one found in the same place does not count ("low" in "a bit low").
    """
    matches: list[tuple[str, int, int]] = []
    applies_not = False
    for kind in ("not_applicable", "unsure", "no", "yes"):
        for phrase in _with_apostrophes_dropped(phrases.get(kind, ())):
            start = find_phrase(text, phrase)
            if start < 0:
                continue
            if kind == "not_applicable":
                applies_not = True
                continue
            reading = kind
            if kind in ("yes", "no") and _negated(text, start, phrase, kind, words):
                reading = {"yes": "no", "no": "yes"}[kind]
            matches.append((reading, start, start + len(phrase.strip())))
    found: dict[str, int] = {}
    for reading, start, end in matches:
        inside = any(s <= start and end <= e and (e - s) > (end - start) for _, s, e in matches)
        if not inside:
            found[reading] = max(found.get(reading, 0), end - start)
    if conflict == "yes" and "yes" in found:  # "not pregnant but nursing": either one is a yes
        return "yes"
    if applies_not:
        return not_applicable
    if not found:
        return None
    ranked = sorted(found.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and "no" in found and _opens_with_no(text, words):
        return (
            "no"  # "non, je suis couverte par la RAMQ au Québec": the first word answers, the rest explains
        )
    if len(ranked) > 1 and conflict == "longest" and (latest := _after_a_contrast(text, matches, words)):
        return latest  # "the first scan was clear but the one in october showed ILD": the latest news
    if len(ranked) > 1 and (ranked[0][1] == ranked[1][1] or conflict == "unsure"):
        return "unsure"
    return ranked[0][0]


def _after_a_contrast(text: str, matches: list[tuple[str, int, int]], words: Lexicon | None) -> str | None:
    """The one reading said after the last "but" of a reply whose phrases disagree, if the part
    before it told an earlier state with the other reading ("the first scan was clear but the one in
    october showed ILD"); else None ("scarring but otherwise normal" is no news after old news)."""
    found = list(pick(words, "contrast", CONTRAST).finditer(text))
    if not found or not pick(words, "earlier", EARLIER).search(text, 0, found[-1].start()):
        return None
    cut = found[-1].end()
    after = {reading for reading, start, _ in matches if start >= cut}
    before = {reading for reading, start, _ in matches if start < cut}
    if len(after) == 1 and before - after:
        return after.pop()
    return None


def read_yes_no(
    text: str,
    phrases: Mapping[str, Sequence[str]] | None = None,
    not_applicable_means: str = "unsure",
    conflict: str = "longest",
    words: Lexicon | None = None,
) -> Reading:
    """Classify an already normalised reply (``words``: the language's, None for English); never raises."""
    text = _without_ignored(text, (phrases or {}).get("ignore", ()))
    answered = _without_questions(text, words)
    if answered is not None:  # "pregnant? at 44? no", "yes ok. how long after though?"
        reading = read_yes_no(answered, phrases, not_applicable_means, conflict, words)
        if reading.value is not None:
            return reading
    hedged = bool(pick(words, "hedge", HEDGE).search(text))
    if not text or pick(words, "unsure", UNSURE).search(text):
        return Reading("unsure" if text else None, hedged)
    if pick(words, "not_applicable", NOT_APPLICABLE).search(text):
        return Reading(not_applicable_means, hedged)
    letter = {"y": "yes", "n": "no"}.get(text.strip(" .!"))  # a one-letter reply on a phone
    if letter is not None:
        return Reading(letter, hedged)
    head = _before_a_condition(text, words)
    if head is not None and (bare := _bare_yes_or_no(head, words)) is not None:
        return Reading(bare, True)  # "no if it means the pill": that no, with a condition to discuss
    slot_value = _slot_reading(text, phrases or {}, not_applicable_means, conflict, words)
    if slot_value is not None:
        return Reading(slot_value, hedged)
    if pick(words, "negation", NEGATION).search(text):
        if head is not None and _affirms(head, words):
            return Reading("yes", True)  # "yes if I'm not pregnant": a yes, with a condition to check
        return Reading("no", hedged)
    if pick(words, "affirmation", AFFIRMATION).search(text):
        return Reading("yes", hedged)
    return Reading(None, hedged)


def _without_questions(text: str, words: Lexicon | None) -> str | None:
    """The reply without its sentences that end in "?" (the question echoed back, or one of the
    person's own), when it has both; else None."""
    told = sentences(text)
    doubt = (pick(words, "unsure", UNSURE), pick(words, "hedge", HEDGE))
    if any(part.endswith("?") and any(each.search(part) for each in doubt) for part in told):
        return None  # "maybe? ...": the doubt is the answer
    kept = [part for part in told if not part.endswith("?")]
    return " ".join(kept) if kept and len(kept) < len(told) else None


def _without_ignored(text: str, ignored: Sequence[str]) -> str:
    """``text`` with the phrases that say nothing about the question taken out."""
    for phrase in ignored:
        while (start := find_phrase(text, phrase)) >= 0:
            text = f"{text[:start]} {text[start + len(phrase.strip()) :]}"
    return " ".join(text.split())


def _before_a_condition(text: str, words: Lexicon | None) -> str | None:
    """What comes before an "if" clause that does not open the reply, or None when there is none."""
    found = next((m for m in pick(words, "condition", CONDITION).finditer(text) if m.start() > 0), None)
    return text[: found.start()] if found else None


def _bare_yes_or_no(text: str, words: Lexicon | None) -> str | None:
    """ "yes" or "no" when ``text`` is only that word ("non", "yes,"), else None."""
    clean = text.strip(" ,.;:!-")
    if pick(words, "negation", NEGATION).fullmatch(clean):
        return "no"
    return "yes" if pick(words, "affirmation", AFFIRMATION).fullmatch(clean) else None


def _affirms(text: str, words: Lexicon | None) -> bool:
    return bool(pick(words, "affirmation", AFFIRMATION).search(text)) and not pick(
        words, "negation", NEGATION
    ).search(text)


def names_only_other_drugs(clean: str, rules: Mapping[str, object], words: Lexicon | None = None) -> bool:
    """True when the reply names only medicines other than the rule's ``drugs`` and does not tell of
    a switch ("they moved her onto cellcept": from what, and why, is for a coordinator)."""
    drugs, others = rules.get("drugs"), rules.get("other_drugs")
    if not isinstance(drugs, Sequence) or not isinstance(others, Sequence):
        return False
    if pick(words, "switched", SWITCHED).search(clean):
        return False
    return only_other_drugs(clean, canonical_names(clean, "DRUG"), drugs, others)


def prepared(text: str, words: Lexicon | None) -> str:
    """The normalised reply as the readers of its language see it (French: accents folded)."""
    clean = normalise(text)
    return clean if words is None else words.prepare(clean)


def parse_yes_no(
    text: str, spec: SlotSpec, words: Lexicon | None = None, rules: Mapping[str, object] | None = None
) -> Answer:
    """An Answer with value "yes", "no" or "not_applicable"; "unsure" status for doubt.

    A rule with ``drugs`` and ``other_drugs`` (E5: "tried without working") reads a reply
    that names only other medicines ("methotrexate didn't work either", "just cortisone") as "no":
    the question is about the study's three, whatever the reply says about the others."""
    clean = prepared(text, words)
    reading = read_yes_no(clean, spec.phrases, spec.not_applicable_means, spec.on_conflict, words)
    if reading.value != "unsure" and rules and names_only_other_drugs(clean, rules, words):
        reading = Reading("no", reading.hedged)
    if reading.value is None:
        return Answer(status="invalid", message=spec.reask)
    if reading.value == "unsure":
        return Answer(status="unsure", value="unsure", hedged=reading.hedged)
    return Answer(status="ok", value=reading.value, hedged=reading.hedged)

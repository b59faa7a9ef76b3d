"""Reading what a message says about the conversation itself, not about one criterion.

Does the person want to take part (even inside a story or next to a question)? Are they writing
for someone else, and does that person agree? Did they type contact details at the contact
offer? Plain functions on text, so the Rasa hook and the actions only ask and act.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.eligibility.parsers.text import normalise
from bot.eligibility.parsers.yes_no import read_yes_no

STUDY = r"(study|trial|research|catr.?pat|screen(ed|ing)?|it|this)"
WANTS = re.compile(
    r"\b(join|take part|participate|participating|enrol+|enrol+ing|sign (me|him|her|them) up|sign up|"
    r"apply|be screened|get screened|qualify|eligible|eligibility|be (part|in) of|be in (the|this|your)|"
    r"switch into|do the (study|trial)|try the (study|trial)|check if (i|he|she|they)|"
    r"(fit|for) (me|him|her|them|my \w+)\b|fit (the|this|your|a) (study|trial)|old enough|"
    r"interested in (the|this|your) (study|trial)|check (the|this) (study|trial)|"
    rf"can (i|he|she|we|they|my \w+) (still )?(do|be in|get into|try) (the|this|your) {STUDY})|"
    # French, with and without accents
    r"\b(participer|particip(e|er|erait|erais)|faire partie|m'? ?inscrire|l'? ?inscrire|s'? ?inscrire|"
    r"(etre|être) inclu(s|se)?|inclu(s|se)? dans|(e|é)ligible|(e|é)ligibilit(e|é)|candidat(e|ure)?|"
    r"(rentrer|entrer|int(e|é)grer) dans (l'|l |cet |cette |votre )?(etude|étude|essai|protocole)|"
    r"int(e|é)grer (l'|l |cet |cette |votre )?(etude|étude|essai)|postuler|"
    r"(savoir|voir|v(e|é)rifier|tester) si (je|j'|il|elle|on|ma|mon) .{0,30}(peu[xt]|pourrai[st]?|pouvons)|"
    r"faire (l'|l |cet |cette |votre |le )?(etude|étude|essai|questionnaire|pr(e|é).?questionnaire)|"
    r"int(e|é)ress(e|é)e?s? par (l'|l |cet |cette |votre |le )?(etude|étude|essai)|"
    r"(rentre[rs]?|entre[rs]?) dans les crit(e|è)res|correspond(s|re)? aux crit(e|è)res|"
    r"(etre|être|serai[st]?|sera[s]?) (pris|prise|accept(e|é)e?|retenue?|admise?)|"
    r"possible pour (moi|lui|elle|eux|mon|ma)|"
    r"(me |se )?renseigne[rz]? (sur|pour) (l'|l |cet |cette |votre |le )?(etude|étude|essai)|"
    r"(doctor|consultant|rheumatologist|pulmonologist|specialist|gp|nurse|m(e|é)decin|pneumologue|"
    r"rhumatologue|sp(e|é)cialiste) .{0,40}(told|sent|referred|suggested|recommended|a dit|a parl(e|é)|"
    r"conseill(e|é)|propos(e|é)|orient(e|é)).{0,40}(study|trial|etude|étude|essai))\b"
)
# A French story about the disease asking "can I / could she / is it possible" ("anti pl12, il peut
# venir ?"); English stories need the study named (the English profiles' rate was measured so).
STORY_ASK = re.compile(r"\b(possible|peu[xt]|pourrai[st]?|pourrions|venir|ouvert)\b")
# A personal story about the disease next to the study ("my husband has jo-1 ..., how long would
# the study take") is interest in taking part: consent is offered, and the question answered too.
PERSONAL = re.compile(
    r"\b(i|i'm|im|i've|ive|my|me|he|she|his|her|we|our|"
    r"je|j'ai|jai|j|moi|mon|ma|mes|il|elle|son|sa|ses|nous|notre|nos)\b"
)
DISEASE = re.compile(
    r"antisynthe|anti-?synthe|pneumopathie|pulmonaire|poumons?\b|\bjo.?1\b|\bpl.?7\b|\bpl.?12\b|\bej\b|\boj\b|\bild\b|interstitial|"
    r"fibros|fibrose|myositis|myosite|\bpid\b|\bnsip\b|\blungs?\b|antibod"
)
# "I took Prograf before, is that a problem?": a fact about oneself, asked whether it stands in the way
COUNTS_AGAINST = re.compile(
    r"\b(is (that|this|it) a problem|(does|would|will) (that|this|it) (stop|rule|exclude|disqualify|"
    r"count against|matter)|rule (me|him|her|them) out|count against (me|him|her|them)|"
    r"(c'?est|c|ca|ça|est.ce que c'?est|est.ce) (un )?(probl(e|è)me|g(e|ê)nant|bloquant|(e|é)liminatoire)|"
    r"(ca|ça|cela) (pose|poserait) (un )?probl(e|è)me|(ca|ça|cela) (m'|l'|me |le |la )?(emp(e|ê)che|"
    r"exclu|bloque|g(e|ê)ne)\w*)\b"
)
THE_STUDY = re.compile(r"\b(study|trial|research|catr.?pat|etude|étude|essai)\b")
# Words that say "stop" (English and French): a name or an answer the model reads as "stop" but that
# holds none of them is an answer ("Funnel Tester" at the name question).
STOP_WORDS = re.compile(
    r"\b(stop\w*|quit\w*|cancel\w*|enough|end|ending|leave|exit|later|no more|bye|goodbye|"
    r"(don'?t|do not|dont) want|not now|not any ?more|forget (it|this)|give up|"
    r"arr[eê]t\w*|annul\w*|assez|plus tard|laisse[rz]? tomber|sortir|fini\w*|termin\w*|"
    r"(veux|veut) (pas|plus)|au revoir|abandon\w*)\b",
    re.IGNORECASE,
)
# Words that ask for a person of the study (English and French): "talk to my partner first" at the
# birth-control question, or "short of breath, is this study for me", hold none of them.
HANDOFF_WORDS = re.compile(
    r"\b(person|people|human|humans|someone|somebody|anyone|anybody|coordinator\w*|nurse\w*|staff|"
    r"team|agent|operator|real|doctor\w*|call me|phone me|ring me|contact me|email me|reach me|"
    r"call back|callback|personne|humain\w*|quelqu.?un|coordinat\w*|infirmi\w*|[ée]quipe|m[ée]decin\w*|"
    r"appel\w*|rappel\w*|contact\w*|t[ée]l[ée]phon\w*)\b",
    re.IGNORECASE,
)
NOT_WANTS = re.compile(
    r"\b(don'?t|do not|not) (want|wish|like) to (join|take part|participate)\b|"
    r"\b(veux|veut|voulons|souhaite) (pas|plus) (participer|m'inscrire|faire partie)\b"
)
RELATIVE = re.compile(
    r"\b(my|our) (husband|wife|partner|son|daughter|child|kid|mum|mom|mother|dad|father|brother|"
    r"sister|aunt|uncle|niece|nephew|grand(mother|father|ma|pa|son|daughter)|friend|patient|"
    r"boyfriend|girlfriend|fianc[ée]+|stepmother|stepfather|cousin|parent)\b|"
    r"\b(for|on behalf of) (him|her|them)\b|\b(he|she) (has|is|was|had|got)\b|\b(he'?s|she'?s)\b"
)
AGREES = re.compile(
    r"\b(he|she|they|both|we both|we all)\b[^.?!]{0,30}\b(agree[sd]?|ok|okay|fine|consents?|"
    r"wants? (it|to)|said yes|says yes|asked me|is happy|are happy|on board)\b|"
    r"\b(we|we both) agree\b|\b(his|her|their) (consent|agreement|permission)\b"
)
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w@])(\+?\d[\d .()/-]{6,}\d)(?![\w@])")
NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'.-]*(?:['.-][^\W\d_]+)*\.?$")
NOT_NAME_WORDS = frozenset(
    (  # noqa: SIM905
        "a an the and or but no not nope yes yeah yep ok okay sure please thanks thank you maybe i me my "
        "mine we us our he she they his her him them it its is are was were be do does did can could "
        "would should will shall may might what who why how when where which that this there here call "
        "email mail phone number reach contact coordinator later now today tomorrow morning evening "
        "afternoon any time anytime sorry hello hi hey dear question study trial doctor help stop rather "
        "prefer dont don't want need like know think"
    ).split()
)
LEAD_IN = re.compile(
    r"^(?:(?:yes|yeah|yep|ok|okay|sure|please|sure thing)[\s,.!]*)*"
    r"(?:(?:you can (?:call|reach|email|contact) me(?: on| at)?|call me|reach me(?: on| at)?|"
    r"my name is|my name's|name is|name:|i am|i'm|im|it's|its|this is|email me at|e-?mail:?|"
    r"phone:?|tel:?|number:?)[\s,:]*)*"
)


@dataclass(frozen=True)
class ContactInText:
    """Contact details found in one message; each None when not there."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None

    @property
    def any(self) -> bool:
        return bool(self.name or self.email or self.phone)


# Words that go with asking to be checked or to join, in English and French. The model alone read
# "gdpr?" and "how do i reset my iphone" as a wish to start the pre-screen; with none of these words
# (and no wish or own story, above), that reading is not trusted.
START_WORDS = re.compile(
    r"\b(eligib\w*|eli?gi?ab\w*|ell?igi?ble|qualif\w*|pre-?screen\w*|screening|screen me|sign (me )?up|"
    r"signup|enrol\w*|apply|applying|application|join\w*|take part|taking part|participat\w*|"
    r"volunt\w*|get into|in the (study|trial)|inscri\w*|candidat\w*|partante?s?|s[ée]lection|commencer|"
    r"start\w*|begin|go ahead|let'?s go|is (it|this) for me|for me|right for|suitable|fit for|chance|"
    r"allowed (in|to)|accept\w*|get in|places?|spot|criteria|crit[eè]res?|[ée]ligib\w*|participer|"
    r"rentrer|entrer)\b"
)


# "they call it ild, what's that": a question about a word, not a wish to be checked
WHAT_IS_IT = re.compile(
    r"\b(what'?s (that|this|it)|what is (that|this|it)|what does (that|this|it) mean|"
    r"c'?est quoi( [cç]a)?|qu'?est[- ]ce que c'?est|[cç]a veut dire quoi|que veut dire)\b"
)


def asks_what_it_is(text: str) -> bool:
    return bool(WHAT_IS_IT.search(normalise(text)))


def asks_to_start(text: str) -> bool:
    """The message wants to take part, or names the disease or the study, or uses a word of joining
    or being checked: what a "start the pre-screen" reading needs before it is acted on."""
    clean = normalise(text)
    said = START_WORDS.search(clean) or DISEASE.search(clean) or THE_STUDY.search(clean)
    return wants_to_take_part(text) or bool(said)


def wants_to_take_part(text: str) -> bool:
    """True when the message says the person, or someone they speak for, wants to take part or be checked."""
    clean = normalise(text)
    if NOT_WANTS.search(clean):
        return False
    personal = bool(PERSONAL.search(clean) and DISEASE.search(clean))
    story = personal and bool(THE_STUDY.search(clean) or ("?" in clean and STORY_ASK.search(clean)))
    counts = bool(PERSONAL.search(clean) and COUNTS_AGAINST.search(clean))
    return story or counts or bool(WANTS.search(clean))


def tells_own_disease(text: str) -> bool:
    """The person, or someone they write for, has the disease ("bonjour, j'ai un anti-PL7 et une
    fibrose"): said without a question the model knows, that is why they came."""
    clean = normalise(text)
    return bool(PERSONAL.search(clean) and DISEASE.search(clean)) and not NOT_WANTS.search(clean)


def speaks_for_other(text: str) -> bool:
    """A relative or friend writing about someone else ("my husband has...", "can she join")."""
    return bool(RELATIVE.search(normalise(text)))


def person_agrees(text: str) -> bool:
    """The message says the person spoken for agrees ("yes, she's OK with it", "we both agree")."""
    return bool(AGREES.search(normalise(text)))


def _name_from(rest: str) -> str | None:
    """The words left once e-mail, phone and lead-ins are removed, if they look like a name."""
    rest = re.sub(r"\([^)]*\)", " ", rest)  # "Sophie Martin (sa fille)": an aside, not the name
    rest = re.sub(
        r"\b(his|her|their|the patient's|son|sa|leur) (son|daughter|wife|husband|mother|father|sister|"
        r"brother|partner|mum|mom|dad|fils|fille|femme|mari|m[eè]re|p[eè]re|s(oe|œ)ur|fr[eè]re|"
        r"conjointe?|compagne|compagnon)\b",
        " ",
        rest,
        flags=re.IGNORECASE,
    )
    rest = LEAD_IN.sub("", rest.strip(" ,.;:!-"), count=1) if rest else rest
    rest = re.sub(r"^(?:or|and|at|on)\s+|\s+(?:or|and|at|on)$", "", rest.strip(" ,.;:!-"))
    tokens = [t for t in re.split(r"[\s,]+", rest) if t]
    if not 1 <= len(tokens) <= 5:
        return None
    if any(not NAME_TOKEN.match(t) or t.lower().strip(".") in NOT_NAME_WORDS for t in tokens):
        return None
    if len(tokens) == 1 and tokens[0].islower():
        return None  # a single lower-case word is more likely a reply than a name
    return " ".join(tokens)


def contact_in_text(text: str) -> ContactInText:
    """E-mail, phone number and name typed in one message ("Sophie Martin 07 98 76 54 32")."""
    raw = " ".join((text or "").split())[:300]
    email_match = EMAIL.search(raw)
    email = email_match.group(0) if email_match else None
    rest = EMAIL.sub(" ", raw)
    phone_match = PHONE.search(rest)
    phone = None
    if phone_match and sum(ch.isdigit() for ch in phone_match.group(1)) >= 8:
        phone = phone_match.group(1).strip()
        rest = rest.replace(phone_match.group(1), " ")
    name = _name_from(rest)
    if name is None and not (email or phone):
        return ContactInText()
    return ContactInText(name=name, email=email, phone=phone)


STOPPED_VERB = re.compile(r"^(arr[eê]t\w*|stopp\w*|stop|stops|quit|quitted)$", re.IGNORECASE)


def says_stop(text: str) -> bool:
    """The message holds a word that asks to stop or leave (see ``STOP_WORDS``)."""
    return bool(STOP_WORDS.search(text or ""))


def stopped_a_medicine_only(text: str) -> bool:
    """Every stop word is a medicine being stopped ("il a arrêté l'Advagraf l'an dernier", "stopped
    imurel in may"): an answer about the medicine, not a wish to stop the questions."""
    from bot.eligibility.parsers.entities import find_entities  # loads the language pipeline

    found = list(STOP_WORDS.finditer(text or ""))
    if not found:
        return False
    drugs = [entity.start for entity in find_entities(text, "DRUG")]
    return all(
        STOPPED_VERB.match(match.group(0))
        and any(-40 <= start - match.end() <= 25 and start != match.start() for start in drugs)
        for match in found
    )


def asks_for_a_person(text: str) -> bool:
    """The message names a person to talk to or a way to be contacted (see ``HANDOFF_WORDS``)."""
    return bool(HANDOFF_WORDS.search(text or ""))


DELETE_WORDS = re.compile(
    r"\b(delete\w*|erase\w*|remove\w*|wipe\w*|forget (me|my|about me)|gdpr|rgpd|my data|mes donn[ée]es|"
    r"supprim\w*|effac\w*|retir\w*|oubliez[- ]moi)\b",
    re.IGNORECASE,
)


def asks_to_delete(text: str) -> bool:
    """The message holds a word that asks to erase something (see ``DELETE_WORDS``)."""
    return bool(DELETE_WORDS.search(text or ""))


def says_no(text: str) -> bool:
    """A plain no ("no thanks", "non merci"), for the questions of the conversation itself."""
    from bot.eligibility.answers import yes_no_reading  # answers imports this module

    return read_yes_no(normalise(text)).value == "no" or yes_no_reading(text, "fr").value == "no"

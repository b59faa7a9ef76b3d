"""Age in whole years from "54", "I'm fifty-four", "54yo" or "born in 1971".

A birth year alone cannot say whether this year's birthday has passed, so such answers are
marked ``hedged``: the age may be one less. The evaluator sends that to review only when the
one-year doubt straddles the minimum age (see data/eligibility/criteria.yml).
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from bot.eligibility.lexicon import Lexicon, pick
from bot.eligibility.models import Answer, SlotSpec
from bot.eligibility.parsers.dates import date_data, followed_by_month
from bot.eligibility.parsers.text import find_numbers
from bot.eligibility.parsers.yes_no import HEDGE, UNSURE, prepared

MIN_AGE, MAX_AGE = 1, 120
YEAR = re.compile(r"(?<![\w.,/-])(1[89]\d\d|20\d\d)(?![\w/-]|[.,]\d)")  # "1959," ends a year
# something that happened after birth, told with its own year ("diagnosed in 2022")
EVENT_AFTER_BIRTH = re.compile(
    r"\b(?:diagnos\w*|since|started|began|found|sick|ill|scan\w*|ct|married|moved|retired|had)\b"
)
BORN = re.compile(r"\b(born|birth|dob|d\.o\.b|birthday)\b|\bb\.(?=\s*\d)")
# numbers that are clearly not the person's age in years ("3 months", "54 kg", "1.80 m")
# an age still to come ("turning 18 next month", "I'll be 50 in January") is one year less today
FUTURE_BEFORE = re.compile(
    r"(\bturning|\bturns|\bi turn|\bwill be|'ll be|\bll be|\bgonna be|\bgoing to be|\bsoon(?: to be)?)\s*$"
)
# "34 soon 35": the number before "soon" is today's age when another number follows it
FUTURE_AFTER = re.compile(
    r"^\s*(next|soon(?!\s*,?\s*(?:to be\s+)?\d)|"
    r"(in|come) (a|an|\d+|two|three|few|the|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"this (year|month|week)|later)"
)
APPROXIMATE = re.compile(
    r"\b(guess|around|about|roughly|approximately|approx|or so|ish|something like|nearly|almost|close to)\b"
)
# "mid forties", "in her 50s": a decade is not an age, and may straddle a limit
DECADE = re.compile(
    r"\b(twenties|thirties|forties|fourties|fifties|sixties|seventies|eighties|nineties)\b|"
    r"\b(in|early|mid|late)\s+(his|her|my|their|the)?\s*\d0'?s\b"
)
# a birth year written in words: "nineteen seventy two"
YEAR_IN_WORDS = re.compile(r"\b(?:nineteen|ninteen)\s+(?:hundred\s+(?:and\s+)?)?(?=[a-z])")
BORN_SHORT_YEAR = re.compile(r"(?:\bborn|\bb\.)\s*(?:in\s+)?'?(\d{2})(?![\w/.-])")
BARE_DATE = re.compile(
    r"^(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|(?:\d{1,2}\s+)?[a-z]{3,9}\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d\d)$"
)
NOT_YEARS = re.compile(r"^\s*(months?|mo|weeks?|days?|kg|kilos?|lbs?|pounds?|cm|m|%|percent)\b")
# a time span is not an age: "diagnosed 3 years ago, I'm 54", "ill for 5 years", "since 2 years"
DURATION_BEFORE = re.compile(
    r"\b(for|since|over|past|last)\s+(the\s+)?(past\s+|last\s+)?(almost\s+|nearly\s+|about\s+)?$"
)
DURATION_AFTER = re.compile(r"^\s*(years?|yrs?|y)?\s*(ago|back|before|earlier|later)\b")
# two ages given as a range ("65-70", "54 or 55", "entre 50 et 55" is the language's approximate)
AGE_RANGE = re.compile(
    r"(?<![\d/.-])\d{1,3}\s*(?:-|–|to|or|ou|a|à)\s*\d{1,3}(?![\d/.-])|\bbetween\s+\d{1,3}\s*(?:and|&)\s*\d{1,3}\b"
)
# a part of a date written in figures ("4/12/1970"): never an age ("65-70" is a range, not a date)
NUMERIC_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)")


BIRTH_LEAD = re.compile(r"^\W*(?:was\s+)?(?:on|in)?\s*(?:the\s+)?")
TURNED = re.compile(r"\bturned\s*$")


def _birth_date(text: str, today: date, date_order: str, words: Lexicon | None = None) -> date | None:
    """A full birth date ("born on 5 March 1971"), via dateparser; None unless exact to the day."""
    fragment = pick(words, "born", BORN).split(text, maxsplit=1)[-1]
    fragment = pick(words, "birth_lead", BIRTH_LEAD).sub("", fragment).strip(" .!")
    year = YEAR.search(fragment) or NUMERIC_DATE.search(fragment)
    if year:  # "born 3 december 1959, it's my birthday today": the date ends with its year
        fragment = fragment[: year.end()]
    if not fragment or (not re.search(r"[a-z]", fragment) and "/" not in fragment and "." not in fragment):
        return None
    data = date_data(fragment, today, date_order, words)
    if data is None or data.period != "day":
        return None
    return data.date_obj.date()


def _from_birth(
    text: str, today: date, spec: SlotSpec, date_order: str, words: Lexicon | None = None
) -> Answer | None:
    born_word = pick(words, "born", BORN)
    bare = bool(pick(words, "bare_date", BARE_DATE).match(text.strip(" .!")))
    exact = born_word.search(text) and (YEAR.search(text) or re.search(r"\d[/.-]\d", text))
    born = _birth_date(text, today, date_order, words) if exact else None
    if bare:
        lead = "born" if words is None else words.words("born")[0]
        born = _birth_date(f"{lead} {text}", today, date_order, words) or born
    if born is not None and born <= today:
        return _checked(relativedelta(today, born).years, spec, hedged=False)
    years = YEAR.findall(text)
    short = pick(words, "born_short_year", BORN_SHORT_YEAR).search(text)
    if short and not years:
        two = int(short.group(1))
        years = [str(2000 + two if 2000 + two <= today.year else 1900 + two)]
    if not years or not (born_word.search(text) or bare or len(text.strip(" .!")) == 4):
        return None
    birth_year = _birth_year(text, born_word.search(text), years, words)
    if birth_year > today.year:
        return Answer(status="invalid", message=spec.reask)
    return _checked(today.year - birth_year, spec, hedged=True)


def _birth_year(text: str, said_born: re.Match[str] | None, years: list[str], words: Lexicon | None) -> int:
    """The year told with "born": a later year after a word of something that happened ("born in
    1959, diagnosed in 2022") is that event's; a later one without it is a fix ("born 1970, 1971
    actually"). With no "born", the last year said."""
    told = list(YEAR.finditer(text, said_born.end())) if said_born else []
    if not told:
        return int(years[-1])
    chosen = told[0]
    for later in told[1:]:
        if not pick(words, "event_after_birth", EVENT_AFTER_BIRTH).search(text, chosen.end(), later.start()):
            chosen = later
    return int(chosen.group(1))


def _checked(age: int, spec: SlotSpec, hedged: bool) -> Answer:
    if not MIN_AGE <= age <= MAX_AGE:
        return Answer(status="invalid", message=spec.reask)
    return Answer(status="ok", value=age, hedged=hedged)


def parse_age(
    text: str, today: date, spec: SlotSpec, date_order: str = "DMY", words: Lexicon | None = None
) -> Answer:
    """Whole years from 1 to 120; anything else is a kind re-ask. A hedge ("I think 52?") is unsure."""
    clean = prepared(text, words)
    clean = _year_words(clean) if words is None else _table_year(clean, words)
    if pick(words, "decade", DECADE).search(clean):
        return Answer(status="unsure", value=None, hedged=True)
    doubt = any(
        pick(words, name, english).search(clean)
        for name, english in (("unsure", UNSURE), ("hedge", HEDGE), ("approximate", APPROXIMATE))
    ) or bool(AGE_RANGE.search(clean))
    answer = _age_in(clean, today, spec, date_order, words)
    if doubt and answer.status != "invalid":
        return Answer(status="unsure", value=answer.value, hedged=True)
    if doubt and not find_numbers(clean, words):
        return Answer(status="unsure", value=None, hedged=True)
    return answer


def _year_words(clean: str) -> str:
    """ "nineteen seventy two" -> "1972", so a birth year in words reads like one in digits."""
    match = YEAR_IN_WORDS.search(clean)
    if match is None:
        return clean
    rest = find_numbers(clean[match.end() :])
    if not rest or rest[0].start != 0 or not 10 <= rest[0].value <= 99:
        return clean
    return clean[: match.start()] + str(1900 + int(rest[0].value)) + clean[match.end() + rest[0].end :]


def _table_year(clean: str, words: Lexicon) -> str:
    """A birth year in words ("mille neuf cent soixante-huit") -> "1968", read with the number table."""
    for number in find_numbers(clean, words):
        if 1900 <= number.value <= 2099 and not clean[number.start].isdigit():
            return clean[: number.start] + str(int(number.value)) + clean[number.end :]
    return clean


def _age_in(clean: str, today: date, spec: SlotSpec, date_order: str, words: Lexicon | None = None) -> Answer:
    from_birth = _from_birth(clean, today, spec, date_order, words)
    if from_birth is not None:
        return from_birth
    future: Answer | None = None
    not_years = pick(words, "not_years", NOT_YEARS)
    future_before, future_after = (
        pick(words, "future_before", FUTURE_BEFORE),
        pick(words, "future_after", FUTURE_AFTER),
    )
    duration_before, duration_after = (
        pick(words, "duration_before", DURATION_BEFORE),
        pick(words, "duration_after", DURATION_AFTER),
    )
    dates = [match.span() for match in NUMERIC_DATE.finditer(clean)]
    for number in find_numbers(clean, words):
        after, before = clean[number.end :], clean[: number.start]
        in_a_date = any(start <= number.start < end for start, end in dates)
        if (
            not_years.match(after)
            or followed_by_month(clean, number.end, words)
            or in_a_date
            or duration_before.search(before)
            or duration_after.match(after)
        ):
            continue
        if number.negative:
            return Answer(status="invalid", message=spec.reask)
        if future_before.search(before) or (
            future_after.match(after) and not pick(words, "turned", TURNED).search(before)
        ):
            future = future or _checked(int(number.value) - 1, spec, hedged=False)
            continue
        return _checked(int(number.value), spec, hedged=False)
    return future or Answer(status="invalid", message=spec.reask)

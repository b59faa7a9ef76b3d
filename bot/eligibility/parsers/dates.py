"""When did they last take it? Time expressions as date RANGES, since people are vague.

"3 weeks ago" is one day; "in March" is a whole month and "last year" a whole year (dateparser
gives the period, with PREFER_DATES_FROM past and RELATIVE_BASE today); "over a year ago" is
open towards the past. Month arithmetic is dateutil's relativedelta, never hand-counted days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateparser.date import DateData, DateDataParser
from dateutil.relativedelta import relativedelta

from bot.eligibility.lexicon import Lexicon, pick
from bot.eligibility.parsers.text import UNITS, find_numbers

_MONTH_WORDS = "january february march april may june july august september october november december"
MONTHS = tuple(_MONTH_WORDS.split())
MONTH = (
    "(?P<month>"
    + "|".join([*MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"])
    + ")"
)


def followed_by_month(text: str, position: int, words: Lexicon | None = None) -> bool:
    """True when the word at ``position`` is a month name: "3" in "on 3 march" is a day, not an
    age or a test result."""
    following = text[position:].split(maxsplit=1)
    if not following:
        return False
    word = following[0].strip(",.;:!?")
    return word in MONTHS or (words is not None and word in words.table("months"))


AMOUNT = (
    r"\d+(?:\.\d+)?(?: and a half)?|half an?|a couple|couple|a few|few|several|some|many|an|a|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty"
)
UNIT = r"(?P<unit>day|week|month|year|yr|mo)s?"
# "a few months" may well be six or seven: vague amounts are ranges, so they can straddle a window
VAGUE = {
    "a couple": (2, 2),
    "couple": (2, 2),
    "a few": (2, 7),
    "few": (2, 7),
    "half a": (0.5, 0.5),
    "half an": (0.5, 0.5),
    "several": (3, 9),
    "some": (3, 9),
    "many": (6, 24),
    "an": (1, 1),
    "a": (1, 1),
}
PATTERNS = {
    "ago": re.compile(
        r"\b(?:(?P<mod>more than|over|at least|less than|under|about|around|roughly|approximately|"
        rf"almost|nearly)\s+)?\b(?P<n>{AMOUNT})\s+(?:of\s+)?{UNIT}\s+(?:and\s+a\s+half\s+)?"
        r"(?:ago|back|since\s+(?:my|i|the|he|she|his|her|their|we|they|last))\b"
        r"(?P<post>,?\s+(?:roughly|approximately|or so|more or less|give or take|ish|maybe|about))?"
    ),
    "recent": re.compile(
        rf"\b(?:in|within|during|over)\s+the\s+(?:last|past)\s+(?:(?P<n>{AMOUNT})\s+)?{UNIT}"
    ),
    "long_ago": re.compile(r"\b(?:years ago|long time ago|long ago|ages ago|a long time)\b"),
    "named": re.compile(r"\b(?:last|this)\s+(?:week|month|year)\b|\byesterday\b|\btoday\b"),
    "numeric": re.compile(r"(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d/.-])"),
    "iso": re.compile(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?![\d/.-])"),
    # a day and a month in figures with no year, after a word that introduces a date ("stopped on
    # 15/06", "arrêté le 15/06"): the latest such day gone; never a fraction ("3/4 of a tablet")
    "day_month": re.compile(
        r"\b(?:on|since|until|from|le|du|au|depuis)\s+(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/.-])"
    ),
    "month_year": re.compile(r"(?<![\d/.-])(?P<m>\d{1,2})[/.-](?P<y>\d{4})(?![\d/.-])"),
    "month": re.compile(
        rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?\b{MONTH}\b\.?"
        r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>\d{4}))?"
    ),
    "year": re.compile(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/-]|\.\d)"),  # "in 2024." ends a sentence
}
# "November last year", "last year in November": the month of the year before (dateparser would
# take the latest November gone, which on 1 December is last month)
LAST_YEAR = re.compile(r"\b(?:last|previous)\s+year\b|\bthe\s+year\s+before\b")
MAY_CONTEXT = re.compile(
    r"\b(in|since|until|till|of|early|late|mid|end|beginning|last|around|from|before|after|by|or|and|"
    r"was)\s+$"
)
ONGOING = re.compile(
    r"\b(still|currently|at the moment|right now|these days|ongoing|every day|daily)\b|"
    # a dose said in the present ("2mg morning and evening", "100mg a day")
    r"\b(a|per|twice a|once a|three times a) day\b|\bmorning and (evening|night)\b|"
    r"\bevery (morning|night|evening)\b|"
    r"\b(i'?m|i am|im|i'?ve been|i have been)\s+(still\s+)?(on|taking)\b|\bi\s+(still\s+)?take\b"
)
# "since March" is still taking it; "7 months since my last one" is not
SINCE = re.compile(
    r"(?<!days )(?<!weeks )(?<!months )(?<!years )(?<!day )(?<!week )(?<!month )(?<!year )\bsince\b"
)
# "haven't taken it since March", "nothing since": last taken in March
NOT_SINCE = re.compile(r"(n't|\bnot|\bnever|\bnothing|\bnone)\b")
# "100mg a day until 2020": a dose told with its end is over ("jusqu'en" in French, words.yml)
STOPPED = re.compile(
    r"\b(no longer|not anymore|not any more|stopped|quit|came off|finished|ended)\b|"
    r"\b(until|till)\s+(last|early|late|mid|about|around|the end|\d|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
TIME_WORDS = re.compile(
    r"\b(ago|last|since|until|till|before|after|during|when|summer|winter|spring|autumn|fall|"
    r"christmas|easter|recently|recent|lately|while|years?|months?|weeks?|days?|started|then)\b|\d"
)


@dataclass(frozen=True)
class Period:
    """A span of days the event falls in; ``earliest`` None means "or any time before"."""

    earliest: date | None
    latest: date


def _amount(word: str | None, words: Lexicon | None = None) -> tuple[float, float] | None:
    if word is None:
        return (1, 1)
    if words is not None:
        vague = words.table("vague")
        if word in vague:
            low, high = vague[word]
            return (float(low), float(high))
        found = find_numbers(word.replace(",", "."), words)
        return (found[0].value, found[0].value) if found else None
    word = word.removesuffix(" and a half")  # the half is added by the caller, which sees it
    if word in VAGUE:
        return VAGUE[word]
    if word in UNITS:
        return (UNITS[word], UNITS[word])
    tens = {"twenty": 20, "thirty": 30}
    if word in tens:
        return (tens[word], tens[word])
    try:
        return (float(word), float(word))
    except ValueError:
        return None


def _back(today: date, amount: float, unit: str) -> date:
    """``today`` minus an amount of a unit; fractions of months and years count in months.

    An amount reaching before the calendar's first day ("2000 years ago") is simply the first day.
    """
    try:
        if unit in ("year", "yr"):
            return today - relativedelta(months=round(amount * 12))
        if unit in ("month", "mo"):
            whole = int(amount)
            return today - relativedelta(months=whole, days=round((amount - whole) * 30))
        return today - relativedelta(days=round(amount * (7 if unit == "week" else 1)))
    except (ValueError, OverflowError):
        return date.min


def _unit(match: re.Match[str], words: Lexicon | None) -> str:
    """The unit in English (day, week, month, year, yr, mo), whatever the language said."""
    unit = match.group("unit")
    return unit if words is None else str(words.table("units").get(unit, unit))


def _ago(match: re.Match[str], today: date, words: Lexicon | None = None) -> Period | None:
    amount = _amount(match.group("n"), words)
    if amount is None:
        return None
    low, high = amount
    half = "and a half" in match.group(0) if words is None else bool(match.group("half"))
    if half:
        low, high = low + 0.5, high + 0.5
    unit, mod = _unit(match, words), match.group("mod") or ("about" if match.group("post") else None)
    said = match.group("mod")
    if words is not None and said:
        kind = words.table("mods").get(" ".join(said.split()), "about")
        mod = kind if kind in ("over", "under") else "about"
    if mod in ("more than", "over", "at least"):
        return Period(None, _back(today, high, unit))
    if mod in ("less than", "under"):
        return Period(_back(today, high, unit), today)
    if mod is not None:  # "about 6 months ago": one unit either way, half a year for years
        spread = 0.5 if unit in ("year", "yr") else 1
        low, high = max(low - spread, 0), high + spread
    return Period(_back(today, high, unit), _back(today, low, unit))


def date_data(fragment: str, today: date, date_order: str, words: Lexicon | None = None) -> DateData | None:
    """dateparser's reading of ``fragment`` as a past date seen from ``today``, with its period
    (day, week, month, year); the one place its settings live. None when it finds no date."""
    language = "en" if words is None else words.dateparser_language
    if words is not None:
        fragment = words.table("date_rewrites").get(fragment, fragment)
    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": datetime.combine(today, time()),
        "RETURN_TIME_AS_PERIOD": True,
        "DATE_ORDER": date_order,
    }
    try:
        data = DateDataParser(languages=[language], settings=settings).get_date_data(fragment)
    except Exception:  # a third-party parser must not turn odd text into a crash
        return None
    return data if data.date_obj is not None else None


def _dateparser(fragment: str, today: date, date_order: str, words: Lexicon | None = None) -> Period | None:
    data = date_data(fragment, today, date_order, words)
    if data is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        start, end = day.replace(month=1, day=1), day.replace(month=12, day=31)
    elif data.period == "month":
        start = day.replace(day=1)
        end = start + relativedelta(months=1, days=-1)
    elif data.period == "week":
        start = day - timedelta(days=day.weekday())
        end = start + timedelta(days=6)
    else:
        start = end = day
    if start > today:  # a date still to come: they are taking it until then
        return Period(today, today)
    return Period(start, min(end, today))


def _month_name(month: int, words: Lexicon | None) -> str:
    """The month's name in the language dateparser is given (1 -> "january" / "janvier")."""
    return MONTHS[month - 1] if words is None else words.table("month_names")[str(month)]


def _fragment(
    kind: str, match: re.Match[str], text: str, words: Lexicon | None = None, date_order: str = "DMY"
) -> str | None:
    """The text to give dateparser, or None when the match is not a date after all."""
    if kind == "month_year" or (kind == "iso" and match.group("d") is None):
        month = int(match.group("m"))
        if not 1 <= month <= 12:
            return None
        return f"{_month_name(month, words)} {match.group('y')}"
    if kind == "day_month":
        first, second = int(match.group("a")), int(match.group("b"))
        day, month = (first, second) if date_order.startswith("D") else (second, first)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return f"{day} {_month_name(month, words)}"
    if kind == "month" and match.group("month") == "may":
        has_detail = match.group("d1") or match.group("d2") or match.group("year")
        if not has_detail and not pick(words, "may_context", MAY_CONTEXT).search(text[: match.start()]):
            return None  # "I may have", not the month
    return match.group(0)


LANGUAGE_KINDS = ("ago", "recent", "long_ago", "named", "month")  # the others are digits only


def find_periods(
    text: str, today: date, date_order: str = "DMY", words: Lexicon | None = None
) -> list[Period]:
    """Every time expression in a normalised text, as a Period; never raises."""
    periods: list[Period] = []
    taken: list[tuple[int, int]] = []
    for kind, english in PATTERNS.items():
        pattern = english if words is None or kind not in LANGUAGE_KINDS else words.pattern(kind)
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            if kind == "ago":
                period = _ago(match, today, words)
            elif kind == "recent":
                amount = _amount(match.group("n"), words)
                period = Period(_back(today, amount[1], _unit(match, words)), today) if amount else None
            elif kind == "long_ago":
                period = Period(None, today - relativedelta(years=1))
            else:
                fragment = _fragment(kind, match, text, words, date_order)
                period = _dateparser(fragment, today, date_order, words) if fragment else None
                if period is not None and kind == "month" and _said_last_year(match, text, words):
                    period = _a_year_earlier(match, today, date_order, words) or period
                if period is not None and kind == "month":
                    period = _part_of_month(period, match, text, words)
            if period is not None:
                periods.append(period)
                taken.append((match.start(), match.end()))
    return _most_precise(periods)


# "end of June", "early March", "fin juin": which third of a month named without its day
PART_OF_MONTH = re.compile(
    r"\b(?:(?P<early>early|beginning of|start of)|(?P<mid>mid|middle of)|(?P<late>late|end of))"
    r"\s*(?:in\s+)?-?\s*$"
)
THIRDS = {"early": (1, 10), "mid": (10, 20), "late": (20, 31)}


def _part_of_month(period: Period, match: re.Match[str], text: str, words: Lexicon | None) -> Period:
    """The month's first, middle or last third when the text says which, and gives no day."""
    said_day = any(match.groupdict().get(day) for day in ("d1", "d2"))
    part = pick(words, "part_of_month", PART_OF_MONTH).search(text[: match.start()])
    if said_day or part is None or period.earliest is None:
        return period
    first, last = THIRDS[next(name for name, value in part.groupdict().items() if value)]
    start = period.earliest.replace(day=first)
    end = min(period.earliest + relativedelta(day=last), period.latest)  # day=31 stops at the month's end
    return Period(start, end)


def _said_last_year(match: re.Match[str], text: str, words: Lexicon | None) -> bool:
    """A month without its year, with "last year" just before or after it."""
    if match.group("year"):
        return False
    near = text[max(0, match.start() - 25) : match.end() + 30]
    return bool(pick(words, "last_year", LAST_YEAR).search(near))


def _a_year_earlier(
    match: re.Match[str], today: date, date_order: str, words: Lexicon | None
) -> Period | None:
    """The named month in the year before this one."""
    fragment = f"{match.group(0)} {today.year - 1}"
    return _dateparser(fragment, today, date_order, words)


def _most_precise(periods: list[Period]) -> list[Period]:
    """Drop a period that holds a more precise one: "1 June this year" is 1 June, not the year."""

    def holds(outer: Period, inner: Period) -> bool:
        starts_before = outer.earliest is None or (
            inner.earliest is not None and outer.earliest <= inner.earliest
        )
        return outer != inner and starts_before and inner.latest <= outer.latest

    return [p for p in periods if not any(holds(p, other) for other in periods)]


def is_ongoing(text: str, words: Lexicon | None = None) -> bool:
    """Still taking it ("still", "currently", "I'm on it"), unless they also say they stopped."""
    if pick(words, "stopped", STOPPED).search(text):
        return False
    since = pick(words, "since", SINCE).search(text) and not pick(words, "not_since", NOT_SINCE).search(text)
    return bool(pick(words, "ongoing", ONGOING).search(text)) or bool(since)


def mentions_time(text: str, words: Lexicon | None = None) -> bool:
    """Words about time that a person used, whether or not we could turn them into dates."""
    return bool(pick(words, "time_words", TIME_WORDS).search(text))

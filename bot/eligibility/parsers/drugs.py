"""Recent use of the study medicines: which ones, and when last taken, as a date range.

The parser only records what was said; whether that range falls in the window is the
evaluator's call, so the same stored answer gives the same outcome on any later day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.eligibility.lexicon import Lexicon, pick
from bot.eligibility.models import Answer, AnswerStatus, SlotSpec
from bot.eligibility.parsers.dates import Period, find_periods, is_ongoing, mentions_time
from bot.eligibility.parsers.entities import canonical_names, only_other_drugs
from bot.eligibility.parsers.yes_no import NEGATION, UNSURE, prepared, read_yes_no

# "not in the last 6 months" answers the question with a no, whatever happened before.
# a skin cream or eye drops of the same medicine is for the study team to judge, not an exclusion
TOPICAL = re.compile(r"\b(ointment|cream|topical|protopic|eye drops?|gel|skin)\b")
# "end of May or early June": either could be true, so the range covers both
EITHER = re.compile(r"\bor\b")
NOT_RECENTLY = re.compile(
    r"(n't|\bnot|\bnever|\bno)\b[^.]*\b(in|within|during|over|for)\s+the\s+(last|past)\b"
)


def _value(taken: str, drugs: list[str], last: Period | None, ongoing: bool) -> dict[str, Any]:
    return {
        "taken": taken,
        "drugs": drugs,
        "ongoing": ongoing,
        "last_taken": None
        if last is None
        else {
            "earliest": last.earliest.isoformat() if last.earliest else None,
            "latest": last.latest.isoformat(),
        },
    }


def _either(periods: list[Period]) -> Period:
    """One range from the first possible day to the last: the person gave alternatives."""
    starts = [p.earliest for p in periods]
    earliest = None if None in starts else min(start for start in starts if start is not None)
    return Period(earliest, max(p.latest for p in periods))


def parse_drug_history(
    text: str,
    today: date,
    spec: SlotSpec,
    rules: Mapping[str, Any],
    date_order: str = "DMY",
    words: Lexicon | None = None,
) -> Answer:
    """Answer value: taken yes/no, canonical drug names, ongoing, last_taken range (ISO dates)."""
    clean = prepared(text, words)
    if not clean:
        return Answer(status="invalid", message=spec.reask)
    reading = read_yes_no(clean, words=words)
    names = canonical_names(clean, "DRUG")
    targets = [name for name in names if name in rules.get("drugs", ())]
    others_only = only_other_drugs(clean, names, rules.get("drugs", ()), rules.get("other_drugs", ()))
    ongoing = is_ongoing(clean, words)
    not_recently = pick(words, "not_recently", NOT_RECENTLY).search(clean)
    periods = [] if not_recently else find_periods(clean, today, date_order, words)
    used = ongoing or bool(periods)
    unsure = bool(pick(words, "unsure", UNSURE).search(clean))

    if unsure and not used:
        return Answer(status="unsure", value=_value("unsure", targets, None, False), hedged=True)
    if not_recently or (pick(words, "negation", NEGATION).search(clean) and not used) or others_only:
        if reading.hedged and not others_only:  # "I don't think so": a coordinator checks
            return Answer(status="unsure", value=_value("unsure", targets, None, False), hedged=True)
        return Answer(status="ok", value=_value("no", targets, None, False), hedged=reading.hedged)
    if not (targets or used or reading.value == "yes"):
        return Answer(status="invalid", message=spec.reask)
    if pick(words, "topical", TOPICAL).search(clean):
        last = max(periods, key=lambda period: period.latest) if periods else None
        return Answer(status="unsure", value=_value("yes", targets, last, ongoing), hedged=True)
    if ongoing:
        return Answer(status="ok", value=_value("yes", targets, Period(today, today), True), hedged=unsure)
    if periods:
        last = (
            _either(periods)
            if pick(words, "either", EITHER).search(clean)
            else max(periods, key=lambda period: period.latest)
        )
        return Answer(status="ok", value=_value("yes", targets, last, False), hedged=unsure or reading.hedged)
    # Taken, time not given. Words about time we could not read mean a person should look.
    when_words = mentions_time(clean, words)
    status: AnswerStatus = "unsure" if when_words or reading.hedged else "ok"
    return Answer(status=status, value=_value("yes", targets, None, False), hedged=reading.hedged)

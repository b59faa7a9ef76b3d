"""Checklist items whose answer depends on *when* or *how much*, as the criteria data says.

- ``timing: ever``: a past event counts ("was in intensive care in 2022" applies);
- ``window_months: N``: only within the last N months ("drips in July" is outside 3 months);
- ``dose``: worse while taking more than a dose per kg ("worse on 40 mg, I weigh 70 kg");
- ``ever_keywords``: the words of an item whose history counts ("ventricular tachycardia last year").
Anything else is about now: a past mention is unsure, or does not apply if it is over ("cured").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

from bot.eligibility.lexicon import Lexicon, pick
from bot.eligibility.models import Criterion
from bot.eligibility.parsers.dates import find_periods
from bot.eligibility.parsers.text import has_phrase

ItemVerdict = Literal["applies", "unsure", "no"]
PAST = re.compile(
    r"\b(had|was|were|ago|used to|in the past|previously|before|history|once|former|years?|"
    r"last (week|month|year)|(19|20)\d\d)\b"
)
# a past tense about the latest result is about now: "potassium was low on the last blood test"
CURRENT = re.compile(
    r"\b(last (blood )?(test|results?|bloods)|latest|most recent|right now|currently|still)\b"
)
RESOLVED = re.compile(
    r"\b(cured|in remission|remission|removed|all clear|healed|recovered|gone now|nothing since|"
    r"treated and gone|no longer|all gone|gone now|it's gone|its gone|over now|better now|cleared up|"
    r"undetectable|fine now|all fine now|ok now|okay now|recovered fully|all better|clear since|"
    r"is finished|finished now|nothing now|"
    r"clear ever since)\b"
)
MG = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:mg|milligrams?)\b")
KG = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:kg|kgs|kilos?)\b")
LBS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:lbs?|pounds)\b")


def keyword_verdict(
    item: Criterion, segment: str, message: str, today: date | None, words: Lexicon | None = None
) -> ItemVerdict:
    """How a keyword of ``item`` found in ``segment`` (not denied, no doubt) reads; ``message`` is what
    the reply says of that item (its part of the reply, up to the next item named)."""
    rule = item.rule
    if rule.get("window_months") and today is not None:
        periods = find_periods(segment, today, words=words)
        if periods:
            start = today - relativedelta(months=int(rule["window_months"]))
            latest = max(period.latest for period in periods)
            earliest = min((p.earliest for p in periods if p.earliest), default=None)
            if latest < start:
                return "no"
            return "applies" if earliest is not None and earliest >= start else "unsure"
    ever = rule.get("ever_keywords") or ()
    if rule.get("timing") == "ever" or has_phrase(segment, ever):
        return "applies"
    # "prostate cancer, surgery in 2019, PSA undetectable since": over, wherever the message says so
    if pick(words, "resolved", RESOLVED).search(message):
        return "no"
    if not pick(words, "past", PAST).search(segment):
        return "applies"
    return "applies" if pick(words, "current", CURRENT).search(segment) else "unsure"


def _number(match: re.Match[str]) -> float:
    return float(match.group(1).replace(",", "."))


def dose_verdict(item: Criterion, message: str) -> ItemVerdict | None:
    """For an item with a ``dose`` rule: None unless the message says "worse" and names the medicine."""
    dose: Mapping[str, Any] = item.rule.get("dose") or {}
    if not dose or not (has_phrase(message, dose["worse"]) and has_phrase(message, dose["drugs"])):
        return None
    milligrams = MG.search(message)
    if milligrams is None:
        return "unsure"
    limit = float(dose["max_mg_per_kg"])
    kilos = KG.search(message)
    pounds = LBS.search(message)
    weight = _number(kilos) if kilos else _number(pounds) * 0.4536 if pounds else None
    if weight:
        return "applies" if _number(milligrams) / weight > limit else "no"
    light, heavy = (float(w) for w in dose["weight_kg"])
    if _number(milligrams) <= limit * light:
        return "no"  # under the limit whatever the weight
    return "applies" if _number(milligrams) > limit * heavy else "unsure"

"""The consent texts staff keep in data/content/consent.yml, their version, and what counts as a yes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.eligibility.parsers.text import normalise
from bot.eligibility.parsers.yes_no import read_yes_no
from bot.eligibility.routing import is_explicit_yes as says_yes_in_any_language

REQUIRED = ("version", "request", "handoff_request", "reask", "declined")
# Ways of agreeing that are not a plain yes ("yes I agree" is one already).
AGREEMENT = re.compile(
    r"^(y|agreed?|i agree|i consent|consent|go ahead|let'?s (do it|go|start|begin)|sounds good|fine)\b"
)


class ConsentTextError(ValueError):
    """The consent file cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class ConsentTexts:
    version: str
    request: str
    handoff_request: str
    reask: str
    declined: str


def retention_months(retention_days: int) -> int:
    """The retention period as people are told it, in whole months (at least one)."""
    return max(1, round(retention_days / 30.4))


def load_consent(path: Path, retention_days: int) -> ConsentTexts:
    """Load and check the texts, filling in the retention period people are told about."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ConsentTextError(f"{path}: expected the fields {', '.join(REQUIRED)}")
    missing = [key for key in REQUIRED if not str(raw.get(key) or "").strip()]
    if missing:
        raise ConsentTextError(f"{path}: missing or empty: {', '.join(missing)}")
    months = retention_months(retention_days)
    fields = {key: " ".join(str(raw[key]).split()) for key in REQUIRED}
    for key in ("request", "handoff_request"):
        if "{retention_months}" not in fields[key]:
            raise ConsentTextError(f"{path}: {key} must say how long data is kept ({{retention_months}})")
        fields[key] = fields[key].replace("{retention_months}", str(months))
    return ConsentTexts(**fields)


def is_explicit_yes(text: str) -> bool:
    """Consent needs words that say yes, whatever the model read: measured, it read keyboard mash
    as "yes" (up to 0.99), and a hedge ("probably", "I think so") is not explicit consent. A plain
    yes in French counts too (the yes of the conversation's own questions, bot/eligibility/routing.py)."""
    if says_yes_in_any_language(text):
        return True
    clean = normalise(text)
    reading = read_yes_no(clean)
    if reading.value is None:
        return bool(AGREEMENT.search(clean))
    return reading.value == "yes" and not reading.hedged

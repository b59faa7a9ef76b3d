"""The consent texts staff keep in data/content/consent.yml, and their version."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

REQUIRED = ("version", "request", "handoff_request", "reask", "declined")


class ConsentTextError(ValueError):
    """The consent file cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class ConsentTexts:
    version: str
    request: str
    handoff_request: str
    reask: str
    declined: str


def load_consent(path: Path, retention_days: int) -> ConsentTexts:
    """Load and check the texts, filling in the retention period people are told about."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ConsentTextError(f"{path}: expected the fields {', '.join(REQUIRED)}")
    missing = [key for key in REQUIRED if not str(raw.get(key) or "").strip()]
    if missing:
        raise ConsentTextError(f"{path}: missing or empty: {', '.join(missing)}")
    months = max(1, round(retention_days / 30.4))
    fields = {key: " ".join(str(raw[key]).split()) for key in REQUIRED}
    for key in ("request", "handoff_request"):
        if "{retention_months}" not in fields[key]:
            raise ConsentTextError(f"{path}: {key} must say how long data is kept ({{retention_months}})")
        fields[key] = fields[key].replace("{retention_months}", str(months))
    return ConsentTexts(**fields)

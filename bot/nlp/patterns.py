"""Load and validate the entity-ruler patterns that staff keep in ``data/spacy/patterns.yml``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

LABELS = ("DRUG", "ANTIBODY", "CONDITION")


class PatternsError(ValueError):
    """A patterns file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Term:
    """One way of writing a canonical name, e.g. ("DRUG", "azathioprine", "imurel")."""

    label: str
    canonical: str
    phrase: str


def load_terms(path: Path) -> list[Term]:
    """Read the patterns file; every phrase is lower-cased so matching ignores case."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PatternsError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise PatternsError(f"{path}: expected labels {LABELS} at the top level")
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for label, names in raw.items():
        if label not in LABELS:
            raise PatternsError(f"{path}: unknown label {label!r}; use one of {LABELS}")
        if not isinstance(names, dict):
            raise PatternsError(f"{path}: {label} must map canonical names to lists of spellings")
        for canonical, phrases in names.items():
            if not isinstance(phrases, list) or not phrases:
                raise PatternsError(f"{path}: {label}/{canonical} needs a non-empty list of spellings")
            for phrase in phrases:
                text = str(phrase).strip().lower()
                if not text:
                    raise PatternsError(f"{path}: {label}/{canonical} has an empty spelling")
                owner = seen.setdefault(text, f"{label}/{canonical}")
                if owner != f"{label}/{canonical}":
                    raise PatternsError(
                        f"{path}: {text!r} is listed under both {owner} and {label}/{canonical}"
                    )
                terms.append(Term(label=label, canonical=str(canonical), phrase=text))
    return terms


def fingerprint(path: Path) -> str:
    """A short hash of the file, so a built pipeline can tell it is stale."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]

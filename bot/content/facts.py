"""Read trial.yml into TrialFacts and derive what answers may quote from it.

Allowed numbers and known drug names are derived from the facts themselves, so staff who update a
fact (a dose, a date) cannot forget to update a separate allow-list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bot.content.loader import ContentError, read_yaml
from bot.content.models import Drug, TrialFacts
from bot.content.numbers import numbers_in

TRIAL_FILENAME = "trial.yml"
REQUIRED_KEYS = ("acronym", "identifiers", "drugs", "source_documents", "recruitment")


def load_trial(path: Path) -> TrialFacts:
    """Load and validate trial.yml; raises ContentError naming the file and the key that is wrong."""
    return parse_trial(read_yaml(path), path)


def parse_trial(document: Any, path: Path | str = TRIAL_FILENAME) -> TrialFacts:
    """Validate an already-parsed trial document and derive the allow-lists."""
    if not isinstance(document, Mapping):
        raise ContentError(path, ["the file must be a mapping of trial facts"])
    problems = [f"missing key '{key}'" for key in REQUIRED_KEYS if key not in document]
    drugs = _drugs(document.get("drugs"), problems)
    identifiers = document.get("identifiers")
    if "identifiers" in document and not isinstance(identifiers, Mapping):
        problems.append("key 'identifiers' must map a name to an identifier")
    sources = document.get("source_documents")
    if "source_documents" in document and not (isinstance(sources, Mapping) and sources):
        problems.append("key 'source_documents' must map each source document to a description")
    recruitment = document.get("recruitment")
    last_checked = recruitment.get("last_checked") if isinstance(recruitment, Mapping) else None
    if "recruitment" in document and not last_checked:
        problems.append("key 'recruitment' needs a 'last_checked' date such as '2025-09'")
    extras = document.get("known_drugs") or []
    if not isinstance(extras, list):
        problems.append("key 'known_drugs' must be a list of drug names")
    if problems:
        raise ContentError(path, problems)
    known = {drug.name.lower() for drug in drugs}
    known |= {brand.lower() for drug in drugs for brand in drug.brands}
    known |= {str(name).lower() for name in extras}
    return TrialFacts(
        acronym=str(document["acronym"]),
        identifiers={str(key): str(value) for key, value in (identifiers or {}).items()},
        drugs=tuple(drugs),
        source_documents=tuple(str(name) for name in sources or ()),
        recruitment_last_checked=str(last_checked),
        allowed_numbers=frozenset(number for text in _scalars(document) for number in numbers_in(text)),
        known_drugs=frozenset(known),
        document=dict(document),
    )


def _drugs(raw: Any, problems: list[str]) -> list[Drug]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append("key 'drugs' must be a list of {name, brands}")
        return []
    drugs: list[Drug] = []
    for position, item in enumerate(raw, start=1):
        name = item.get("name") if isinstance(item, Mapping) else None
        brands = item.get("brands", []) if isinstance(item, Mapping) else None
        if not isinstance(name, str) or not name.strip() or not isinstance(brands, list):
            problems.append(f"drugs #{position}: needs a 'name' and a 'brands' list")
            continue
        drugs.append(Drug(name=name.strip(), brands=tuple(str(brand) for brand in brands)))
    return drugs


def _scalars(value: Any) -> Iterator[str]:
    """Every scalar value in the document as text (keys are names, not facts)."""
    if isinstance(value, Mapping):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _scalars(item)
    elif value is not None and not isinstance(value, bool):
        yield str(value)

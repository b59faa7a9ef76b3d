"""Build, save and load the spaCy pipeline that Rasa's SpacyNLP and our parsers share.

No pretrained English model can be downloaded here, so the pipeline is a blank English
tokenizer, the lookup lemmatizer (tables from spacy-lookups-data) and an entity ruler
whose patterns come from ``data/spacy/patterns.yml``.
"""

from __future__ import annotations

import json
import logging
import shutil
from functools import lru_cache
from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokenizer import Tokenizer

from bot.nlp.patterns import Term, fingerprint, load_terms
from bot.settings import get_settings

log = logging.getLogger(__name__)

MODEL_NAME = "catr_pat_en"
FINGERPRINT_FILE = "patterns.fingerprint"
# French elisions split off the word they lean on ("l'étude" -> "l'" "étude", "d'Imurel" -> "d'"
# "Imurel"), so the word's features and the entity ruler see the same word as in "l etude". A
# prefix of one letter (or qu/jusqu/lorsqu/puisqu) and an apostrophe before a letter: no English
# word in the training data starts that way (tests/nlp/test_pipeline.py checks the English tokens
# are unchanged). Part of the fingerprint, so a change rebuilds the pipeline.
ELISION = r"(?i:(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’](?=[^\W\d_]))"
TOKENIZER_VERSION = "elisions-1"


def patterns_path() -> Path:
    return get_settings().repo_root / "data" / "spacy" / "patterns.yml"


def build_pipeline(terms: list[Term]) -> Language:
    """A fresh pipeline in memory. The ruler is added after initialize(), which would reset it."""
    nlp = spacy.blank("en")
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    tokenizer.prefix_search = spacy.util.compile_prefix_regex(
        [ELISION, *(nlp.Defaults.prefixes or ())]
    ).search
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    ruler = cast(
        EntityRuler,
        nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}),
    )
    ruler.add_patterns(
        [{"label": term.label, "pattern": term.phrase, "id": term.canonical} for term in terms]
    )
    nlp.meta["name"] = MODEL_NAME
    nlp.meta["description"] = "CATR-PAT assistant: blank English, lookup lemmatizer, entity ruler"
    return nlp


def save_pipeline(target: Path | None = None, source: Path | None = None) -> Path:
    """Build from the patterns file and save where Rasa's config.yml expects it."""
    target = target or get_settings().spacy_model_dir
    source = source or patterns_path()
    nlp = build_pipeline(load_terms(source))
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    (target / FINGERPRINT_FILE).write_text(_fingerprint(source), encoding="utf-8")
    log.info(
        "event=spacy_pipeline_built path=%s patterns=%d",
        target,
        len(cast(EntityRuler, nlp.get_pipe("entity_ruler"))),
    )
    return target


def is_current(target: Path | None = None, source: Path | None = None) -> bool:
    """True when the saved pipeline was built from the present patterns file."""
    target = target or get_settings().spacy_model_dir
    marker = target / FINGERPRINT_FILE
    return marker.exists() and marker.read_text(encoding="utf-8") == _fingerprint(source or patterns_path())


def _fingerprint(source: Path) -> str:
    return f"{fingerprint(source)}:{TOKENIZER_VERSION}"


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The pipeline for our own parsers: the saved one when current, else built in memory."""
    target = get_settings().spacy_model_dir
    if is_current(target):
        return spacy.load(target)
    return build_pipeline(load_terms(patterns_path()))


def synonyms() -> dict[str, list[str]]:
    """Canonical name -> spellings, for Rasa's EntitySynonymMapper training data."""
    table: dict[str, list[str]] = {}
    for term in load_terms(patterns_path()):
        if term.phrase != term.canonical.lower():
            table.setdefault(term.canonical, []).append(term.phrase)
    return table


def describe(target: Path) -> str:
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    return f"{meta['lang']}_{meta['name']} {meta['version']} pipes={meta['pipeline']}"

"""Everything generated before training: the spaCy pipeline and Rasa data derived from content."""

from __future__ import annotations

import logging
from pathlib import Path

import yaml

from bot.nlp import pipeline
from bot.settings import Settings

log = logging.getLogger(__name__)


def write_synonyms(target: Path) -> Path:
    """Rasa synonyms from the spaCy patterns, so "Imurel" is recorded as azathioprine."""
    nlu = [
        {"synonym": canonical, "examples": "".join(f"- {phrase}\n" for phrase in sorted(set(phrases)))}
        for canonical, phrases in sorted(pipeline.synonyms().items())
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    header = "# GENERATED from data/spacy/patterns.yml by `python -m bot build`: do not edit.\n"
    target.write_text(header + yaml.safe_dump({"version": "3.1", "nlu": nlu}, sort_keys=False), "utf-8")
    return target


def prepare(settings: Settings) -> list[Path]:
    """Bring every generated input up to date; returns what it wrote."""
    from bot.content.rasa_export import write_rasa_faq

    written: list[Path] = []
    if not pipeline.is_current(settings.spacy_model_dir):
        written.append(pipeline.save_pipeline(settings.spacy_model_dir))
    generated = settings.generated_data_dir
    written.append(write_synonyms(generated / "synonyms.yml"))
    written.append(write_rasa_faq(generated / "faq.yml"))
    for path in written:
        log.info("event=generated path=%s", path.relative_to(settings.repo_root))
    return written

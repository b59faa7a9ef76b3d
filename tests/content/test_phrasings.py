"""faq_phrasings.yml: more ways of asking each entry, for the lexical reader only; a staff mistake is
named, and no held-out test question may hide in it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.checks import normalise_question
from bot.content.loader import ContentError
from bot.content.phrasings import load_phrasings, parse_phrasings, phrasings_files
from bot.settings import REPO_ROOT, get_settings

IDS = {"duration", "cost"}


def test_phrasings_are_read_by_entry_with_spacing_tidied() -> None:
    read = parse_phrasings(
        {"entries": {"duration": ["how  long is it", "weeks?"], "cost": ["is it free"]}}, IDS
    )
    assert read == {"duration": ("how long is it", "weeks?"), "cost": ("is it free",)}


@pytest.mark.parametrize(
    ("document", "named"),
    [
        ({"entries": {"visits": ["how often"]}}, "faq.yml has no entry with this id"),
        ({"entries": {"cost": "is it free"}}, "must be a list of non-empty texts"),
        ({"entries": {"cost": ["is it free", " "]}}, "must be a list of non-empty texts"),
        ({"entries": {"cost": ["is it [free]"]}}, "contains one of"),
        ({"entries": {"cost": ["is it free"], "duration": ["Is it free?"]}}, "also listed under 'cost'"),
        (["is it free"], "must be a mapping with 'entries'"),
    ],
)
def test_a_mistake_is_named(document: object, named: str) -> None:
    with pytest.raises(ContentError) as raised:
        parse_phrasings(document, IDS, "faq_phrasings.yml")
    assert named in str(raised.value)


def test_every_language_s_file_is_merged(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "faq_phrasings.yml").write_text("entries:\n  cost:\n  - is it free\n", encoding="utf-8")
    (tmp_path / "fr" / "faq_phrasings.yml").write_text("entries:\n  cost:\n  - c gratuit\n", encoding="utf-8")
    assert load_phrasings(tmp_path, IDS) == {"cost": ("is it free", "c gratuit")}
    assert load_phrasings(tmp_path / "fr" / "none", IDS) == {}


def _heldout_texts() -> set[str]:
    """Every question of every held-out or calibration file under tests/ (FAQ and NLU)."""
    texts: set[str] = set()
    folders = [REPO_ROOT / "tests" / "answers" / name for name in ("heldout", "calibration")]
    for path in [
        *(p for folder in folders for p in folder.glob("*.yml")),
        *(REPO_ROOT / "tests" / "nlu" / "heldout").glob("*.yml"),
    ]:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts |= {str(item["text"]) for item in document.get("questions", [])}
        for item in document.get("nlu", []):
            texts |= {line[2:] for line in str(item["examples"]).splitlines() if line.startswith("- ")}
    return {normalise_question(text) for text in texts}


def test_no_heldout_question_is_a_phrasing() -> None:
    content_dir = get_settings().content_dir
    assert len(phrasings_files(content_dir)) == 2  # English and French
    heldout = _heldout_texts()
    assert len(heldout) > 500
    phrasings = load_phrasings(content_dir, _ids(content_dir))
    copies = [text for texts in phrasings.values() for text in texts if normalise_question(text) in heldout]
    assert copies == []


def _ids(content_dir: Path) -> set[str]:
    from bot.content.loader import FAQ_FILENAME, load_faq

    return {entry.id for entry in load_faq(content_dir / FAQ_FILENAME)}

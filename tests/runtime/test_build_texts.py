"""The build turns data/texts (and the consent wording) into Rasa responses, a variation per language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.runtime.build import CONSENT_RESPONSES, text_responses, write_text_responses
from bot.settings import get_settings
from bot.texts import TextsError, load_texts

FRENCH = [{"type": "slot", "name": "language", "value": "fr"}]
ENGLISH_CONSENT, FRENCH_CONSENT = Path("consent.yml"), Path("fr") / "consent.yml"


def _texts(root: Path, english: str, french: str = "") -> Path:
    for language, body in (("en", english), ("fr", french)):
        (root / language).mkdir(parents=True)
        (root / language / "area.yml").write_text(body, encoding="utf-8")
    return root


def test_only_utter_ids_become_responses_with_their_buttons(tmp_path: Path) -> None:
    root = _texts(
        tmp_path,
        "utter_offer:\n  text: Call you?\n  buttons: [{title: 'Yes', payload: /affirm}]\n"
        "chat_empty: Empty.\n",
    )
    assert text_responses(load_texts(root)) == {
        "utter_offer": [{"text": "Call you?", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]
    }


def test_a_translation_is_a_variation_on_the_language_slot_before_english(tmp_path: Path) -> None:
    root = _texts(tmp_path, "utter_saved: Saved.\nutter_other: Other.\n", "utter_saved: Enregistré.\n")
    responses = text_responses(load_texts(root))
    assert responses["utter_saved"] == [
        {"text": "Enregistré.", "condition": [{"type": "slot", "name": "language", "value": "fr"}]},
        {"text": "Saved."},
    ]
    assert responses["utter_other"] == [{"text": "Other."}]  # not translated: English for everyone


def test_the_generated_responses_hold_every_utter_text_and_the_consent_wording(tmp_path: Path) -> None:
    settings = get_settings()
    domain_dir = tmp_path / "domain"
    shutil.copytree(settings.repo_root / "domain", domain_dir)  # declares the language slot
    written = yaml.safe_load(write_text_responses(settings, domain_dir).read_text(encoding="utf-8"))
    responses = written["responses"]
    texts = load_texts(settings.texts_dir)
    assert responses["utter_ask_contact_name"] == [
        {"text": texts.text("utter_ask_contact_name", "fr"), "condition": FRENCH},
        {"text": texts.text("utter_ask_contact_name")},
    ]
    declined_fr, declined_en = responses["utter_consent_declined"]
    for path, declined in ((ENGLISH_CONSENT, declined_en), (FRENCH_CONSENT, declined_fr)):
        consent = yaml.safe_load((settings.content_dir / path).read_text(encoding="utf-8"))
        assert declined["text"] == " ".join(consent["declined"].split())
    assert declined_fr["condition"] == FRENCH and "condition" not in declined_en
    assert [b["payload"] for b in declined_fr["buttons"]] == ["/affirm", "/deny"]
    assert declined_fr["buttons"][0]["title"] == texts.text("consent_button_yes", "fr")
    assert "{retention_months}" in responses["utter_consent_request"][1]["text"]  # filled by the action
    assert set(CONSENT_RESPONSES) <= set(responses)


def test_a_text_also_written_in_the_domain_is_refused(tmp_path: Path) -> None:
    domain_dir = tmp_path / "domain"
    domain_dir.mkdir()
    (domain_dir / "core.yml").write_text("responses:\n  utter_greet:\n    - text: Hi\n", encoding="utf-8")
    with pytest.raises(TextsError, match="utter_greet also in data/texts"):
        write_text_responses(get_settings(), domain_dir)


def test_translations_without_a_language_slot_are_refused(tmp_path: Path) -> None:
    english = "utter_goodbye: Bye.\nconsent_button_yes: Yes, I agree\nconsent_button_no: 'No'\n"
    texts = load_texts(_texts(tmp_path / "texts", english, "utter_goodbye: Au revoir.\n"))
    domain_dir = tmp_path / "domain"
    domain_dir.mkdir()
    with pytest.raises(TextsError, match="`language` slot"):
        write_text_responses(get_settings(), domain_dir, texts)
    (domain_dir / "core.yml").write_text("slots:\n  language: {type: text, mappings: []}\n", encoding="utf-8")
    written = yaml.safe_load(
        write_text_responses(get_settings(), domain_dir, texts).read_text(encoding="utf-8")
    )
    assert written["responses"]["utter_goodbye"][0]["text"] == "Au revoir."

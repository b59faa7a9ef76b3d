"""data/texts: every sentence by id, English complete, a translation a folder, problems named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import get_settings
from bot.texts import TextsError, load_texts


def _write(root: Path, language: str, name: str, body: str) -> None:
    folder = root / language
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")


@pytest.fixture
def texts_root(tmp_path: Path) -> Path:
    _write(
        tmp_path,
        "en",
        "leads.yml",
        "utter_saved: Your details are saved.\n"
        "utter_offer:\n  text: Shall a coordinator call you?\n"
        "  buttons:\n    - {title: 'Yes, please', payload: /affirm}\n"
        "chat_too_long: Please write under {max_chars} characters.\n",
    )
    _write(tmp_path, "fr", "leads.yml", "utter_saved: Vos coordonnées sont enregistrées.\n")
    return tmp_path


def test_a_text_is_found_by_its_id(texts_root: Path) -> None:
    assert load_texts(texts_root).text("utter_saved") == "Your details are saved."


def test_a_translated_text_is_said_in_that_language(texts_root: Path) -> None:
    assert load_texts(texts_root).text("utter_saved", "fr") == "Vos coordonnées sont enregistrées."


def test_a_text_not_yet_translated_falls_back_to_english(texts_root: Path) -> None:
    texts = load_texts(texts_root)
    assert texts.text("utter_offer", "fr") == "Shall a coordinator call you?"
    assert texts.text("utter_saved", "de") == "Your details are saved."  # no folder at all yet


def test_missing_translations_are_listed(texts_root: Path) -> None:
    texts = load_texts(texts_root)
    assert texts.missing_translations("fr") == ["chat_too_long", "utter_offer"]
    assert texts.missing_translations("en") == []


def test_placeholders_are_filled_and_a_missing_value_is_named(texts_root: Path) -> None:
    texts = load_texts(texts_root)
    assert texts.text("chat_too_long", max_chars=2000) == "Please write under 2000 characters."
    with pytest.raises(TextsError, match=r"en/leads.yml: chat_too_long: no value given for max_chars"):
        texts.text("chat_too_long")


def test_an_unknown_id_names_the_id(texts_root: Path) -> None:
    with pytest.raises(TextsError, match="'utter_nothing'"):
        load_texts(texts_root).text("utter_nothing")


def test_buttons_are_kept_with_their_text(texts_root: Path) -> None:
    (button,) = load_texts(texts_root).entry("utter_offer").buttons
    assert (button.title, button.payload) == ("Yes, please", "/affirm")


@pytest.mark.parametrize(
    ("language", "body", "problem"),
    [
        ("en", "utter_empty: ''\n", r"en/bad.yml: utter_empty: the text is empty"),
        ("en", "button_no: No\n", r"en/bad.yml: button_no: expected a text.*quote Yes and No"),
        ("en", "Utter Bad: Hello there.\n", r"en/bad.yml: Utter Bad: an id is lower-case"),
        ("en", "utter_saved: Again.\n", r"utter_saved: already defined in .*en/(bad|leads).yml"),
        ("en", "utter_x:\n  text: Hi.\n  buttons: [{title: Yes}]\n", r"utter_x: each button needs"),
        ("en", "utter_x: Hello {name.\n", r"en/bad.yml: utter_x: a brace does not close"),
        (
            "en",
            "utter_x:\n  text: Agree?\n  buttons: [{title: Yes, payload: /affirm}]\n",
            r"quote Yes and No",
        ),
        ("fr", "utter_other: Bonjour.\n", r"fr/bad.yml: utter_other: not in en/"),
        ("fr", "chat_too_long: Moins de {max} caractères.\n", r"fr/bad.yml: chat_too_long: placeholders"),
        ("fr", "utter_offer: Un coordinateur peut vous appeler ?\n", r"utter_offer: needs as many buttons"),
        ("fr", "- a list\n", r"fr/bad.yml: expected a mapping"),
    ],
)
def test_a_broken_file_is_refused_naming_file_id_and_problem(
    texts_root: Path, language: str, body: str, problem: str
) -> None:
    _write(texts_root, language, "bad.yml", body)
    with pytest.raises(TextsError, match=problem):
        load_texts(texts_root)


def test_a_folder_that_is_not_a_language_is_refused(texts_root: Path) -> None:
    (texts_root / "french").mkdir()
    with pytest.raises(TextsError, match="two-letter code"):
        load_texts(texts_root)


def test_the_real_texts_load_and_english_is_complete() -> None:
    texts = load_texts(get_settings().texts_dir)
    assert "en" in texts.languages and "fr" in texts.languages
    assert texts.text("utter_ask_contact_name").endswith("?")
    assert texts.missing_translations("en") == []

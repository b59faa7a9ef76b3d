"""Keyboard mash by its shape (our own strings; the held-out ones are in tests/nlu/heldout/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.nlp.mash import is_keyboard_mash


@pytest.mark.parametrize("text", ["kkkkkk", "tyutyu", "bnbnbn", "ghjghj ghjghj", "ZXZXZX", "uiouiouio!!"])
def test_one_letter_group_typed_again_and_again_is_mash(text: str) -> None:
    assert is_keyboard_mash(text)


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "nono",
        "haha",
        "yes",
        "non merci",
        "ok ok",
        "jo1",
        "pl7 pl7",
        "tacrolimus",
        "couscous",
        "",
        "55555",
        "type",
        "were",
        "tres",
        "azote",
        "coucou",
        "coucou 😊",
    ],
)
def test_words_numbers_and_short_repeats_are_not_mash(text: str) -> None:
    assert not is_keyboard_mash(text)


@pytest.mark.parametrize("text", ["rewq", "hjkl", "poiuy", "wxcv", "yuio hjkl"])
def test_neighbouring_keys_of_one_row_are_mash(text: str) -> None:
    assert is_keyboard_mash(text)


def test_no_word_the_assistant_knows_is_a_run_of_neighbouring_keys() -> None:
    """Every word of what the assistant says and reads answers with (FAQ, texts, criteria and their
    phrases, both languages) stays a word; data/nlu holds mash on purpose, as examples of mash."""
    folders = [Path("data") / name for name in ("content", "texts", "eligibility")]
    paths = [path for folder in folders for path in folder.rglob("*.yml")]
    text = " ".join(path.read_text(encoding="utf-8").lower() for path in paths)
    words = set(re.findall(r"[^\W\d_]+", text))
    assert not [word for word in words if is_keyboard_mash(word)]

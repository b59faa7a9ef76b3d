"""Keyboard mash by its shape (our own strings; the held-out ones are in tests/nlu/heldout/)."""

from __future__ import annotations

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
    ],
)
def test_words_numbers_and_short_repeats_are_not_mash(text: str) -> None:
    assert not is_keyboard_mash(text)

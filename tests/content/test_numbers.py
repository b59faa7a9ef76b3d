"""Numbers read the same whether written in digits or words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.content.numbers import normalise_number, numbers_in


def test_digits_words_and_compounds_are_found() -> None:
    text = "fifty-two weeks, 38 people, seventy six in all, 1,000 mg, 7.50 mg, month 05"
    assert numbers_in(text) == {"52", "38", "76", "1000", "7.5", "5"}


def test_words_inside_other_words_are_not_numbers() -> None:
    assert numbers_in("someone often listens; nonetheless") == set()


def test_identifier_digits_are_found() -> None:
    assert numbers_in("NCT03770663 and 2016-002921-12") == {"3770663", "2016", "2921", "12"}


@given(st.integers(min_value=0, max_value=10**9))
def test_any_whole_number_reads_back_as_itself(value: int) -> None:
    assert numbers_in(f"about {value} people") == {str(value)}
    assert normalise_number(f"00{value}") == str(value)

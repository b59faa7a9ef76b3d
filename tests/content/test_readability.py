"""Reading grades: offline, stable and ordered the way people find texts hard."""

from __future__ import annotations

from bot.content.readability import grade, summary, syllables


def test_plain_text_reads_at_a_lower_grade_than_dense_text() -> None:
    plain = "The study lasts one year. You can stop at any time."
    dense = "Participation necessitates comprehensive immunosuppressive pharmacotherapy administration."
    assert grade(plain) < 6 < grade(dense)


def test_empty_text_has_grade_zero() -> None:
    assert grade("") == 0.0


def test_grade_is_the_same_on_every_call() -> None:
    text = "Tacrolimus is a medicine taken by mouth. The dose is checked with blood tests."
    assert grade(text) == grade(text)


def test_long_drug_names_count_their_syllables() -> None:
    assert syllables("tacrolimus") >= 4
    assert syllables("cyclophosphamide") >= 5
    assert syllables("the") == 1


def test_summary_gives_median_and_worst() -> None:
    assert summary([3.0, 9.5, 5.0]) == (5.0, 9.5)
    assert summary([]) == (0.0, 0.0)

"""French reading ease (Kandel-Moles): counts checked by hand, and plain French scores above dense French."""

from __future__ import annotations

import pytest

from bot.content.readability_fr import MIN_SCORE, count_sentences, is_plain, score, summary, syllables, words


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("étude", 2),  # é-tude: the final e is mute
        ("études", 2),  # a mute -es as well
        ("prennent", 1),  # the -ent of a verb is mute
        ("patient", 2),  # pa-tient: "ie" is one vowel group, the -ent is heard
        ("souvent", 2),  # sou-vent: an -ent that is heard
        ("traitement", 3),  # trai-te-ment: -ment keeps its syllable
        ("née", 1),  # "ée" is one pronounced group
        ("eau", 1),
        ("le", 1),  # a one-syllable word keeps its e
        ("Endoxan", 3),
        ("cyclophosphamide", 5),  # cy-clo-phos-pha-mide
        ("l'étude", 2),  # an elision adds no syllable
        ("6", 1),
        ("52", 2),
    ],
)
def test_french_syllables_are_counted_as_spoken(word: str, expected: int) -> None:
    assert syllables(word) == expected


def test_an_elision_and_a_hyphenated_word_count_as_one_word() -> None:
    assert words("L'étude dure un an. Vous pouvez arrêter.") == [
        "L'étude", "dure", "un", "an", "Vous", "pouvez", "arrêter",
    ]  # fmt: skip
    assert words("anti-Jo-1 positif") == ["anti-Jo-1", "positif"]


def test_a_decimal_comma_or_point_does_not_end_a_sentence() -> None:
    assert count_sentences("La dose est de 0,5 mg. Elle baisse ensuite.") == 2
    assert count_sentences("Au début, 7.5 mg par kilo") == 1
    assert count_sentences("") == 0


def test_score_matches_the_formula_on_counts_checked_by_hand() -> None:
    # 3 words, 1 sentence, 3 syllables: 207 - 1.015 * 3 - 73.6 * 1 = 130.355
    assert score("Le chat dort.") == 130.4
    # 7 words, 2 sentences, 11 syllables (2+1+1+1 / 1+2+3): 207 - 1.015 * 3.5 - 73.6 * 11 / 7 = 87.79
    assert score("L'étude dure un an. Vous pouvez arrêter.") == 87.8


def test_plain_french_passes_and_dense_french_does_not() -> None:
    plain = "L'étude dure un an. Vous pouvez arrêter quand vous voulez."
    dense = (
        "L'administration concomitante d'immunosuppresseurs nécessite une surveillance "
        "pharmacologique individualisée et rigoureuse."
    )
    assert is_plain(plain)
    assert not is_plain(dense)
    assert score(dense) < MIN_SCORE < score(plain)


def test_empty_text_scores_zero() -> None:
    assert score("") == 0.0


def test_summary_gives_median_and_lowest() -> None:
    assert summary([70.0, 62.5, 90.0]) == (70.0, 62.5)
    assert summary([]) == (0.0, 0.0)

"""Our spaCy pipeline finds drug names (generic and brand) and antibody spellings, case-insensitively."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlp.patterns import PatternsError, load_terms
from bot.nlp.pipeline import build_pipeline, load_pipeline


def _entities(text: str) -> list[tuple[str, str]]:
    return [(ent.label_, ent.ent_id_) for ent in load_pipeline()(text).ents]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("I took Imurel", "azathioprine"),
        ("imuran last year", "azathioprine"),
        ("AZATHIOPRINE", "azathioprine"),
        ("on Prograf now", "tacrolimus"),
        ("advagraf", "tacrolimus"),
        ("tacrolimous", "tacrolimus"),
        ("Endoxan drips", "cyclophosphamide"),
        ("cytoxan", "cyclophosphamide"),
        ("Solu-Medrol", "methylprednisolone"),
        ("Cortancyl", "prednisone"),
    ],
)
def test_brand_and_generic_drug_names_map_to_the_generic(text: str, canonical: str) -> None:
    assert ("DRUG", canonical) in _entities(text)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Jo-1", "Jo-1"), ("JO1", "Jo-1"), ("anti-Jo1", "Jo-1"), ("anti jo 1 positive", "Jo-1"),
        ("PL-7", "PL-7"), ("pl7", "PL-7"), ("anti-PL12", "PL-12"), ("PL 12", "PL-12"),
        ("anti-EJ", "EJ"), ("OJ", "OJ"),
    ],
)  # fmt: skip
def test_antibody_spellings_are_recognised(text: str, canonical: str) -> None:
    assert ("ANTIBODY", canonical) in _entities(text)


def test_lay_words_for_the_lung_disease_are_recognised() -> None:
    assert ("CONDITION", "interstitial lung disease") in _entities("my husband has lung scarring")


def test_ordinary_words_are_not_entities() -> None:
    assert _entities("how long does the study last and where is it") == []


def test_lemmatizer_gives_dictionary_forms() -> None:
    assert [token.lemma_ for token in load_pipeline()("took scars")] == ["take", "scar"]


def test_a_spelling_listed_twice_is_refused_with_both_owners(tmp_path: Path) -> None:
    path = tmp_path / "patterns.yml"
    path.write_text("DRUG:\n  a: [x]\n  b: [x]\n", encoding="utf-8")
    with pytest.raises(PatternsError, match="DRUG/a and DRUG/b"):
        load_terms(path)


def test_an_unknown_label_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "patterns.yml"
    path.write_text("MEDICINE:\n  a: [x]\n", encoding="utf-8")
    with pytest.raises(PatternsError, match="unknown label"):
        load_terms(path)


def test_patterns_added_by_staff_are_used(tmp_path: Path) -> None:
    path = tmp_path / "patterns.yml"
    path.write_text("DRUG:\n  tacrolimus: [tacro]\n", encoding="utf-8")
    nlp = build_pipeline(load_terms(path))
    assert [(e.label_, e.ent_id_) for e in nlp("tacro since may").ents] == [("DRUG", "tacrolimus")]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("l'étude", ["l'", "étude"]),
        ("j'ai 54 ans", ["j'", "ai", "54", "ans"]),
        ("qu'est-ce que c'est", ["qu'", "est", "-", "ce", "que", "c'", "est"]),
        ("L’Imurel", ["L’", "Imurel"]),
    ],
)
def test_french_elisions_are_split_from_their_word(text: str, tokens: list[str]) -> None:
    assert [token.text for token in load_pipeline()(text)] == tokens


def test_a_drug_after_an_elision_is_found() -> None:
    assert _entities("j'ai pris de l'Imurel") == [("DRUG", "azathioprine")]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("don't", ["do", "n't"]),
        ("I'm on it", ["I", "'m", "on", "it"]),
        ("it's", ["it", "'s"]),
    ],
)
def test_english_contractions_keep_their_tokens(text: str, tokens: list[str]) -> None:
    assert [token.text for token in load_pipeline()(text)] == tokens

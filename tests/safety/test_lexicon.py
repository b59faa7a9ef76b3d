"""The safety lexicons: the pattern language, negations, figures of speech, readings, load errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.safety import screen
from bot.safety.lexicon import Indexed, LexiconError, load_lexicon, load_lexicons
from bot.safety.patterns import FirstWords, MessageWords, PatternCompiler, PatternError, normalise


def test_normalise_folds_case_accents_apostrophes_and_stretched_letters() -> None:
    assert normalise("J'ARRIVE PAS à respirer!!") == "jarrive pas a respirer"
    assert normalise("I can't breeeathe") == "i cant breathe"
    assert normalise("fièvre 39,5°") == "fievre 39.5 temp"
    assert normalise("l'imurel", apostrophe=" ") == "l imurel"


def test_normalise_reads_a_temperature_unit_and_a_glued_multiple() -> None:
    assert normalise("102F, 38.9°C") == "102 temp 38.9 temp"
    assert normalise("39 ° ce soir") == "39 temp ce soir"
    assert normalise("ALT 3x normal, ASAT x2") == "alt 3 x normal asat x 2"
    # a temperature unit needs its degree sign or a glued c or f
    assert normalise("fvc 65% in 2 days") == "fvc 65 % in 2 days"


def test_patterns_read_groups_prefixes_alternatives_gaps_and_numbers() -> None:
    compiler = PatternCompiler({"who": ["my dad", "my mum"]})
    assert compiler.compile("{who} .. breath*").search("my dad is out of breath")
    assert not compiler.compile("{who} .. breath*").search("my dad is fine")
    assert compiler.compile("took # pills|tablets").search("he took 12 tablets")
    assert compiler.compile("^ help $").search("help")
    assert not compiler.compile("^ help $").search("help me understand the study")


def test_two_gaps_at_the_start_reach_back_twenty_words() -> None:
    pattern = PatternCompiler({}).compile("... ... fini depuis")
    assert pattern.search("a b c d e f g h i j k l m n fini depuis hier")
    assert pattern.search("fini depuis hier")


def test_an_optional_word_at_the_start_is_optional_with_its_space() -> None:
    compiler = PatternCompiler({})
    for text in ("malaise l an dernier", "malaise lan dernier", "malaise an dernier"):
        assert compiler.compile("... l? an|lan dernier").search(text), text
    for text in ("c", "a c", "b c", "a b c"):
        assert compiler.compile("^ a? b? c").search(text), text
    assert not compiler.compile("^ a? b? c").search("x c")


def test_a_decimal_only_reading_reads_a_temperature_shape_never_an_age_or_a_percentage() -> None:
    assert screen("c grave si jai 39,4 ? sous prograf depuis un mois").category == "emergency"
    assert screen("g 38,2 ce soir").category == "urgent"
    for text in ("jai 39 ans, sous prograf", "jai 39,5 % de cvf", "elle a 39,5 de cvf", "il a 17,5 ans"):
        assert screen(text) is None, text


def test_a_fever_with_a_sign_of_infection_is_an_emergency_and_alone_a_call_today() -> None:
    """A reading with ``also`` counts only when the message says that too (lexicon readings)."""
    assert screen("38.1 tonight, on imurel", learned=False).category == "urgent"
    assert screen("38.1 tonight and a red hot swollen leg, on imurel", learned=False).category == "emergency"
    assert screen("38,2 depuis hier et des crachats verts", learned=False).category == "emergency"
    assert screen("38,2 depuis hier soir", learned=False).category == "urgent"
    # a sign said absent is not there ("no chills"), and a fever told as over is not today's
    assert screen("37.9 tonight, no chills, on imurel", learned=False).category == "urgent"
    assert screen("38,9 avec une angine en mars, c'est fini depuis longtemps", learned=False) is None


def test_spelled_readings_are_read_as_figures() -> None:
    assert screen("spo2 eighty five percent", learned=False).category == "emergency"
    assert screen("temp thirty eight point nine", learned=False).category == "emergency"
    assert screen("trente-sept virgule huit ce soir sous imurel", learned=False).category == "urgent"
    assert screen("trente-huit deux depuis midi sous prograf", learned=False).category == "urgent"  # not 46
    assert screen("quatre-vingt-un sur le saturo", learned=False).category == "emergency"
    assert screen("sats ninety seven, all fine", learned=False) is None


def test_a_pattern_knows_the_words_its_matches_start_with() -> None:
    compiler = PatternCompiler({"who": ["my dad", "mum*"], "any": [".. pills"]})
    assert compiler.first_words("{who} .. breath*") == FirstWords(frozenset({"my"}), frozenset({"mum"}))
    assert compiler.first_words("^ help|aide $") == FirstWords(frozenset({"help", "aide"}), frozenset())
    for starts_anywhere in (".. years ago", "# pills", "{any} now", "took|# pills"):
        assert compiler.first_words(starts_anywhere) is None


def test_only_patterns_that_can_start_in_a_message_are_tried_in_file_order() -> None:
    compiler = PatternCompiler({})
    patterns = ["cant breath*", ".. overdose", "chest pain", "breath* hard", "# pills"]
    indexed = Indexed(patterns, lambda pattern: _phrase(compiler, pattern))
    tried = indexed.that_may_match(MessageWords.of("chest pain since i cant sleep"))
    assert tried == ["cant breath*", ".. overdose", "chest pain", "# pills"]  # may match: then tried
    assert indexed.that_may_match(MessageWords.of("breathing hard")) == [
        ".. overdose",
        "breath* hard",
        "# pills",
    ]


def test_reading_only_the_patterns_that_can_start_changes_no_verdict(monkeypatch) -> None:
    """Every held-out and training message gets the same verdict as when every pattern is tried."""
    texts = sorted({text for text, _ in _corpus()})
    indexed = [screen(text, learned=False) for text in texts]
    monkeypatch.setattr(Indexed, "that_may_match", lambda self, words: list(self.items))
    every = [screen(text, learned=False) for text in texts]
    assert len(texts) > 3000
    assert [(v.category, v.reason) if v else None for v in indexed] == [
        (v.category, v.reason) if v else None for v in every
    ]


def _phrase(compiler: PatternCompiler, pattern: str):
    from bot.safety.lexicon import Phrase

    return Phrase(compiler.compile(pattern), compiler.first_words(pattern))


def _corpus() -> list[tuple[str, str]]:
    from bot.safety.classifier import training_examples
    from bot.safety.scoring import messages

    heldout = Path(__file__).parent / "heldout"
    found = [
        (case["text"], case.get("expect", ""))
        for path in sorted(heldout.glob("*.yml"))
        for case in messages(path.name)
    ]
    texts, labels = training_examples()
    return found + list(zip(texts, labels, strict=True))


@pytest.mark.parametrize("pattern", ["{missing} word", "bad-word!", "? first", ""])
def test_a_broken_pattern_is_refused_with_a_reason(pattern: str) -> None:
    with pytest.raises(PatternError):
        PatternCompiler({}).compile(pattern)


def test_a_lexicon_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "xx.yml"
    path.write_text("language: xx\nreplies: {emergency: hi}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"xx\.yml"):
        load_lexicon(path)


def test_every_language_has_every_reply_with_the_emergency_numbers() -> None:
    by_language = {lexicon.language: lexicon for lexicon in load_lexicons()}
    assert set(by_language) >= {"en", "fr"}
    assert {"15", "112", "911"} <= set(by_language["en"].replies["emergency"].replace(",", " ").split())
    assert (
        "3114" in by_language["en"].replies["self_harm"] and "988" in by_language["en"].replies["self_harm"]
    )
    assert "3114" in by_language["fr"].replies["self_harm"] and "15" in by_language["fr"].replies["emergency"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("i cant breathe", "emergency"),
        ("temp 40.1 and shivering, on tacrolimus", "emergency"),
        ("sats 86% on the oximeter", "emergency"),
        ("I don't want to live anymore", "self_harm"),
        ("can i skip my azathioprine for a few weeks so i qualify", "advice"),
        ("jarrive plus a respirer", "emergency"),
        ("je veux plus vivre", "self_harm"),
    ],
)
def test_clear_red_flags_get_their_category(text: str, category: str) -> None:
    verdict = screen(text)
    assert verdict is not None and verdict.category == category, verdict


@pytest.mark.parametrize(
    "text",
    [
        "this form is killing me",
        "no chest pain, just tired",
        "do i have to pay for the tacrolimus myself",
        "what are the side effects of tacrolimus",
        "my FVC was 65%",
        "how long does the study last",
        # a negation covers the next sign of its list
        "never had fevers or any infection that i know of, can my son join",
        "no rash nor swelling since the last infusion, what happens at week 12",
        "jamais eu de fièvre ni de frissons, c'est quand la prochaine visite",
    ],
)
def test_figures_of_speech_negations_and_study_questions_do_not_trigger(text: str) -> None:
    assert screen(text) is None


def test_a_danger_after_but_is_not_cancelled_by_an_earlier_what_if() -> None:
    verdict = screen("not sure if its serious but my husband cant breathe")
    assert verdict is not None and verdict.category == "emergency"


def test_the_most_serious_category_wins() -> None:
    verdict = screen("should i stop my prograf, i want to end my life")
    assert verdict is not None and verdict.category == "self_harm"

"""Families of answer shapes the readers learned this round, in our own phrasings.

Each case stands for a family (a correction with an apology after it, alternatives joined by
"or", one test low while the other is fine...), never for a sentence of a held-out set.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.eligibility import default_criteria, parse_answer
from bot.eligibility.readings import reading

TODAY = date(2026, 12, 1)
CRITERIA = default_criteria()


def _read(slot: str, text: str) -> object:
    return reading(CRITERIA, slot, parse_answer(slot, text, TODAY, CRITERIA), TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("51, sorry if I'm slow with this", 51),  # an apology after the number is not a correction
        ("38 no wait 39, sorry it's been a long day", 39),
        ("born in 71", 55),  # two-digit birth year after "born"
        ("in his late sixties", "unsure"),  # a decade is not an age
        ("almost 18", "unsure"),  # may straddle the limit
        ("nineteen sixty five", 61),  # a birth year in words
        ("03/02/1980", 46),  # a bare date of birth
        ("april 1990", 36),
        ("49 come june", 48),  # an age still to come
    ],
)
def test_age_families(text: str, expected: object) -> None:
    assert _read("age", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 and a half months ago, the imurel", "excludes"),
        ("it's been 8 months since my last prograf", "clear"),
        ("about 3 weeks back", "excludes"),
        ("endoxan, the last drip was may or june", "review"),  # either side of the 6 months
        ("imurel, april or may I think", "clear"),  # both more than 6 months back
        ("prograf, stopped on 2 july this year", "excludes"),  # the day, not the whole year
        ("only tacrolimus cream on my hands", "review"),  # a skin cream is for the team to judge
    ],
)
def test_recent_drug_families(text: str, expected: str) -> None:
    assert _read("recent_drugs", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they checked jo-1 first, negative. the second lab found pl-7", "PL-7"),
        ("PL12 negative, EJ positive", "EJ"),
        ("my panel showed anti-MDA5, nothing else", "none"),  # another antibody than the five
        ("the test isn't done yet", "unsure"),
        ("jo one", "Jo-1"),
    ],
)
def test_antibody_families(text: str, expected: str) -> None:
    assert _read("antibody", text) == expected


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("pregnancy", "not expecting, but still breastfeeding my son", "yes"),
        ("pregnancy", "we're doing ivf right now", "unsure"),
        ("pregnancy", "no, not pregnant and not nursing", "no"),
        ("lung_function", "fvc was fine but the diffusion was low", "yes"),
        ("lung_function", "a bit low I think", "unsure"),
        ("lung_function", "mild restrictive defect", "yes"),
        ("drug_failed_before", "the imurel didn't help, my breathing kept getting worse", "yes"),
        ("drug_failed_before", "azathioprine gave me pancreatitis so it was stopped", "no"),
        ("drug_failed_before", "it worked a little, the doctor wasn't impressed", "unsure"),
        ("ild_on_ct", "nooo", "no"),
        ("ild_on_ct", "my CT is booked for next month", "unsure"),
        ("contraception", "I'd need to talk to my wife first", "unsure"),
        ("contraception", "y", "yes"),
        ("social_security", "I only have the AME", "unsure"),
    ],
)
def test_yes_no_families(slot: str, text: str, expected: str) -> None:
    assert _read(slot, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lymphoma in 2009, in remission since", []),
        ("my potassium came back low on the latest bloods", [4]),
        ("had the flu a fortnight ago, all better now", []),
        ("long QT diagnosed years ago", [4]),  # a history of long QT counts (Exclusion 12)
    ],
)
def test_checklist_families(text: str, expected: object) -> None:
    assert _read("checklist", text) == expected


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("age", "52 soon 53", 52),  # the number before "soon" is today's age when another follows
        ("age", "im 29 soon to be 30", 29),
        ("age", "18 soon", 17),
        ("recent_drugs", "prograf 3mg twice a day", "excludes"),  # a dose said in the present
        ("recent_drugs", "azathioprine 150mg a day until 2019", "clear"),  # ... told with its end
        ("antibody", "jo-1 negative and pl-12 negative", "none"),  # every name said negative
        ("antibody", "not pl-7", "unsure"),  # may be another of the five
    ],
)
def test_families_of_the_thirteenth_session(slot: str, text: str, expected: object) -> None:
    assert _read(slot, text) == expected


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("age", "between 50 and 55 i think", "unsure"),  # a range said with "between ... and"
        (
            "antibody",
            "positive for antisynthetase but nobody ever told me which, they never told me",
            "unsure",
        ),
        ("ild_on_ct", "the ct showed some lung involvement", "yes"),
        ("drug_failed_before", "he flared while he was on tacrolimus", "yes"),
        ("drug_failed_before", "cyclophosphamide didnt stop the scarring getting worse", "yes"),
        ("drug_failed_before", "quit imuran bc of vomiting, not bc it didnt work", "no"),
        ("drug_failed_before", "tacrolimus gave him kidney problems so it was stopped", "no"),
        ("drug_failed_before", "she didnt take her azathioprine properly so it failed", "no"),
        ("drug_failed_before", "not that i recall", "unsure"),
        ("lung_function", "the doctor said they were a bit lower this year", "yes"),
        ("lung_function", "some reduction in the gas transfer", "yes"),
        ("contraception", "had my tubes tied years ago", "not_applicable"),
        ("contraception", "depends what kind, the pill makes me ill", "unsure"),
        ("recent_drugs", "imuran, stopped end of july", "excludes"),  # the last third of the month
        ("recent_drugs", "prograf, last dose early may", "clear"),
    ],
)
def test_families_of_the_third_blind_english_answers_batch(slot: str, text: str, expected: object) -> None:
    """Read by kind after the blind English answers batch 3 (never its sentences); day 2026-12-01."""
    assert _read(slot, text) == expected


def _read_in(language: str, slot: str, text: str) -> object:
    criteria = CRITERIA.in_language(language)
    return reading(criteria, slot, parse_answer(slot, text, TODAY, CRITERIA, language=language), TODAY)


@pytest.mark.parametrize(
    ("language", "slot", "text", "expected"),
    [
        ("en", "age", "my mum, born in 1961 and diagnosed in 2020", 65),  # a later year of an event
        ("en", "age", "born in 1961, 1962 actually", 64),  # a later year without one: a fix
        ("fr", "age", "né en 1961, malade depuis 2020", 65),
        ("en", "antibody", "it's PL-7 not Jo-1", "PL-7"),  # a name denied right after another
        ("fr", "antibody", "c'est EJ et pas OJ", "EJ"),
        ("en", "antibody", "not Jo-1", "unsure"),  # "not Jo-1" alone may mean another
        ("en", "checklist", "none, had some iv steroid drips but that was back in february", []),
        ("fr", "checklist", "aucun, des bolus de cortisone mais c'était en février", []),
        ("en", "checklist", "steroid drips, it was last week", [6]),
        ("en", "lung_function", "the hospital never told us the numbers", "unsure"),
        ("en", "lung_function", "both above 85%", "no"),  # every test at once
        ("fr", "lung_function", "les deux à plus de 85%", "no"),
        ("en", "lung_function", "85%", "unsure"),  # one figure, the other test unknown
        ("fr", "lung_function", "ma capacité est à 62%", "yes"),
        ("en", "ild_on_ct", "no fibrosis or inflammation on it", "no"),  # a negated list
        ("fr", "ild_on_ct", "pas de fibrose ni d'inflammation", "no"),
        ("fr", "social_security", "oui mais pas de complémentaire", "yes"),  # ignored: a top-up
        ("en", "social_security", "I'm French but I live in Toronto", "unsure"),
        ("en", "recent_drugs", "prograf, last dose in april, nothing since", "clear"),
        ("en", "ild_on_ct", "only an x-ray so far, the ct is next week", "unsure"),
        ("en", "drug_failed_before", "cellcept then tacrolimus and he still went downhill", "yes"),
        ("fr", "drug_failed_before", "l'imurel a marché un peu mais pas assez", "unsure"),
        ("en", "contraception", "not willing, the implant gave me headaches", "no"),
        ("fr", "pregnancy", "nc", "not_applicable"),
        ("en", "pregnancy", "could be, we're not sure yet", "unsure"),
        ("en", "antibody", "still waiting for the results of the panel", "unsure"),
        ("en", "pregnancy", "pregnant? me? at 50? no", "no"),  # the question echoed back is no answer
        ("fr", "contraception", "oui. mais pendant combien de temps ?", "yes"),
        ("en", "pregnancy", "maybe? we've been trying", "unsure"),  # a doubt asked is still the answer
        ("en", "antibody", "no idea sorry, the letter is at home", "unsure"),  # a doubt, then an apology
        ("en", "checklist", "bowel cancer, operated in 2018, clear since. nothing else", []),
        ("fr", "checklist", "un cancer de la peau enlevé en 2015, guéri. sinon rien", []),
        ("en", "checklist", "melanoma removed long ago, and my potassium is low these days", [4]),
        ("en", "ild_on_ct", "the scan in 2022 was clear but the new one shows fibrosis", "yes"),
        ("en", "ild_on_ct", "some scarring but otherwise normal lungs", "yes"),  # no earlier state told
        ("fr", "age", "j'aurai 50 ans le 2 mars", 49),  # "le 2": a day, not an age
        ("en", "pregnancy", "no, but can't be 100% sure", "unsure"),
        ("en", "lung_function", "dad couldn't finish the breathing test", "unsure"),
        ("fr", "social_security", "pas encore, j'attends ma carte", "unsure"),
        ("en", "drug_failed_before", "azathioprine made me sick so it was stopped", "no"),
        ("en", "recent_drugs", "she stopped Imurel in 2023. does that matter?", "clear"),  # then a worry
        (
            "en",
            "drug_failed_before",
            "stopped for the rash, not because it wasnt working",
            "no",
        ),  # no apostrophe
        ("en", "ild_on_ct", "had the scan on monday but not had the results yet", "unsure"),
        # blind answer batches fresh6_answers_en and fresh5_answers_fr
        ("en", "recent_drugs", "imurrel", "excludes"),  # a misspelt brand named alone
        ("en", "drug_failed_before", "the cytoxan wasn't enough, she got worse", "yes"),
        ("en", "pregnancy", "we want a baby so can't rule it out", "unsure"),
        ("en", "checklist", "had a chest infection in october but it is finished now", []),
        ("fr", "checklist", "poumons aggravés sous 45 mg de cortancyl, je pèse 70 kg", [7]),
        ("fr", "contraception", "veuve, sans partenaire", "not_applicable"),
        ("fr", "drug_failed_before", "l'imurel n'a pas empêché la fibrose d'avancer", "yes"),
        ("fr", "recent_drugs", "arrêté l'Endoxan en 2023.", "clear"),  # a year ending a sentence
        ("en", "drug_failed_before", "n it was stopped cos of her liver", "no"),  # text speak
        ("en", "contraception", "y already on the pill", "yes"),
        ("fr", "lung_function", "je connais pas mes chiffres, c'est où sur la feuille ?", "unsure"),
    ],
)
def test_families_of_the_fourteenth_sessions_blind_batches(
    language: str, slot: str, text: str, expected: object
) -> None:
    """Read by kind after the blind answer batches fresh3_answers_fr, fresh4_answers_en, fresh5_answers_en,
    fresh4_answers_fr and the blind profiles batches 1 and 2 (never their sentences); day 2026-12-01."""
    assert _read_in(language, slot, text) == expected

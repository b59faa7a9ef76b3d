"""Tolerant readers, in our own phrasings (the held-out set in tests/prescreen/heldout/ is separate)."""

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
        ("my fvc is 71 percent", "yes"),  # under 80
        ("dlco 66", "yes"),  # under 70
        ("FVC 84%, DLCO 77%", "no"),  # both at or above
        ("fvc 91 and the other one I forget", "unsure"),  # one fine, the other unknown
        ("fvc 2.4 l", "unsure"),  # a volume, not a percentage
        ("fvc 60 oops I mean 90, dlco 80", "no"),  # corrected in the same message
    ],
)
def test_breathing_test_figures_decide_lung_function(text: str, expected: str) -> None:
    assert _read("lung_function", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she will be 18 in two months", 17),
        ("I turn 40 next week", 39),
        ("he turned 66 in april", 66),
        ("33, sorry, 34", 34),
        ("I'd guess around 60", "unsure"),
    ],
)
def test_ages_to_come_corrections_and_hedges(text: str, expected: object) -> None:
    assert _read("age", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we are in Ireland, covered by the HSE", "no"),
        ("he's French but lives in Canada", "unsure"),
        ("yes, régime général", "yes"),
    ],
)
def test_social_security_cover_outside_france(text: str, expected: str) -> None:
    assert _read("social_security", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("steroid drips last month", [6]),  # inside 3 months
        ("methylprednisolone boluses back in march", []),  # long before 3 months
        ("my disease progressed on 50 mg prednisone, I'm 80 kg", [7]),  # 0.625 mg/kg/day
        ("got worse on 10 mg of steroids", []),  # under the limit at any adult weight
        ("I needed plasmapheresis two years ago", [3]),  # ever needed counts
        ("I take sotalol", [4]),  # a QT-lengthening medicine
        ("had lymphoma long ago, in remission now", []),
    ],
)
def test_checklist_items_by_time_window_and_dose(text: str, expected: object) -> None:
    assert _read("checklist", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("prograf, last capsule about two weeks back, still on it really", "excludes"),
        ("only mycophenolate", "clear"),
        ("envarsus stopped a few months ago", "review"),
    ],
)
def test_medicines_brand_generic_and_vague_times(text: str, expected: str) -> None:
    assert _read("recent_drugs", text) == expected


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        # a figure said "of" a test belongs to that test, not to the test named before it
        ("lung_function", "dlco 75 and 62% of my fvc", "yes"),
        ("lung_function", "88 for the fvc and 74 for the dlco", "no"),
        # a day before a month is a date, not a result or an age
        ("lung_function", "my breathing test is booked for 12 january", "unsure"),  # a test to come
        ("age", "I turn 50 on 9 february", 49),
        ("age", "born 14 july 1962, which makes me feel old", 64),
        # a count is not a percentage of predicted
        ("lung_function", "no, all 3 were normal", "no"),
    ],
)
def test_figures_are_read_for_what_they_measure(slot: str, text: str, expected: object) -> None:
    assert _read(slot, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("methotrexate never did much for me", "no"),  # not one of the study's three medicines
        ("only prednisolone and cellcept so far", "no"),
        ("imurel stopped working, methotrexate too", "yes"),  # one of the three named: read as usual
        ("no idea, she was on steroids at the time", "unsure"),  # doubt still wins
        ("they moved her onto cellcept, nobody said why", None),  # a switch: from what is not said
    ],
)
def test_a_reply_naming_only_other_medicines_did_not_try_the_study_ones(text: str, expected: str) -> None:
    assert _read("drug_failed_before", text) == expected

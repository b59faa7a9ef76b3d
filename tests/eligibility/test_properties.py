"""Property tests: no parser raises on any text, and ages round-trip as digits and as words."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.eligibility import Answer, CriteriaSet, detect_correction, load_criteria
from bot.eligibility.parsers.age import parse_age
from bot.eligibility.parsers.antibody import parse_antibody
from bot.eligibility.parsers.checklist import parse_checklist
from bot.eligibility.parsers.dates import find_periods
from bot.eligibility.parsers.drugs import parse_drug_history
from bot.eligibility.parsers.yes_no import parse_yes_no

CRITERIA: CriteriaSet = load_criteria()
TODAY = date(2026, 11, 25)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words our parsers react to, mixed with noise, reach far more branches than random unicode alone.
VOCABULARY = [
    "yes", "no", "not", "sure", "maybe", "n/a", "i'm", "born", "in", "1971", "2008", "54", "-3", "fifty",
    "four", "hundred", "and", "imurel", "prograf", "cytoxan", "jo-1", "pl 7", "ej", "none", "negative",
    "ago", "months", "years", "weeks", "last", "year", "march", "may", "since", "still", "taking", "over",
    "about", "a", "couple", "of", "12/03/2026", "03/2026", "2026-02-30", "99/99/9999", "number", "1-3",
    "3,", "5", "fever", "cancer", "had", "but", "actually", "sorry", "wait", "pregnant", "0.5", "mg",
    "31/02/2020", "9999999999999999999999", "😀", "é", "\n", "?", ".",
]  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(VOCABULARY), max_size=12).map(" ".join),
)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def spell(number: int) -> str:
    """English words for 1..120, written independently of the parser under test."""
    small = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]  # fmt: skip
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    if number >= 100:
        rest = number - 100
        return "one hundred" + (f" and {spell(rest)}" if rest else "")
    if number < 20:
        return small[number]
    return tens[number // 10] + (f"-{small[number % 10]}" if number % 10 else "")


@SETTINGS
@given(text=TEXTS, today=DAYS)
def test_age_parser_never_raises(text: str, today: date) -> None:
    answer = parse_age(text, today, CRITERIA.slot("age"))
    assert answer.status in ("ok", "unsure", "invalid")  # unsure: "I think 52", "not sure"
    assert answer.status == "invalid" or answer.value is None or 1 <= answer.value <= 120


@SETTINGS
@given(text=TEXTS)
def test_yes_no_parser_never_raises(text: str) -> None:
    for slot in ("ild_on_ct", "pregnancy", "drug_failed_before", "contraception"):
        answer = parse_yes_no(text, CRITERIA.slot(slot))
        assert answer.status == "invalid" or answer.value in ("yes", "no", "not_applicable", "unsure")


@SETTINGS
@given(text=TEXTS)
def test_antibody_parser_never_raises(text: str) -> None:
    parse_antibody(text, CRITERIA.slot("antibody"), CRITERIA.rules_for("antibody"))


@SETTINGS
@given(text=TEXTS, today=DAYS)
@example(text="2000 YEAR AGO", today=date(2000, 1, 1))  # once reached before the calendar's first day
def test_drug_history_parser_never_raises_and_dates_are_ordered(text: str, today: date) -> None:
    answer = parse_drug_history(
        text, today, CRITERIA.slot("recent_drugs"), CRITERIA.rules_for("recent_drugs")
    )
    last = answer.value["last_taken"] if answer.status != "invalid" else None
    if last and last["earliest"]:
        assert last["earliest"] <= last["latest"] <= today.isoformat()
    for period in find_periods(text.lower(), today):
        assert period.latest <= today


@SETTINGS
@given(text=TEXTS)
def test_checklist_parser_never_raises_and_items_are_on_the_list(text: str) -> None:
    answer = parse_checklist(text, CRITERIA.slot("checklist"))
    if answer.status != "invalid":
        assert set(answer.value["applies"]) | set(answer.value["unsure"]) <= set(range(1, 8))
        assert not set(answer.value["applies"]) & set(answer.value["unsure"])


@SETTINGS
@given(text=TEXTS, current=st.sampled_from([None, *CRITERIA.slot_names]))
def test_detect_correction_never_raises(text: str, current: str | None) -> None:
    previous = {"checklist": Answer(status="ok", value={"applies": [3], "unsure": [5]})}
    result = detect_correction(text, TODAY, CRITERIA, current_slot=current, previous=previous)
    assert result is None or (result[0] in CRITERIA.slot_names and result[1].status != "invalid")


@SETTINGS
@given(
    age=st.integers(min_value=18, max_value=120),
    template=st.sampled_from(["{}", "I'm {}", "{} years old", "age {}"]),
)
def test_age_round_trips_as_digits(age: int, template: str) -> None:
    answer = parse_age(template.format(age), TODAY, CRITERIA.slot("age"))
    assert (answer.status, answer.value) == ("ok", age)


@SETTINGS
@given(age=st.integers(min_value=18, max_value=120), upper=st.booleans(), spaces=st.booleans())
def test_age_round_trips_as_words(age: int, upper: bool, spaces: bool) -> None:
    words = spell(age).replace("-", " ") if spaces else spell(age)
    answer = parse_age(f"I'm {words.title() if upper else words}", TODAY, CRITERIA.slot("age"))
    assert (answer.status, answer.value) == ("ok", age)

"""Contact validation: normalised values for good input, kind messages for the rest, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.leads.contact import (
    ValidationError,
    validate_contact,
    validate_email,
    validate_name,
    validate_phone,
    validate_preferred_time,
)


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("+33 6 12 34 56 78", "+33612345678"),
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("+1 202-456-1111", "+12024561111"),
        ("+1 (415) 555-2671", "+14155552671"),
    ],
)
def test_valid_phone_numbers_are_normalised_to_e164(typed: str, normalised: str) -> None:
    assert validate_phone(typed) == normalised


@pytest.mark.parametrize("typed", ["", "   ", "12", "06 12", "hello", "+1 000 000 0000", "06" * 30])
def test_invalid_phone_numbers_get_a_kind_message(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_phone(typed)
    assert caught.value.field == "phone" and caught.value.text_id == "utter_contact_phone_invalid"
    assert "country code" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [("Jean.Dupont@Example.COM", "Jean.Dupont@example.com"), ("  zoe@example.fr ", "zoe@example.fr")],
)
def test_valid_emails_are_normalised(typed: str, normalised: str) -> None:
    assert validate_email(typed) == normalised


@pytest.mark.parametrize("typed", ["", "zoe", "zoe@", "@example.com", "zoe@example", "a b@example.com"])
def test_invalid_emails_get_a_kind_message(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_email(typed)
    assert caught.value.field == "email" and caught.value.text_id.startswith("utter_contact_email_")
    assert "doesn't look right" in caught.value.message


@pytest.mark.parametrize(("typed", "normalised"), [("  Zoé   Martin ", "Zoé Martin"), ("李小龍", "李小龍")])
def test_names_are_trimmed_and_kept(typed: str, normalised: str) -> None:
    assert validate_name(typed) == normalised


@pytest.mark.parametrize("typed", ["", "   ", "12345", "zoe@example.com", "x" * 101, "http://spam.example"])
def test_unusable_names_are_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_name(typed)
    assert caught.value.field == "name"


def test_control_characters_are_removed_from_free_text() -> None:
    assert validate_name("Zoé\x00\nMartin") == "Zoé Martin"
    assert validate_preferred_time("weekday\r\nmornings") == "weekday mornings"


def test_contact_needs_an_email_or_a_phone() -> None:
    with pytest.raises(ValidationError, match="utter_contact_reach_missing") as caught:
        validate_contact("Zoé", email="", phone="  ")
    assert "email address or a phone number" in caught.value.message


def test_contact_with_phone_only_is_accepted() -> None:
    details = validate_contact("Zoé", phone="06 12 34 56 78", preferred_time="after 6pm")
    assert (details.name, details.email, details.phone, details.preferred_time) == (
        "Zoé",
        "",
        "+33612345678",
        "after 6pm",
    )


@given(st.text(max_size=80))
def test_phone_parser_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        result = validate_phone(text)
    except ValidationError:
        return
    assert result.startswith("+") and result[1:].isdigit()


@given(st.text(max_size=300))
def test_email_parser_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        result = validate_email(text)
    except ValidationError:
        return
    assert "@" in result


@given(st.text(max_size=150))
def test_name_validation_never_crashes_and_returns_one_clean_line(text: str) -> None:
    try:
        result = validate_name(text)
    except ValidationError:
        return
    assert result == result.strip() and "\n" not in result and 0 < len(result) <= 100

"""Contact validation: turns what a person typed into normalised values, or the id of a kind
message to re-ask with (the texts are in data/texts/en/contact.yml; they never repeat the value).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError
from email_validator import validate_email as _validate_email

from bot.texts import text

DEFAULT_PHONE_REGION = "FR"
MAX_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
MAX_PHONE_LENGTH = 40
MAX_PREFERRED_TIME_LENGTH = 200
_SPACES = re.compile(r"\s+")


class ValidationError(ValueError):
    """A value a person typed that we cannot use; ``text_id`` names the message that says why
    (a Rasa response too), ``message`` is that message in English."""

    def __init__(self, field: str, text_id: str) -> None:
        super().__init__(text_id)
        self.field = field
        self.text_id = text_id

    @property
    def message(self) -> str:
        return text(self.text_id)


@dataclass(frozen=True)
class ContactDetails:
    """Validated, normalised contact details (email and phone in canonical form)."""

    name: str
    email: str = ""
    phone: str = ""
    preferred_time: str = ""


def _clean_text(value: str) -> str:
    """Drop control characters and collapse whitespace, so stored text prints on one line."""
    printable = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in value)
    return _SPACES.sub(" ", printable).strip()


def validate_name(value: str) -> str:
    name = _clean_text(value or "")
    if not name:
        raise ValidationError("name", "utter_contact_name_missing")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError("name", "utter_contact_name_too_long")
    if not any(char.isalpha() for char in name) or "@" in name or "://" in name:
        raise ValidationError("name", "utter_contact_name_invalid")
    return name


def validate_email(value: str) -> str:
    text = (value or "").strip()
    if not text or len(text) > MAX_EMAIL_LENGTH:
        raise ValidationError("email", "utter_contact_email_invalid")
    try:
        return _validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValidationError("email", "utter_contact_email_example") from error


def _french_shape(number: phonenumbers.PhoneNumber) -> bool:
    """A French number of the right shape (0 then 9 digits, not 0 or 8 first): the study is in
    France, and the phone-number library's list of assigned ranges lags behind new mobiles (07 1x)."""
    national = str(number.national_number)
    return number.country_code == 33 and len(national) == 9 and national[0] in "1234567"


def validate_phone(value: str, default_region: str = DEFAULT_PHONE_REGION) -> str:
    """E.164 form (+33612345678); numbers without a country code are read as ``default_region``."""
    text = (value or "").strip()
    message = "utter_contact_phone_invalid"
    if not text or len(text) > MAX_PHONE_LENGTH:
        raise ValidationError("phone", message)
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError("phone", message) from error
    if not (phonenumbers.is_valid_number(number) or _french_shape(number)):
        raise ValidationError("phone", message)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_preferred_time(value: str) -> str:
    text = _clean_text(value or "")
    if len(text) > MAX_PREFERRED_TIME_LENGTH:
        raise ValidationError("preferred_time", "utter_contact_time_too_long")
    return text


def validate_contact(name: str, email: str = "", phone: str = "", preferred_time: str = "") -> ContactDetails:
    """All fields at once; at least one of email and phone is needed so the team can reach the person."""
    if not (email or "").strip() and not (phone or "").strip():
        raise ValidationError("email", "utter_contact_reach_missing")
    return ContactDetails(
        name=validate_name(name),
        email=validate_email(email) if (email or "").strip() else "",
        phone=validate_phone(phone) if (phone or "").strip() else "",
        preferred_time=validate_preferred_time(preferred_time),
    )

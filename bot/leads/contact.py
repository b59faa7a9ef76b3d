"""Contact validation: turns what a person typed into normalised values, or a kind message to re-ask.

Messages are written for the person in the chat; they never repeat the value back into logs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError
from email_validator import validate_email as _validate_email

DEFAULT_PHONE_REGION = "FR"
MAX_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
MAX_PHONE_LENGTH = 40
MAX_PREFERRED_TIME_LENGTH = 200
_SPACES = re.compile(r"\s+")


class ValidationError(ValueError):
    """A value a person typed that we cannot use; ``message`` is safe to show them."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


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
        raise ValidationError("name", "Could you tell me your name, so the study team knows who to ask for?")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError("name", "That is a little long for a name. Could you give a shorter version?")
    if not any(char.isalpha() for char in name) or "@" in name or "://" in name:
        raise ValidationError("name", "That doesn't look like a name. What should the study team call you?")
    return name


def validate_email(value: str) -> str:
    text = (value or "").strip()
    if not text or len(text) > MAX_EMAIL_LENGTH:
        raise ValidationError("email", "That email address doesn't look right. Could you check it?")
    try:
        return _validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValidationError(
            "email",
            "That email address doesn't look right. Could you check it? For example: name@example.com",
        ) from error


def _french_shape(number: phonenumbers.PhoneNumber) -> bool:
    """A French number of the right shape (0 then 9 digits, not 0 or 8 first): the study is in
    France, and the phone-number library's list of assigned ranges lags behind new mobiles (07 1x)."""
    national = str(number.national_number)
    return number.country_code == 33 and len(national) == 9 and national[0] in "1234567"


def validate_phone(value: str, default_region: str = DEFAULT_PHONE_REGION) -> str:
    """E.164 form (+33612345678); numbers without a country code are read as ``default_region``."""
    text = (value or "").strip()
    message = (
        "That phone number doesn't look right. Could you check it, with the country code "
        "if it is from another country (for example +1 for the US)?"
    )
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
        raise ValidationError(
            "preferred_time", "Could you say that more briefly? For example: weekday mornings."
        )
    return text


def validate_contact(name: str, email: str = "", phone: str = "", preferred_time: str = "") -> ContactDetails:
    """All fields at once; at least one of email and phone is needed so the team can reach the person."""
    if not (email or "").strip() and not (phone or "").strip():
        raise ValidationError(
            "email", "Could you give an email address or a phone number, so the study team can reach you?"
        )
    return ContactDetails(
        name=validate_name(name),
        email=validate_email(email) if (email or "").strip() else "",
        phone=validate_phone(phone) if (phone or "").strip() else "",
        preferred_time=validate_preferred_time(preferred_time),
    )

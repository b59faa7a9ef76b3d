"""Reading a JSON body: anything but UTF-8 JSON is refused, and an object's fields are checked by type."""

from __future__ import annotations

import pytest

from bot.request_body import NUMBER, OBJECT, TEXT, BadRequest, check_fields, parse_json


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{",
        b"not json",
        b'{"sender": "x"',
        b"\xff\xfe{}",
        b'{"a": "\xff"}',
        b"\xff\xfe{\x00}\x00",
        b"[" * 100_000,
    ],
    ids=repr,
)
def test_a_body_that_is_not_utf8_json_is_refused(raw: bytes) -> None:
    with pytest.raises(BadRequest, match="must be JSON"):
        parse_json(raw)


def test_utf8_json_is_read() -> None:
    assert parse_json('{"text": "déjà vu 🙂"}'.encode()) == {"text": "déjà vu 🙂"}


@pytest.mark.parametrize("body", [None, [], "hello", 42, [{"text": "hi"}]], ids=repr)
def test_json_that_is_not_an_object_is_refused(body: object) -> None:
    with pytest.raises(BadRequest, match="must be a JSON object"):
        check_fields(body, {"text": TEXT})


@pytest.mark.parametrize(
    "body", [{}, {"text": ""}, {"text": 42}, {"text": None}, {"text": ["hi"]}, {"text": True}], ids=repr
)
def test_a_missing_empty_or_wrongly_typed_required_field_is_named(body: dict) -> None:
    with pytest.raises(BadRequest, match="'text' must be text, and is required"):
        check_fields(body, {"text": TEXT})


@pytest.mark.parametrize("value", ["0.9", True, [1], {}], ids=repr)
def test_a_wrongly_typed_optional_field_is_named(value: object) -> None:
    with pytest.raises(BadRequest, match="'confidence' must be a number when given"):
        check_fields({"name": "x", "confidence": value}, {"name": TEXT}, {"confidence": NUMBER})


@pytest.mark.parametrize(
    "extra", [{}, {"confidence": None}, {"confidence": 0.5}, {"confidence": 1}, {"other": []}]
)
def test_well_typed_bodies_pass(extra: dict) -> None:
    check_fields(
        {"name": "x", "data": {"a": 1}, **extra}, {"name": TEXT, "data": OBJECT}, {"confidence": NUMBER}
    )

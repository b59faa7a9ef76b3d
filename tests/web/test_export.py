"""The export for REDCap over HTTP: it follows the worklist's filters, its columns are the data
dictionary's variables, its values are the dictionary's codes; the token API gives the same as JSON."""

from __future__ import annotations

import csv
import io

import requests

from bot.leads.contact import ContactDetails
from tests.web.server import WebServer
from tests.web.staff import StaffClient, add_account, add_api_token


def _person(name: str) -> ContactDetails:
    return ContactDetails(
        name=name, email=f"{name.split()[0].lower()}@example.org", phone="", preferred_time=""
    )


def _csv(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def check_against_dictionary(records: list[dict[str, str]], dictionary: list[dict[str, str]]) -> None:
    """Every column is a declared variable (a checkbox as ``name___code``), every coded value a choice."""
    declared: dict[str, set[str] | None] = {}
    for field in dictionary:
        name, kind = field["Variable / Field Name"], field["Field Type"]
        choices = field["Choices, Calculations, OR Slider Labels"]
        codes = [part.split(",", 1)[0].strip() for part in choices.split("|")] if choices else []
        if kind == "checkbox":
            declared.update({f"{name}___{code}": {"0", "1"} for code in codes})
        elif kind == "radio":
            declared[name] = {*codes, ""}
        elif kind == "yesno":
            declared[name] = {"0", "1"}
        else:
            declared[name] = None
        assert name == name.lower() and name.replace("_", "").isalnum() and name[0].isalpha()
    assert next(iter(declared)) == "record_id"
    for record in records:
        assert list(record) == list(declared)
        for name, value in record.items():
            allowed = declared[name]
            assert allowed is None or value in allowed, f"{name}={value!r} is not one of {allowed}"


def test_csv_export_follows_the_filters_and_matches_the_dictionary(coordinator: StaffClient, lead) -> None:  # type: ignore[no-untyped-def]
    wanted = lead(person=_person("Exportable Kite"))
    lead(person=_person("Unwanted Kite"), outcome="needs_review")
    dictionary = _csv(coordinator.get("/inbox/export-dictionary.csv").content)
    coordinator.get("/inbox?q=kite&outcome=likely_eligible")
    answer = coordinator.post("/inbox/export.csv?q=kite&outcome=likely_eligible")
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/csv")
    records = _csv(answer.content)
    assert [r["record_id"] for r in records] == [str(wanted)]
    assert records[0]["contact_name"] == "Exportable Kite" and records[0]["status"] == "1"  # 1 = new
    check_against_dictionary(records, dictionary)


def test_the_token_api_gives_the_same_records_and_dictionary_as_json(
    web: WebServer, coordinator: StaffClient, lead
) -> None:  # type: ignore[no-untyped-def]
    lead(person=_person("Jsonable Wren"))
    token = add_api_token(web.database, add_account(web.database, "coordinator").email)
    headers = {"Authorization": f"Bearer {token}"}
    body = requests.get(f"{web.url}/api/v1/export?q=wren", headers=headers, timeout=10).json()
    coordinator.get("/inbox")
    as_csv = _csv(coordinator.post("/inbox/export.csv?q=wren").content)
    assert body["records"] == as_csv
    assert body["dictionary"] == _csv(coordinator.get("/inbox/export-dictionary.csv").content)
    assert requests.get(f"{web.url}/api/v1/export?q=wren", timeout=10).status_code == 401
    assert requests.get(f"{web.url}/api/v1/export?sort=bogus", headers=headers, timeout=10).status_code == 400

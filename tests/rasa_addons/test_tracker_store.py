"""LeanSQLTrackerStore writes the rows Rasa's SQLTrackerStore writes (with each event's data
encrypted) and reads back the same trackers, on SQLite and PostgreSQL, without the per-save count
query; endpoints load it."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from bot.leads.crypto import Cipher
from bot.settings import scoped_environment
from rasa_addons.tracker_store import LeanSQLTrackerStore
from tests.db_fixtures import database_url  # noqa: F401 - fixture

REPO = Path(__file__).resolve().parents[2]
DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, inform]
slots:
  age:
    type: any
    mappings: [{type: custom}]
"""
)


CIPHER = Cipher([Fernet.generate_key()])
CLOCK = itertools.count(1_764_000_000)  # explicit timestamps: Rasa's store filters sessions on them


def _at(event: Event) -> Event:
    event.timestamp = float(next(CLOCK))
    return event


def _session_start(*then: Event) -> list[Event]:
    """As Rasa logs it: the action first, stamped after the SessionStarted event it made."""
    started = _at(SessionStarted())
    return [
        _at(ActionExecuted("action_session_start")),
        started,
        *map(_at, then),
        _at(ActionExecuted("action_listen")),
    ]


def _turn(*events: Event) -> list[Event]:
    return [_at(event) for event in events]


TURNS: list[list[Event]] = [
    _session_start(),
    _turn(
        UserUttered("hi", {"name": "greet", "confidence": 0.9}),
        BotUttered("Hello!"),
        ActionExecuted("action_listen"),
    ),
    _turn(
        UserUttered("54", {"name": "inform", "confidence": 0.8}),
        SlotSet("age", 54),
        ActionExecuted("action_listen"),
    ),
    [],  # a save with nothing new
    # a new session in the same conversation: only its events are read back from now on
    _session_start(SlotSet("age", 54)),
    _turn(UserUttered("hello again", {"name": "greet", "confidence": 0.9}), ActionExecuted("action_listen")),
]


@pytest.fixture
def stores(database_url: str) -> Iterator[tuple[SQLTrackerStore, LeanSQLTrackerStore]]:  # noqa: F811
    url = database_url.replace("leads.db", "tracker.db")
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    rasa, ours = SQLTrackerStore(DOMAIN, host=url), LeanSQLTrackerStore(DOMAIN, host=url, cipher=CIPHER)
    yield rasa, ours
    rasa.engine.dispose()
    ours.engine.dispose()


def _rows(store: SQLTrackerStore, sender_id: str) -> list[tuple]:
    with store.engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                sa.text(
                    "SELECT type_name, intent_name, action_name, timestamp, data FROM events "
                    "WHERE sender_id = :sender ORDER BY id"
                ),
                {"sender": sender_id},
            )
        ]


async def _play(store: SQLTrackerStore, sender_id: str, statements: list[str]) -> DialogueStateTracker:
    """Each turn as Rasa runs it: read the tracker (or start one), add the turn's events, save."""
    for number, turn in enumerate(TURNS):
        tracker = await store.retrieve(sender_id) if number else None
        tracker = tracker or DialogueStateTracker(sender_id, DOMAIN.slots)
        for event in turn:
            tracker.update(event)
        statements.clear()
        await store.save(tracker)
    return tracker


async def test_the_same_rows_and_trackers_as_rasas_own_store_without_counting(stores) -> None:
    rasa, ours = stores
    counted: list[str] = []
    sa.event.listen(ours.engine, "before_cursor_execute", lambda *args: counted.append(args[2]))
    await _play(rasa, "rasa-sender", [])
    await _play(ours, "ours-sender", counted)
    # the last save (of a tracker read back) inserted without asking how many events were stored
    assert counted and not [sql for sql in counted if "count(" in sql.lower()]

    assert len(_rows(ours, "ours-sender")) == sum(len(turn) for turn in TURNS)
    ours_rows, rasa_rows = _rows(ours, "ours-sender"), _rows(rasa, "rasa-sender")
    assert [row[:-1] for row in ours_rows] == [row[:-1] for row in rasa_rows]
    assert [ours.open_data(row[-1]) for row in ours_rows] == [json.loads(row[-1]) for row in rasa_rows]
    assert not any(row[-1].startswith("{") for row in ours_rows), "event data stored in clear"
    for full in (False, True):
        read = ours.retrieve_full_tracker if full else ours.retrieve
        theirs = rasa.retrieve_full_tracker if full else rasa.retrieve
        assert list((await read("ours-sender")).events) == list((await theirs("rasa-sender")).events)
    assert len((await ours.retrieve("ours-sender")).events) == len(TURNS[-2]) + len(TURNS[-1])
    assert len((await ours.retrieve_full_tracker("ours-sender")).events) == sum(len(turn) for turn in TURNS)


async def test_a_tracker_not_read_from_the_store_is_counted_as_rasa_does(stores) -> None:
    _, ours = stores
    first = DialogueStateTracker.from_events("copy-sender", TURNS[0] + TURNS[1], slots=DOMAIN.slots)
    await ours.save(first)
    copy = DialogueStateTracker.from_events("copy-sender", [*first.events, *TURNS[2]], slots=DOMAIN.slots)
    await ours.save(copy)  # a copy carries no note: Rasa's count decides what is new
    assert len(_rows(ours, "copy-sender")) == len(TURNS[0] + TURNS[1] + TURNS[2])


async def test_an_unknown_conversation_reads_as_none(stores) -> None:
    _, ours = stores
    assert await ours.retrieve("nobody") is None


def test_sqlite_keeps_its_connections_in_wal_mode(tmp_path: Path) -> None:
    store = LeanSQLTrackerStore(DOMAIN, host=f"sqlite:///{tmp_path / 'tracker.db'}", cipher=CIPHER)
    assert isinstance(store.engine.pool, sa.pool.QueuePool)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    store.engine.dispose()


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "deploy/endpoints.production.yml"])
def test_both_endpoint_files_load_this_store(endpoints: str, tmp_path: Path) -> None:
    """Rasa falls back to an in-memory store, silently, when a custom store fails to import."""
    text = (REPO / endpoints).read_text()
    config = {name: "http://127.0.0.1:1" for name in re.findall(r"\$\{(\w+)\}", text)}
    config |= {
        "TRACKER_DB": str(tmp_path / "tracker.db"),
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path}/t.db",
    }
    with scoped_environment(config):
        endpoint = read_endpoint_config(str(REPO / endpoints), "tracker_store")
    store = TrackerStore.create(endpoint, DOMAIN)
    inner = getattr(store, "_tracker_store", store)
    assert type(inner) is LeanSQLTrackerStore
    inner.engine.dispose()

"""rasa_addons.speedups keeps Rasa's behaviour: same accepted action replies, same error for a bad
one, same event class for every event name; only the repeated work is gone."""

from __future__ import annotations

import jsonschema
import numpy as np
import pytest
import scipy.sparse
from hypothesis import given
from hypothesis import strategies as st
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.utils.common import all_subclasses

import rasa_addons  # noqa: F401 - importing the package installs the speedups
from rasa_addons import speedups

GOOD_REPLIES = [
    {"events": [], "responses": []},
    {
        "events": [
            SlotSet("age", {"status": "ok", "value": 54}).as_dict(),
            ActionExecuted("action_listen").as_dict(),
            {"event": "active_loop", "name": None},
        ],
        "responses": [{"text": "How old are you?", "buttons": []}],
    },
]
BAD_REPLIES = [
    {"events": "not a list", "responses": []},
    {"events": [{"event": "slot", "timestamp": "yesterday"}], "responses": []},
    {"events": [], "responses": ["not an object"]},
]


def test_importing_rasa_addons_installs_the_speedups() -> None:
    assert RemoteAction._validate_action_result is speedups.validate_action_result
    assert Event.resolve_by_type is speedups.resolve_by_type
    assert Features._combine_sparse_features is speedups.combine_sparse_features


@pytest.mark.parametrize("reply", GOOD_REPLIES)
def test_a_valid_action_reply_is_accepted_as_rasa_accepts_it(reply: dict) -> None:
    jsonschema.validate(reply, RemoteAction.action_response_format_spec())  # Rasa's own check
    assert RemoteAction("action_x", None)._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", BAD_REPLIES)
def test_an_invalid_action_reply_raises_rasa_error_with_its_message(reply: dict) -> None:
    with pytest.raises(jsonschema.ValidationError) as rasa_error:
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError) as ours:
        RemoteAction("action_x", None)._validate_action_result(reply)
    assert ours.value.message.startswith(rasa_error.value.message)
    assert "Failed to validate Action server response from API" in ours.value.message
    assert list(ours.value.path) == list(rasa_error.value.path)


def test_every_event_name_resolves_to_the_class_rasa_would_choose() -> None:
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "bot", "slot", "action", "active_loop", "session_started"} <= names
    for name in names:
        assert Event.resolve_by_type(name) is speedups._rasa_resolve_by_type(name)
        assert Event.resolve_by_type(name) is Event.resolve_by_type(name)  # the remembered answer


def test_unknown_event_names_behave_as_in_rasa() -> None:
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")


def test_events_read_back_from_dicts_are_equal_to_the_originals() -> None:
    events = [UserUttered("hello", {"name": "greet", "confidence": 1.0}), SlotSet("age", 54)]
    assert [Event.from_parameters(event.as_dict()) for event in events] == events


@st.composite
def sparse_pairs(draw: st.DrawFn) -> tuple[scipy.sparse.spmatrix, scipy.sparse.spmatrix]:
    """Two matrices with the same rows, in the formats and dtypes featurizers produce."""
    rows = draw(st.integers(1, 12))
    formats = st.sampled_from(["coo", "csr"])
    dtypes = st.sampled_from([np.float32, np.float64, np.int64])

    def matrix() -> scipy.sparse.spmatrix:
        columns = draw(st.integers(1, 40))
        density = draw(st.sampled_from([0.0, 0.1, 0.5, 1.0]))
        seed = draw(st.integers(0, 2**16))
        return scipy.sparse.random(
            rows, columns, density=density, format=draw(formats), dtype=draw(dtypes), random_state=seed
        )

    return matrix(), matrix()


@given(sparse_pairs())
def test_joining_sparse_features_gives_scipys_hstack(pair) -> None:  # type: ignore[no-untyped-def]
    left, right = pair
    expected = scipy.sparse.hstack([left, right])
    joined = speedups.side_by_side(left, right)
    assert joined.format == expected.format
    assert joined.shape == expected.shape
    assert joined.dtype == expected.dtype
    joined, expected = joined.tocoo(), expected.tocoo()  # the same entries, in the same order
    assert np.array_equal(joined.row, expected.row) and np.array_equal(joined.col, expected.col)
    assert np.array_equal(joined.data, expected.data)


def test_features_combine_as_in_rasa_and_refuse_mismatched_rows() -> None:
    left = Features(scipy.sparse.coo_matrix(np.eye(3, 4)), "sequence", "text", "a")
    left.combine_with_features(Features(scipy.sparse.coo_matrix(np.ones((3, 2))), "sequence", "text", "b"))
    assert left.features.toarray().tolist() == np.hstack([np.eye(3, 4), np.ones((3, 2))]).tolist()
    with pytest.raises(ValueError, match="sequence dimensions do not match: 3 != 2"):
        other_rows = scipy.sparse.coo_matrix(np.ones((2, 2)))
        left.combine_with_features(Features(other_rows, "sequence", "text", "c"))

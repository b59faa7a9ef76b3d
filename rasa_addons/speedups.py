"""Two hot spots of Rasa 3.6's message handling, fixed in-process (measured in docs/benchmarks.md).

1. Each custom action's reply is checked with ``jsonschema.validate(result, schema)``, which first
   re-checks Rasa's large events schema against the JSON-Schema meta-schema: ~20 ms of CPU per
   custom action here, the largest single cost per message. We build the validator once and keep
   Rasa's schema, its choice of error (``best_match``) and its message.
2. ``Event.resolve_by_type`` walks every Event subclass (recursively, with ``inspect.isabstract``)
   for each event read back from the tracker store or an action reply: ~30 µs per event, 5 ms per
   message late in a pre-screen. We remember each name's class after the first lookup.

Both keep Rasa's behaviour; ``install()`` runs when ``rasa_addons`` is imported (by Rasa, from
endpoints.yml / credentials.yml), and tests/rasa_addons/test_speedups.py pins the equivalence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

_rasa_resolve_by_type = Event.resolve_by_type
_event_classes: dict[str, type[Event]] = {}


@lru_cache(maxsize=1)
def action_reply_validator() -> Validator:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_action: RemoteAction, result: dict[str, Any]) -> bool:
    """Same contract as ``RemoteAction._validate_action_result``: True, or Rasa's ValidationError."""
    error = best_match(action_reply_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """Same contract as ``Event.resolve_by_type``: the class, ``default``, None for "topic", or ValueError."""
    known = _event_classes.get(type_name)
    if known is not None:
        return known
    try:
        found = _rasa_resolve_by_type(type_name)
    except ValueError:
        if default is not None:
            return default
        raise
    if found is not None:
        _event_classes[type_name] = found
    return found


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign,assignment]

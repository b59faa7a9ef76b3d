"""Three hot spots of Rasa 3.6's message handling, fixed in-process (measured in docs/benchmarks.md).

1. Each custom action's reply is checked with ``jsonschema.validate(result, schema)``, which first
   re-checks Rasa's large events schema against the JSON-Schema meta-schema: ~20 ms of CPU per
   custom action here, the largest single cost per message. We build the validator once and keep
   Rasa's schema, its choice of error (``best_match``) and its message.
2. ``Event.resolve_by_type`` walks every Event subclass (recursively, with ``inspect.isabstract``)
   for each event read back from the tracker store or an action reply: ~30 µs per event, 5 ms per
   message late in a pre-screen. We remember each name's class after the first lookup.
3. DIET and the ResponseSelector each join the sparse features of our five featurizers with
   ``scipy.sparse.hstack`` (generic block assembly, ~0.4 ms a join), five joins per model per
   message. Joining two COO matrices (what the featurizers make) side by side is concatenating
   their entries with the second one's columns shifted: the same matrix, format and entry order.

Both keep Rasa's behaviour; ``install()`` runs when ``rasa_addons`` is imported (by Rasa, from
endpoints.yml / credentials.yml), and tests/rasa_addons/test_speedups.py pins the equivalence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.nlu.training_data.features import Features

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


def side_by_side(left: scipy.sparse.spmatrix, right: scipy.sparse.spmatrix) -> scipy.sparse.coo_matrix:
    """``scipy.sparse.hstack([left, right])`` for two matrices with the same number of rows."""
    if not (scipy.sparse.isspmatrix_coo(left) and scipy.sparse.isspmatrix_coo(right)):
        return scipy.sparse.hstack([left, right])  # other formats keep scipy's own choice
    return scipy.sparse.coo_matrix(
        (
            np.concatenate((left.data, right.data)),
            (np.concatenate((left.row, right.row)), np.concatenate((left.col, right.col + left.shape[1]))),
        ),
        shape=(left.shape[0], left.shape[1] + right.shape[1]),
    )


def combine_sparse_features(self: Features, additional_features: Features) -> None:
    """Same contract as ``Features._combine_sparse_features``."""
    if self.features.shape[0] != additional_features.features.shape[0]:
        raise ValueError(
            f"Cannot combine sparse features as sequence dimensions do not "
            f"match: {self.features.shape[0]} != {additional_features.features.shape[0]}."
        )
    self.features = side_by_side(self.features, additional_features.features)
    self._cached_fingerprint = None


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign,assignment]
    Features._combine_sparse_features = combine_sparse_features  # type: ignore[method-assign]

"""Rasa's HTTP API answers a body it cannot use with a 400 and a reason, never a 500.

Rasa 3.6 calls ``request.json.get(...)``: ``null``, a list, a number or an empty body sent to
/model/parse, /conversations/<id>/messages, /execute, /trigger_intent or ``PUT /model`` is a 500,
and so is invalid UTF-8 sent to /model/train (measured in docs/robustness.md). ``install()``
wraps ``rasa.core.run.configure_app`` so that the app Rasa builds gets a check in front of each
POST and PUT route of the API (Sanic middleware named for those routes): a body that is not of
the form the route reads is refused first, in Rasa's own error format. The check sits behind
Rasa's own token check (``rasa.server.requires_auth``, applied to it as to the routes): without
the token the answer stays Rasa's 401. What passes is read by Rasa as before (JSON whatever the
declared type; YAML training data for /model/train, /model/test/stories, and /model/test/intents
when sent as ``application/x-yaml``).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Literal

import rasa.core.run
from rasa.server import YAML_CONTENT_TYPE, ErrorResponse, requires_auth
from rasa.shared.exceptions import SchemaValidationError
from rasa.shared.nlu.training_data.schemas.data_schema import rasa_nlu_data_schema
from rasa.shared.utils.validation import validate_training_data
from sanic import Sanic
from sanic.request import Request

from bot.request_body import LIST, NUMBER, OBJECT, TEXT, BadRequest, check_fields, parse_json
from bot.settings import get_settings

Form = Literal["object", "event_or_events", "events", "none_or_json", "yaml", "nlu_yaml_or_json"]
Fields = Mapping[str, tuple[type, ...]]


@dataclass(frozen=True)
class Body:
    """What one route reads: the body's form; the fields Rasa uses of an object, the keys of YAML."""

    form: Form
    required: Fields = field(default_factory=dict)
    optional: Fields = field(default_factory=dict)
    keys: frozenset[str] = frozenset()


# Training data has at least one of these (a domain or a config alone trains nothing: a 500).
DATA_KEYS = frozenset({"nlu", "rules", "stories"})
# Every POST and PUT route of Rasa 3.6's API, by Sanic route name; tests/rasa_addons/test_api_guard.py
# fails when Rasa has one that is not listed here.
ROUTES: dict[str, Body] = {
    "rasa_server.parse": Body("object", {"text": TEXT}, {"message_id": TEXT}),
    "rasa_server.add_message": Body("object", {"text": TEXT, "sender": TEXT}, {"parse_data": OBJECT}),
    "rasa_server.execute_action": Body("object", {"name": TEXT}, {"policy": TEXT, "confidence": NUMBER}),
    "rasa_server.trigger_intent": Body("object", {"name": TEXT}, {"entities": OBJECT + LIST}),
    "rasa_server.load_model": Body(
        "object", {}, {"model_file": TEXT, "model_server": OBJECT, "remote_storage": TEXT}
    ),
    "rasa_server.append_events": Body("event_or_events"),
    "rasa_server.replace_events": Body("events"),
    "rasa_server.tracker_predict": Body("events"),
    "rasa_server.predict": Body("none_or_json"),  # reads no body
    "rasa_server.train": Body("yaml", keys=DATA_KEYS),
    "rasa_server.evaluate_stories": Body("yaml", keys=frozenset({"stories"})),
    "rasa_server.evaluate_intents": Body("nlu_yaml_or_json", keys=frozenset({"nlu"})),
}


def _yaml_with_keys(raw: bytes, keys: frozenset[str]) -> None:
    """A look for the keys, not a YAML parse: Rasa validates the YAML (a 400 when invalid) but
    trains on any, even ``null`` or ``[]`` (a 500), and decodes it as UTF-8 (a 500 otherwise).
    Parsing it here would cost what Rasa's parse costs, and ruamel's C reader crashes the
    process on deeply nested input (measured: ``"[" * 50000``)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest("The request body must be YAML (UTF-8 text).") from error
    names = "|".join(sorted(keys))
    if not re.search(rf"""(?:^|[{{,])\s*["']?(?:{names})["']?\s*:""", text, re.MULTILINE):
        raise BadRequest(f"The request body must be YAML with at least one of: {', '.join(sorted(keys))}.")


def _nlu_json(value: object) -> None:
    """Rasa validates JSON NLU data with a schema, but a failure there is a 500."""
    try:
        validate_training_data(value, rasa_nlu_data_schema())
    except SchemaValidationError as error:
        raise BadRequest(f"The request body must be NLU data in Rasa's JSON format: {error}") from None


def check_body(body: Body, raw: bytes, content_type: str) -> None:
    """``BadRequest`` (with what is expected) unless ``raw`` has the form the route reads."""
    yaml = content_type.split(";")[0].strip() == YAML_CONTENT_TYPE
    if body.form == "yaml" or (body.form == "nlu_yaml_or_json" and yaml):
        return _yaml_with_keys(raw, body.keys)
    if body.form == "none_or_json" and not raw.strip():
        return None
    value = parse_json(raw)
    if body.form == "nlu_yaml_or_json":  # Rasa reads JSON NLU data unless told it is YAML
        _nlu_json(value)
    elif body.form == "object":
        check_fields(value, body.required, body.optional)
    elif body.form == "events" and not isinstance(value, list):
        raise BadRequest("The request body must be a JSON list of events.")
    elif body.form == "event_or_events" and not (isinstance(value, (dict, list)) and value):
        # Rasa answers an empty list with a 400 inside a try block that turns it into a 500
        raise BadRequest("The request body must be a JSON event (an object) or a list of events.")
    return None


def guard(app: Sanic, auth_token: str | None) -> Callable[[Request], Awaitable[None]]:
    """The request middleware: Rasa's token check first, then the body's form."""

    async def check(request: Request, conversation_id: str | None = None) -> None:
        # ``conversation_id`` by name: Rasa's check lets a JWT "user" reach only their own conversation
        try:
            check_body(ROUTES[request.route.name], request.body, request.content_type)
        except BadRequest as error:
            raise ErrorResponse(HTTPStatus.BAD_REQUEST, "BadRequest", str(error), {"in": "body"}) from None

    authorised_check = requires_auth(app, auth_token)(check)

    async def middleware(request: Request) -> None:
        await authorised_check(request, **request.match_info)

    return middleware


_rasa_configure_app = rasa.core.run.configure_app


def configure_app(*args: Any, **kwargs: Any) -> Sanic:
    """Same contract as ``rasa.core.run.configure_app``; the app also gets the body check, and an
    API enabled without ``--auth-token`` takes the token from the environment (``RASA_AUTH_TOKEN``):
    a token on the command line is visible to every local user in ``ps``."""
    arguments = inspect.signature(_rasa_configure_app).bind(*args, **kwargs)
    arguments.apply_defaults()
    if arguments.arguments["enable_api"] and not arguments.arguments["auth_token"]:
        arguments.arguments["auth_token"] = get_settings().rasa_auth_token or None
    app = _rasa_configure_app(*arguments.args, **arguments.kwargs)
    if arguments.arguments["enable_api"]:
        routes = [route.name for route in app.router.routes if route.name in ROUTES]
        app.register_named_middleware(guard(app, arguments.arguments["auth_token"]), routes, "request")
    return app


def install() -> None:
    rasa.core.run.configure_app = configure_app  # type: ignore[assignment]

"""The action server answers a request it cannot use with a 4xx and a reason, and never sends a
conversation back in an error.

rasa-sdk 3.6 answers JSON that is not an object, or a call without ``tracker``, with a 500 whose
body echoes the whole request (the conversation: what the person wrote, their contact details);
Rasa then writes that body into its own log. A call without ``next_action`` gets a 200 with
``null``, and an unknown URL or method a 500. Here a request check, attached to ``/webhook``,
refuses a malformed call first with a 400 (``{"error": ...}``, rasa-sdk's format), and the error
handler answers with the exception's status (404, 405...) or a 500 that names only the error's
type; the log gets the type and where it happened, never the request.
"""

from __future__ import annotations

import logging
import zlib

import pluggy
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.logging_setup import where
from bot.request_body import LIST, OBJECT, TEXT, BadRequest, check_fields, parse_json

log = logging.getLogger(__name__)
hookimpl = pluggy.HookimplMarker("rasa_sdk")  # rasa-sdk's hooks (rasa_sdk.plugin)

WEBHOOK_ROUTE = "rasa_sdk.webhook"
CALL_FIELDS = {"next_action": TEXT, "tracker": OBJECT}
CALL_OPTIONAL = {"sender_id": TEXT, "domain": OBJECT, "version": TEXT}
TRACKER_FIELDS = {"sender_id": TEXT}
TRACKER_OPTIONAL = {"slots": OBJECT, "latest_message": OBJECT, "events": LIST, "active_loop": OBJECT}


def check_call(raw: bytes, content_encoding: str | None) -> None:
    """``BadRequest`` unless ``raw`` is an action call rasa-sdk can run (deflated when Rasa says so)."""
    if content_encoding == "deflate":
        try:
            raw = zlib.decompress(raw)
        except zlib.error as error:
            raise BadRequest(
                "The request body must be deflate-compressed, as its Content-Encoding says."
            ) from error
    call = parse_json(raw)
    check_fields(call, CALL_FIELDS, CALL_OPTIONAL)
    try:
        check_fields(call["tracker"], TRACKER_FIELDS, TRACKER_OPTIONAL)  # type: ignore[index]
    except BadRequest as error:
        raise BadRequest(f"In 'tracker': {error}") from None


async def refuse_malformed_calls(request: Request) -> HTTPResponse | None:
    """Request middleware of /webhook: a 400 with the reason, before rasa-sdk can fail on the call."""
    try:
        check_call(request.body, request.headers.get("Content-Encoding"))
    except BadRequest as error:
        return response.json({"error": str(error)}, status=400)
    return None


async def answer_error(request: Request, exception: Exception) -> HTTPResponse:
    """Replaces rasa-sdk's handler, which answers every error (404s too) with a 500 echoing the body."""
    if isinstance(exception, SanicException):
        return response.json({"error": str(exception)}, status=exception.status_code)
    log.error("event=action_server_error error=%s at=%s", type(exception).__name__, where(exception))
    return response.json(
        {"error": f"The action failed ({type(exception).__name__}); see the action server log."}, status=500
    )


@hookimpl
def attach_sanic_app_extensions(app: Sanic) -> None:
    """rasa-sdk's hook, called with its app before it starts serving."""
    app.register_named_middleware(refuse_malformed_calls, [WEBHOOK_ROUTE], "request")
    app.error_handler.add(Exception, answer_error)

"""The widget's and staff pages' own files: a fixed set of names, anything else is a plain 404.

Sanic's generic static handler answered 500 for ``/static/`` (a folder) and for names with a NUL
byte (``/static/widget.js%00.png``); a short allow-list of file names has neither failure mode.
"""

from __future__ import annotations

import re
from pathlib import Path

from sanic import Blueprint, response
from sanic.exceptions import NotFound
from sanic.request import Request

STATIC_DIR = Path(__file__).resolve().parent / "static"
CONTENT_TYPES = {"js": "application/javascript; charset=utf-8", "css": "text/css; charset=utf-8"}
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\.(js|css)$")

bp = Blueprint("static_files")


@bp.route("/static/<name:path>", methods=["GET", "HEAD"], name="static_file")
async def static_file(request: Request, name: str) -> response.HTTPResponse:
    """One file from bot/web/static by its plain name, or 404."""
    match = _NAME.fullmatch(name)
    path = STATIC_DIR / name
    if match is None or not path.is_file():
        raise NotFound("no such file")
    return await response.file(
        path, mime_type=CONTENT_TYPES[match.group(1)], headers={"Cache-Control": "public, max-age=300"}
    )

"""What is reachable at all: Rasa and the action server listen on loopback only (the action server
has no authentication: anyone reaching it could write or erase leads with a forged tracker), and
Rasa's HTTP API refuses every request without its token."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.servers


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of sockets listening on ``port``, from /proc/net/tcp and tcp6 (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_rasa_and_the_action_server_listen_on_loopback_only(live_stack) -> None:  # type: ignore[no-untyped-def]
    loopback = {
        "0100007F",
        "00000000000000000000000001000000",
    }  # 127.0.0.1 and ::1, as the kernel writes them
    for port in (live_stack.rasa_port, live_stack.action_port):
        addresses = _listening_addresses(port)
        assert addresses and addresses <= loopback, f"port {port} listens on {addresses}"


def _status(method: str, url: str, body: dict | None = None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("GET", "/status", None), ("GET", "/conversations/someone-1234/tracker", None),
     ("POST", "/conversations/someone-1234/messages", {"text": "hi", "sender": "user"}),
     ("POST", "/model/parse", {"text": "hello"}), ("PUT", "/model", {"model_file": "/tmp/x.tar.gz"}),
     ("DELETE", "/model", None)],
    ids=lambda value: value if isinstance(value, str) else "",
)  # fmt: skip
def test_rasa_http_api_refuses_requests_without_its_token(live_stack, method: str, path: str, body) -> None:  # type: ignore[no-untyped-def]
    assert live_stack.rasa_auth_token, "the live stack runs with the API enabled behind a token"
    url = f"{live_stack.rasa_url}{path}"
    assert _status(method, url, body) == 401
    assert _status(method, f"{url}?token=not-the-token", body) == 401

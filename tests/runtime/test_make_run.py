"""`make run` stays up when one part fails: one real `python -m bot run` for the whole module, whose
processes are killed (-9) in turn while people are mid-pre-screen over Rasa's REST webhook."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from bot.chat.replies import UNAVAILABLE_TEXT
from bot.runtime.rest_chat import Conversation
from bot.runtime.sandbox import ModelNotReady, isolated_env, require_fresh_model
from bot.runtime.supervisor import is_healthy as healthy
from bot.settings import load_settings
from tests.conftest import ARTIFACTS, REPO_ROOT, SmtpInbox
from tests.e2e.test_prescreen_over_rest import ELIGIBLE_ANSWERS
from tests.hostile.chat_client import ChatEndpoint, new_sender
from tests.runtime.product import RunningProduct, leads_of

pytestmark = pytest.mark.servers

START_SECONDS = 300.0
BACK_SECONDS = 180.0
RESTART_TIMES = ARTIFACTS / "restart-times.json"
SAVE_FAILED = "couldn't save what you just sent"


@pytest.fixture(scope="module")
def product(tmp_path_factory: pytest.TempPathFactory, smtp_inbox: SmtpInbox) -> Iterator[RunningProduct]:
    try:
        require_fresh_model(load_settings())
    except ModelNotReady as error:
        pytest.fail(str(error))
    env = isolated_env(
        tmp_path_factory.mktemp("make-run"),
        SMTP_HOST="127.0.0.1", SMTP_PORT=str(smtp_inbox.port), COORDINATOR_EMAILS="coordinator@example.org",
        NOTIFY_INTERVAL_SECONDS="1", RESTART_BACKOFF_SECONDS="0.5", RESTART_LIMIT="3",
        RESTART_STABLE_SECONDS="20",
    )  # fmt: skip
    running = RunningProduct.start(env, ARTIFACTS / "logs-make-run" / "make-run.log", REPO_ROOT)
    try:
        running.wait_all_up(START_SECONDS)
        yield running
    finally:
        running.stop()


def _record_restart(name: str, kill_to_ready: float, state: dict) -> None:
    """Restart times for docs/robustness.md: from the kill to ready, and as the supervisor saw it."""
    times = json.loads(RESTART_TIMES.read_text()) if RESTART_TIMES.exists() else {}
    times[name] = {
        "kill_to_ready_seconds": round(kill_to_ready, 1),
        "supervisor": state["last_restart_seconds"],
    }
    RESTART_TIMES.parent.mkdir(parents=True, exist_ok=True)
    RESTART_TIMES.write_text(json.dumps(times, indent=1))
    print(f"\nrestart name={name} kill_to_ready_seconds={kill_to_ready:.1f}")


def _mid_prescreen(product: RunningProduct, answered: int) -> Conversation:
    person = Conversation(product.rasa_url)
    person.say("can I join the study?")
    assert "how old are you" in person.text("yes")
    for answer in ELIGIBLE_ANSWERS[:answered]:
        assert person.say(answer), f"no reply to {answer!r}"
    return person


def _finish_and_check_stored(product: RunningProduct, person: Conversation, answered: int) -> None:
    for answer in ELIGIBLE_ANSWERS[answered:-1]:
        assert person.say(answer), f"no reply to {answer!r}"
    assert "may be able to take part" in person.text(ELIGIBLE_ANSWERS[-1])
    (lead,) = leads_of(product.env["DATABASE_URL"], product.env["LEADS_ENCRYPTION_KEY"], person.sender)
    assert lead["outcome"] == "likely_eligible" and lead["answers"]["age"] == 54
    slots = [key for key in lead["answers"] if key != "readings"]  # "readings": what each answer meant
    assert len(slots) == len(ELIGIBLE_ANSWERS) - 1, lead["answers"]  # every answer kept (not the check)


def _others_serve(product: RunningProduct, killed: str) -> None:
    urls = {"rasa": f"{product.rasa_url}/", "actions": f"http://127.0.0.1:{product.env['ACTION_PORT']}/health",
            "web": f"http://127.0.0.1:{product.env['WEB_PORT']}/health"}  # fmt: skip
    for name, url in urls.items():
        if name != killed:
            assert healthy(url), f"{name} stopped answering when {killed} was killed"


def test_make_run_reports_every_process_up(product: RunningProduct) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "status"], env={**os.environ, **product.env}, cwd=REPO_ROOT,
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("rasa", "actions", "web", "worker"):
        assert any(line.startswith(name) and " up (pid " in line for line in result.stdout.splitlines())


def test_action_server_killed_mid_prescreen_is_restarted_and_nobody_loses_an_answer(
    product: RunningProduct,
) -> None:
    first, second = _mid_prescreen(product, 1), _mid_prescreen(product, 4)
    killed_at, pid = time.monotonic(), product.kill("actions")
    text = first.text(ELIGIBLE_ANSWERS[1])  # while it is down: the truth, and nothing is lost
    assert SAVE_FAILED in text and "send your last message again" in text
    _others_serve(product, "actions")
    state = product.wait_back("actions", pid, BACK_SECONDS)
    _record_restart("actions", time.monotonic() - killed_at, state)
    assert state["restarts"] == 1
    _finish_and_check_stored(product, first, 1)
    _finish_and_check_stored(product, second, 4)


def test_web_app_killed_mid_prescreen_faq_answers_still_come_and_it_comes_back(
    product: RunningProduct,
) -> None:
    person = _mid_prescreen(product, 2)
    killed_at, pid = time.monotonic(), product.kill("web")
    assert "52 weeks" in Conversation(product.rasa_url).text(
        "how long does the study last?"
    )  # trained answer
    assert person.say(ELIGIBLE_ANSWERS[2])  # the pre-screen goes on without the web app
    _others_serve(product, "web")
    state = product.wait_back("web", pid, BACK_SECONDS)
    _record_restart("web", time.monotonic() - killed_at, state)
    assert healthy(f"http://127.0.0.1:{product.env['WEB_PORT']}/health")
    _finish_and_check_stored(product, person, 3)


def _tracker_events(product: RunningProduct, sender: str) -> int:
    with sqlite3.connect(product.env["TRACKER_DB"]) as connection:
        return connection.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]


def test_worker_killed_its_e_mail_and_erasure_wait_and_are_done_once_it_is_back(
    product: RunningProduct, smtp_inbox: SmtpInbox
) -> None:
    person, leaving = _mid_prescreen(product, 0), _mid_prescreen(product, 3)
    _finish_and_check_stored(product, person, 0)
    assert "name" in person.text("yes please")  # the contact steps as tests/e2e plays them
    assert "email" in person.text("Marie Curie-Worker")
    assert "good time" in person.text("marie.worker@example.org")
    sent_before = len(smtp_inbox.messages)
    ready_marker = product.data_dir / "worker.ready"
    before = ready_marker.stat().st_mtime
    killed_at, pid = time.monotonic(), product.kill("worker")
    assert "passed your details" in person.text("weekday mornings")  # the referral is saved meanwhile
    assert "to confirm" in leaving.text("delete my data")  # erasure asks first (issue 19)
    assert "deleted" in leaving.text("DELETE")  # the conversation's erasure is queued meanwhile
    assert (product.data_dir / "erasure-queue" / leaving.sender).exists()
    _others_serve(product, "worker")
    state = product.wait_back("worker", pid, BACK_SECONDS)
    product.wait_until("worker ready again", lambda _: ready_marker.stat().st_mtime > before, BACK_SECONDS)
    _record_restart("worker", time.monotonic() - killed_at, state)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
        len(smtp_inbox.messages) == sent_before or _tracker_events(product, leaving.sender)
    ):
        time.sleep(0.5)
    assert len(smtp_inbox.messages) > sent_before, "the coordinator's e-mail never went out"
    assert _tracker_events(product, leaving.sender) == 0, "the queued erasure was never carried out"


def test_rasa_killed_mid_prescreen_comes_back_and_every_conversation_resumes(product: RunningProduct) -> None:
    first, second = _mid_prescreen(product, 2), _mid_prescreen(product, 6)
    killed_at, pid = time.monotonic(), product.kill("rasa")
    widget = ChatEndpoint("widget", int(product.env["WEB_PORT"]), "/api/chat")
    answer = widget.send(ELIGIBLE_ANSWERS[2], sender=new_sender())
    assert answer.status == 503 and answer.json == [{"text": UNAVAILABLE_TEXT}]  # the truth, kindly
    _others_serve(product, "rasa")
    state = product.wait_back("rasa", pid, BACK_SECONDS)
    _record_restart("rasa", time.monotonic() - killed_at, state)
    assert "ct scan" in first.text(ELIGIBLE_ANSWERS[2])  # the next question: the answers kept
    _finish_and_check_stored(product, first, 3)
    _finish_and_check_stored(product, second, 6)


def test_a_crash_loop_is_left_down_with_a_clear_message_and_the_rest_keeps_serving(
    product: RunningProduct,
) -> None:
    marker = product.data_dir / "worker.ready"
    marker.unlink()
    marker.mkdir()  # the worker cannot write its marker: it fails at every start
    try:
        product.kill("worker")
        product.wait_until("worker left down", lambda s: s["worker"]["state"] == "down", BACK_SECONDS)
    finally:
        marker.rmdir()
    state = product.status()["worker"]
    assert state["failures"] == 4 and "crash loop" in state["message"]
    assert "worker: crash loop: exited 4 times in a row, not restarting it again" in product.output()
    assert "event=process_crash_loop name=worker failures=4" in product.output()
    time.sleep(3)  # and it really stays down
    assert product.status()["worker"]["state"] == "down"
    _others_serve(product, "worker")
    assert "52 weeks" in Conversation(product.rasa_url).text("how long does the study last?")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "status"], env={**os.environ, **product.env}, cwd=REPO_ROOT,
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 3 and "worker       down (crash loop" in result.stdout


def test_sigterm_stops_every_process_and_frees_every_port(product: RunningProduct) -> None:
    groups = [state["pid"] for state in product.status().values() if state["pid"]]
    assert product.stop() == 0
    for group in groups:  # no orphan: nothing is left in any child's process group
        assert subprocess.run(["pgrep", "-g", str(group)], capture_output=True).returncode == 1
    for port in product.ports():
        with socket.socket() as probe:  # SO_REUSEADDR: closed connections may linger, listeners may not
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("127.0.0.1", port))
            probe.listen()
    assert {state["state"] for state in product.status().values()} == {"stopped"}

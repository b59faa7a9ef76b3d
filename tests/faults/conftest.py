"""The fault tests' own stack (tests/faults/stack.py), started once for this folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator

import pytest

from bot.runtime.rest_chat import Conversation
from tests.conftest import ARTIFACTS, fresh_model_or_fail
from tests.faults.stack import FaultStack


@pytest.fixture(scope="package")
def fault_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultStack]:
    from bot.settings import load_settings

    fresh_model_or_fail(load_settings())
    log_dir = ARTIFACTS / "logs-faults"
    shutil.rmtree(log_dir, ignore_errors=True)
    stack = FaultStack.create(tmp_path_factory.mktemp("fault-stack"), log_dir)
    try:
        for name in ("actions", "web", "rasa"):  # Rasa last: it needs the others when it answers
            stack.start(name)
        yield stack
    finally:
        stack.stop_all()


@pytest.fixture
def chat(fault_stack: FaultStack) -> Callable[[], Conversation]:
    """A new person's conversation with the fault stack's Rasa."""
    return lambda: Conversation(fault_stack.settings.rasa_url)

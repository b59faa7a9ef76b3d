"""Our servers start without frameworks they never use (bot/runtime/launch.py), and still work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

PROBE = """
from bot.runtime.launch import UNUSED, block
blocked = block(UNUSED["actions"])
from bot.eligibility.parsers.entities import canonical_names
import sys
print("names=" + ",".join(canonical_names("stopped imurel, now on prograf", "DRUG")))
print("loaded=" + ",".join(sorted(name for name in blocked if sys.modules.get(name) is not None)))
"""


def test_spacy_names_work_in_the_action_server_without_tensorflow() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    said = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    assert said["names"] == "azathioprine,tacrolimus"
    assert said["loaded"] == ""  # the memory this saves is measured by `make bench`, not here


def test_the_stack_starts_the_lean_action_server() -> None:
    from bot.runtime.processes import action_server
    from bot.settings import get_settings

    assert action_server(get_settings()).command[1:4] == ["-m", "bot.runtime.launch", "actions"]


def test_the_stack_starts_rasa_without_jax_but_with_tensorflow() -> None:
    from bot.runtime.launch import UNUSED
    from bot.runtime.processes import rasa_server
    from bot.settings import get_settings

    assert rasa_server(get_settings()).command[1:5] == ["-m", "bot.runtime.launch", "rasa", "run"]
    assert "jax" in UNUSED["rasa"] and "tensorflow" not in UNUSED["rasa"]

"""The action server runs without TensorFlow (about 450 MiB it never used), and still reads names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

PROBE = """
from bot.runtime.action_server import block_unused_frameworks
blocked = block_unused_frameworks()
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

    assert action_server(get_settings()).command[1:3] == ["-m", "bot.runtime.action_server"]

"""docs/robustness.md names the test behind each row: every one it names exists."""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DOC = REPO_ROOT / "docs" / "robustness.md"


def test_every_test_the_robustness_table_names_exists() -> None:
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", DOC.read_text(encoding="utf-8"))
    assert len(named) > 40
    missing = []
    for path, name in named:
        source = REPO_ROOT / path
        defined = source.exists() and (
            not name or re.search(rf"^(async )?def {name}\(", source.read_text(encoding="utf-8"), re.M)
        )
        if not defined:
            missing.append(f"{path}::{name}" if name else path)
    assert missing == []

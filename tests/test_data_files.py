"""Data files travel with the checkout: none names a path on one machine."""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
MACHINE_PATH = re.compile(r"(?<![\w.:/~-])(/(?:work|home|root|tmp|srv|opt|mnt|Users)/|[A-Z]:\\)")


def _data_files() -> list[Path]:
    return sorted(p for folder in ("data", "domain") for p in (REPO_ROOT / folder).rglob("*.yml"))


def test_the_pattern_finds_a_machine_path_and_not_a_link() -> None:
    assert MACHINE_PATH.search("# The ground truth is /work/shared/trial/study-record.txt")
    assert not MACHINE_PATH.search("see https://example.org/home/trial and data/content/faq.yml")


def test_no_data_file_names_a_path_on_one_machine() -> None:
    files = _data_files()
    assert len(files) > 10
    found = [
        f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MACHINE_PATH.search(line)
    ]
    assert found == []

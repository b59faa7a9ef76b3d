"""Scripted conversations for the benchmark, read from scenarios.yml (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

SCENARIOS_FILE = Path(__file__).resolve().parent / "scenarios.yml"


@dataclass(frozen=True)
class Step:
    text: str
    expect: str | None = None  # lower-case words the joined reply texts must contain


@dataclass(frozen=True)
class Script:
    name: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Workload:
    """The conversations one assistant plays; conversation i plays ``mix[i % len(mix)]``."""

    mix: tuple[Script, ...]

    def script(self, index: int) -> Script:
        return self.mix[index % len(self.mix)]


def _step(raw: object, where: str) -> Step:
    if isinstance(raw, str):
        return Step(raw)
    if isinstance(raw, dict) and isinstance(raw.get("say"), str):
        expect = raw.get("expect")
        return Step(raw["say"], str(expect).lower() if expect is not None else None)
    raise ValueError(f"{SCENARIOS_FILE}: {where}: a step is a text or {{say: ..., expect: ...}}, got {raw!r}")


def load_workload(assistant: str, path: Path = SCENARIOS_FILE) -> Workload:
    """The workload for ``assistant`` ("ours" or "starter"); errors name the file and the entry."""
    section = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(assistant)
    if not isinstance(section, dict):
        raise ValueError(f"{path}: no section {assistant!r}")
    conversations = section.get("conversations") or {}
    scripts = []
    for name in section.get("mix") or []:
        steps = conversations.get(name)
        if not steps:
            raise ValueError(f"{path}: {assistant}.mix names {name!r}, which has no conversation")
        scripts.append(Script(name, tuple(_step(s, f"{assistant}.{name}[{i}]") for i, s in enumerate(steps))))
    if not scripts:
        raise ValueError(f"{path}: {assistant}.mix is empty")
    return Workload(tuple(scripts))

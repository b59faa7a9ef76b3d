"""The house rules that keep the domain plain: checked on the source, so a new module cannot slip."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"
FRAMEWORKS = ("rasa", "rasa_sdk", "sanic")
# Only the web side and the process runner may speak to frameworks; the domain never does.
ALLOWED = ("web", "runtime", "bench")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_domain_never_imports_rasa_rasa_sdk_or_sanic() -> None:
    offenders = [
        f"{path.relative_to(BOT.parent)} imports {sorted(_imports(path) & set(FRAMEWORKS))}"
        for path in sorted(BOT.rglob("*.py"))
        if path.relative_to(BOT).parts[0] not in ALLOWED and _imports(path) & set(FRAMEWORKS)
    ]
    assert offenders == []


def test_the_architecture_check_would_see_an_offender(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text("from rasa.core.agent import Agent\nimport sanic.response\n", encoding="utf-8")
    assert _imports(module) >= {"rasa", "sanic"}

"""The house rules that keep the domain plain: checked on the source, so a new module cannot slip."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"
FRAMEWORKS = ("rasa", "rasa_sdk", "sanic")
# Only the web side and the process runner may speak to frameworks; the domain never does.
ALLOWED = ("web", "runtime")


def _imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function (a late import is still one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _imports(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _imported_modules(path)}


def _area(path: Path, root: Path) -> str:
    """``bot/web/app.py`` -> "web"; a module at the top (``bot/settings.py``) is its own area."""
    return path.relative_to(root).parts[0].removesuffix(".py")


def _area_edges(root: Path) -> dict[tuple[str, str], list[str]]:
    """(from area, to area) -> the modules of the first area that import the second."""
    package = root.name
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        source = _area(path, root)
        for name in _imported_modules(path):
            parts = name.split(".")
            if parts[0] == package and len(parts) > 1 and parts[1] != source:
                edges.setdefault((source, parts[1]), []).append(str(path.relative_to(root.parent)))
    return {edge: sorted(set(modules)) for edge, modules in edges.items()}


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


def test_the_runtime_never_imports_the_web_app() -> None:
    """The web app uses the runtime (its retrain job, the supervisor's status); the process runner
    starts the web app as a command (``python -m bot web``) and never imports it: no cycle."""
    edges = _area_edges(BOT)
    assert ("web", "runtime") in edges, "the check looks at the right tree"
    assert edges.get(("runtime", "web"), []) == []


def test_the_cycle_check_would_see_a_late_import(tmp_path: Path) -> None:
    root = tmp_path / "bot"
    for area in ("runtime", "web"):
        (root / area).mkdir(parents=True)
    (root / "runtime" / "cli.py").write_text(
        "def web():\n    from bot.web.app import serve\n", encoding="utf-8"
    )
    (root / "web" / "app.py").write_text("from bot.runtime.restarts import read_status\n", encoding="utf-8")
    edges = _area_edges(root)
    assert edges[("runtime", "web")] == ["bot/runtime/cli.py"]
    assert edges[("web", "runtime")] == ["bot/web/app.py"]


LOG_METHODS = frozenset({"debug", "info", "warning", "error", "exception", "critical"})


def _log_messages(path: Path) -> list[tuple[int, str]]:
    """(line, message) of every ``log.<level>("...")`` / ``logger.<level>("...")`` call in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in LOG_METHODS
            and node.args
        ):
            target = node.func.value
            name = target.id if isinstance(target, ast.Name) else ""
            if isinstance(target, ast.Call):  # logging.getLogger("x").debug(...)
                name = "logger"
            first = node.args[0]
            if name in ("log", "logger") and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((node.lineno, first.value))
    return found


def test_every_log_line_is_key_value_starting_with_an_event() -> None:
    """One logging style: ``event=<name> key=value ...`` (the README promises key=value logs)."""
    roots = [BOT, *(BOT.parent / name for name in ("actions", "rasa_addons", "rasa_sdk_plugins"))]
    offenders = [
        f"{path.relative_to(BOT.parent)}:{line} {message!r}"
        for root in roots
        for path in sorted(root.rglob("*.py"))
        for line, message in _log_messages(path)
        if not message.startswith("event=")
    ]
    assert offenders == []


def test_the_log_style_check_sees_a_free_text_message(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text('log.info("faq loaded entries=%d", 3)\nlog.info("event=ok")\n', encoding="utf-8")
    assert _log_messages(module) == [(1, "faq loaded entries=%d"), (2, "event=ok")]

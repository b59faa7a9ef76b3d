"""Code names keys, data holds sentences: no sentence a patient reads is written in actions/ or bot/.

Every string in those packages is read with ``ast``; one that reads like a sentence to a person
(three words or more, with a capital first letter or closing punctuation) fails the test, with
its file and line, unless it is for developers or operators: a docstring, a log line, an
exception's message, command-line output and help, an API error body, a generated file's header,
a regular expression, or SQL. The sentences go to data/texts/<language>/.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("actions", "bot")
WORD = re.compile(r"^[(\"']?[^\W\d_][^\W\d_']*[)\"',.;:?!…]*$")  # a word as written in a sentence
NOT_PROSE = re.compile(r"^\s*#|\\b|\(\?")  # a file or Markdown header, a regular expression
SQL = re.compile(r"^\s*(select|insert|update|delete|create|alter|drop|with|pragma)\b", re.IGNORECASE)
# Calls whose text is read by a developer or operator, not by a patient.
FOR_DEVELOPERS = frozenset(
    {
        "debug", "info", "warning", "error", "exception", "critical", "log",  # logging
        "warn",  # warnings
        "print", "write", "exit", "SystemExit",  # command-line output (sys.stderr.write, parser.exit)
        "add_argument", "add_parser", "ArgumentParser", "add_subparsers", "error_exit",  # CLI help
    }
)  # fmt: skip
# Exceptions whose message is shown to the person (all others are for developers).
PERSON_FACING_ERRORS = frozenset({"ValidationError"})
# Keyword arguments that are command-line or form help for staff, never patient text.
HELP_KEYWORDS = frozenset({"help", "description", "epilog", "usage", "metavar"})
# Code whose sentences staff or operators read, never a patient: staff texts are the next step
# (the staff pages are being moved to Blueprints), reports and tools stay developer English.
STAFF_PAGES = ("admin", "auth", "editor", "inbox", "login", "referral", "reports")
NOT_FOR_PATIENTS = {
    "bot/bench": "benchmark reports for developers",
    "bot/runtime": "build, training, evaluation and process messages for operators",
    "bot/users": "the staff accounts command line",
    "bot/leads/notify.py": "the e-mail to coordinators",
    "bot/leads/queries.py": "the inbox's filter messages, for coordinators",
    "bot/leads/redcap.py": "REDCap's dictionary columns and the export's labels, for coordinators",
    "bot/content/edits.py": "the staff editor's messages",
    **{f"bot/web/{name}.py": "a staff page" for name in STAFF_PAGES},
}  # fmt: skip
# The few sentences allowed, each with its reason: (path, start of the text) -> why.
ALLOWED: dict[tuple[str, str], str] = {
    ("bot/nlp/pipeline.py", "CATR-PAT assistant: blank English, lookup"): "spaCy model metadata",
}


def reads_like_a_sentence(text: str) -> bool:
    words = [token for token in text.split() if WORD.match(token)]
    if len(words) < 3 or SQL.match(text) or NOT_PROSE.search(text):
        return False
    stripped = text.strip()
    return stripped[:1].isupper() or stripped[-1:] in ".?!:"


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _excused(tree: ast.AST) -> set[int]:
    """Ids of the nodes under a docstring, a log call, a raise, CLI output or help."""
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc if isinstance(node.exc, ast.Call) else None
            if raised is None or _call_name(raised) not in PERSON_FACING_ERRORS:
                roots.append(node.exc)
        elif isinstance(node, ast.Assert) and node.msg is not None:
            roots.append(node.msg)
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Attribute) and target.attr == "__doc__" for target in node.targets
        ):
            roots.append(node.value)
        elif isinstance(node, ast.Dict):  # {"error": ...}: an API error body, for the integrator
            roots += [
                v
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and k.value == "error"
            ]
        elif isinstance(node, ast.Call):
            if _call_name(node) in FOR_DEVELOPERS:
                roots.append(node)
            roots += [keyword.value for keyword in node.keywords if keyword.arg in HELP_KEYWORDS]
    excused = _docstrings(tree)
    for root in roots:
        excused.update(id(child) for child in ast.walk(root))
    return excused


def _text_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its written parts, values as a word
        return "".join(v.value if isinstance(v, ast.Constant) else " value " for v in node.values)
    return None


def inline_sentences(path: Path) -> list[str]:
    """``file:line: text`` for every sentence a person would read, written in this file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    excused = _excused(tree)
    inside_fstrings = {
        id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values
    }
    relative = path.relative_to(REPO_ROOT) if REPO_ROOT in path.parents else path
    found = []
    for node in ast.walk(tree):
        text = _text_of(node)
        if text is None or id(node) in excused or id(node) in inside_fstrings:
            continue
        allowed = any(str(relative) == place and text.strip().startswith(start) for place, start in ALLOWED)
        if reads_like_a_sentence(text) and not allowed:
            found.append(f"{relative}:{node.lineno}: {text.strip()[:80]!r}")
    return found


def _for_patients(path: Path) -> bool:
    relative = path.relative_to(REPO_ROOT).as_posix()
    return not any(relative == place or relative.startswith(place + "/") for place in NOT_FOR_PATIENTS)


def _python_files() -> list[Path]:
    files = (path for package in PACKAGES for path in (REPO_ROOT / package).rglob("*.py"))
    return sorted(path for path in files if _for_patients(path))


def test_no_sentence_a_person_reads_is_written_in_actions_or_bot() -> None:
    found = [line for path in _python_files() for line in inline_sentences(path)]
    assert found == [], "move these texts to data/texts/<language>/ and name them by id:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        'SAVED = "Thank you, your details are saved."\n',
        'def f(d):\n    d.utter_message(text=f"Hello {name}, how are you?")\n',
        'REPLY = ("Sorry, I can\'t answer right now. "\n    "Please try again.")\n',
        'def f():\n    raise ValidationError("name", "That is not a name. What should we call you?")\n',
    ],
)
def test_a_planted_sentence_is_found(tmp_path: Path, source: str) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(source, encoding="utf-8")
    assert len(inline_sentences(planted)) == 1


def test_texts_for_developers_and_ids_are_not_sentences(tmp_path: Path) -> None:
    source = '''"""A module docstring that reads like a sentence."""
import logging
log = logging.getLogger(__name__)
RESPONSE = "utter_contact_saved"
QUERY = "SELECT id FROM referrals WHERE status = 'new'"
def f(parser, value):
    """Why this exists, in a sentence."""
    log.warning("The database did not answer: %s", value)
    parser.add_argument("--port", help="The port to listen on, for example 8000.")
    print(f"Wrote {value} files to the build folder.")
    if value is None:
        raise ValueError(f"criteria.yml: the slot {value!r} has no question. Add one.")
'''
    planted = tmp_path / "developer.py"
    planted.write_text(source, encoding="utf-8")
    assert inline_sentences(planted) == []

"""The one way to save faq.yml: validate first, then replace the file atomically.

The staff editor and the command line both save through ``save_faq``, so a bad edit is refused
before it reaches disk, and the live answer lookup never reads a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml

from bot.content.checks import check_content
from bot.content.loader import ContentError, parse_faq
from bot.content.models import FaqEntry, TrialFacts

HEADER = """\
# CATR-PAT plain-language FAQ, maintained by the study staff.
# Each entry: id (snake_case, becomes Rasa intent faq/<id>), topic (group name for reports),
# questions (at least 10 ways people really ask it, typos welcome), answer (2 to 5 short sentences,
# reading grade 8 or lower, no advice on which treatment to take), source (which part of
# study-record.txt or registry-facts.md the answer comes from), related (optional entry ids).
# Check your edits with: python -m bot content check
"""


class _Folded(str):
    """Answer text, written as a folded block (``>-``) so staff read and edit it as prose."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Folded, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
)


def render_faq(entries: Sequence[FaqEntry]) -> str:
    """The faq.yml text for these entries, in their given order, with the staff header."""
    documents = [entry.to_dict() for entry in entries]
    for document in documents:
        document["answer"] = _Folded(document["answer"])
    body = yaml.dump({"entries": documents}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    body = body.replace("\n- id: ", "\n\n- id: ").replace("entries:\n\n", "entries:\n", 1)
    return HEADER + "\n" + body


def save_faq(entries: Sequence[FaqEntry], path: Path, trial: TrialFacts | None = None) -> None:
    """Validate ``entries`` and atomically replace ``path``; raises ContentError and writes nothing
    when the schema is broken or, given ``trial``, when the content check finds a problem."""
    text = render_faq(entries)
    parse_faq(yaml.safe_load(text), path)
    if trial is not None:
        problems = check_content(entries, trial)
        if problems:
            raise ContentError(path, [str(problem) for problem in problems])
    write_text_atomically(path, text)


def write_text_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path`` (atomic on POSIX)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

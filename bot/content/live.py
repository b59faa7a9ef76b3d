"""Current FAQ answers for the NLG endpoint, so a staff edit reaches patients without retraining.

The file is re-read when it changes (modification time, size or inode: the editor's atomic rename
gives a new inode). If a changed file cannot be loaded, the last good answers keep being served:
a patient must never get silence because of a typo in an edit.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from bot.content.loader import ContentError, load_faq
from bot.content.models import RESPONSE_PREFIX, entry_id_from_response

logger = logging.getLogger(__name__)

_Stamp = tuple[int, int, int]


class LiveFaqAnswers:
    """Answer text by Rasa response name (``utter_faq/<id>``), always from the current faq.yml."""

    def __init__(self, path: Path) -> None:
        """Load now, so a broken file fails at startup rather than at a patient's first question."""
        self._path = path
        self._lock = threading.Lock()
        self._stamp: _Stamp | None = None
        self._answers: dict[str, str] = {}
        self._buttons: dict[str, list[dict[str, str]]] = {}
        self._reload(self._current_stamp(), strict=True)

    def answer(self, response_name: str) -> str | None:
        """The answer text, or None when the name is not an FAQ response or no entry has that id."""
        entry_id = entry_id_from_response(response_name)
        if entry_id is None:
            return None
        stamp = self._current_stamp()
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    self._reload(stamp, strict=False)
        return self._answers.get(entry_id)

    def entry(self, entry_id: str) -> tuple[str, list[dict[str, str]]] | None:
        """One entry's current answer and suggestion buttons (the widget's welcome is one of them)."""
        text = self.answer(f"{RESPONSE_PREFIX}{entry_id}")
        return None if text is None else (text, list(self._buttons.get(entry_id, [])))

    def _current_stamp(self) -> _Stamp | None:
        try:
            status = os.stat(self._path)
        except FileNotFoundError:
            return None
        return (status.st_mtime_ns, status.st_size, status.st_ino)

    def _reload(self, stamp: _Stamp | None, strict: bool) -> None:
        try:
            entries = load_faq(self._path)
        except ContentError as error:
            if strict:
                raise
            logger.warning("event=faq_reload_failed serving=previous problems=%d", len(error.problems))
            self._stamp = stamp  # do not retry on every request; the next edit changes the stamp
            return
        self._answers = {entry.id: entry.answer for entry in entries}
        self._buttons = {
            entry.id: [{"title": b.title, "payload": b.payload} for b in entry.buttons] for entry in entries
        }
        self._stamp = stamp
        logger.info("event=faq_loaded entries=%d", len(self._answers))


class LiveAnswersByLanguage:
    """The live answers of each language with an FAQ file: English from ``content_dir/faq.yml``,
    another language from ``content_dir/<language>/faq.yml``; an id a language lacks is answered
    in English rather than not at all."""

    def __init__(self, content_dir: Path, filename: str = "faq.yml") -> None:
        self.english = LiveFaqAnswers(content_dir / filename)
        self.others = {
            folder.name: LiveFaqAnswers(folder / filename)
            for folder in sorted(content_dir.iterdir())
            if folder.is_dir() and (folder / filename).is_file()
        }

    def answer(self, response_name: str, language: str | None = None) -> str | None:
        other = self.others.get(language or "")
        found = other.answer(response_name) if other is not None else None
        return found or self.english.answer(response_name)

    def entry(self, entry_id: str, language: str | None = None) -> tuple[str, list[dict[str, str]]] | None:
        """An entry's answer and buttons in ``language``, or in English where that language lacks it."""
        other = self.others.get(language or "")
        found = other.entry(entry_id) if other is not None else None
        return found or self.english.entry(entry_id)

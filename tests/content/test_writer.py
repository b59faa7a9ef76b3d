"""Saving faq.yml: validated first, replaced atomically, read back unchanged."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content.loader import ContentError, load_faq
from bot.content.writer import save_faq


def test_saved_file_loads_back_to_the_same_entries(entry, tmp_path: Path) -> None:
    entries = [entry("duration", related=("cost",)), entry("cost")]
    path = tmp_path / "faq.yml"
    save_faq(entries, path)
    assert load_faq(path) == entries


def test_real_content_survives_a_save(real_entries, tmp_path: Path) -> None:
    path = tmp_path / "faq.yml"
    save_faq(real_entries, path)
    assert load_faq(path) == real_entries


def test_invalid_edit_is_refused_and_the_file_is_untouched(entry, tmp_path: Path) -> None:
    path = tmp_path / "faq.yml"
    save_faq([entry("duration")], path)
    before = path.read_bytes()
    with pytest.raises(ContentError, match=r"entry 'duration'.*needs at least 10"):
        save_faq([entry("duration", questions=("only one",))], path)
    assert path.read_bytes() == before
    assert [item.name for item in tmp_path.iterdir()] == ["faq.yml"]


def test_edit_failing_the_content_check_is_refused_when_facts_are_given(entry, trial, tmp_path) -> None:
    path = tmp_path / "faq.yml"
    with pytest.raises(ContentError, match="duration: answer states the number 99"):
        save_faq([entry("duration", answer="It lasts 99 weeks. Ask a coordinator.")], path, trial)
    assert not path.exists()


def test_save_replaces_the_file_rather_than_writing_into_it(entry, tmp_path: Path) -> None:
    path = tmp_path / "faq.yml"
    save_faq([entry("duration")], path)
    inode = path.stat().st_ino
    save_faq([entry("duration", answer="Changed answer. Ask a coordinator.")], path)
    assert path.stat().st_ino != inode


_ANSWER = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=120)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=_ANSWER)
def test_any_answer_text_survives_save_and_load(entry, tmp_path: Path, answer: str) -> None:
    path = tmp_path / "faq.yml"
    saved = dataclasses.replace(entry(), answer=answer)
    save_faq([saved], path)
    assert load_faq(path)[0].answer == answer

"""After a safety reply, an FAQ answer that states a dose is held back, in every language we answer
in and with the "you also asked" line added; the pre-screen's own texts (whose checklist names the
0.5 mg/kg prednisone rule) and ordinary answers still go out."""

from __future__ import annotations

import asyncio
from typing import Any

import yaml
from rasa.core.channels.channel import OutputChannel

from bot.content.loader import load_faq
from bot.safety.screen import mentions_a_dose
from bot.settings import get_settings
from rasa_addons.safety_hook import _WithoutRepeats, states_a_dose_answer


class _Collecting(OutputChannel):
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.sent.append(message)


def _answers(language_dir: str) -> list[str]:
    path = get_settings().content_dir / language_dir / "faq.yml"
    return [entry.answer for entry in load_faq(path)]


def _sent_through(text: str) -> bool:
    inner = _Collecting()
    asyncio.run(_WithoutRepeats(inner, said=set()).send_response("someone", {"text": text}))
    return bool(inner.sent)


def test_a_french_answer_with_a_dose_is_held_back() -> None:
    with_dose = [answer for answer in _answers("fr") if mentions_a_dose(answer)]
    assert with_dose, "the French FAQ states the protocol's doses somewhere"
    for answer in with_dose:
        assert not _sent_through(answer)


def test_a_dose_answer_with_a_line_added_after_it_is_held_back() -> None:
    answer = next(answer for answer in _answers("") if mentions_a_dose(answer))
    reflowed = " \n".join(answer.split(" "))
    assert states_a_dose_answer(f"{reflowed}\n\nYou also asked about: Visits")


def test_answers_without_a_dose_and_prescreen_texts_go_out() -> None:
    plain = next(answer for answer in _answers("fr") if not mentions_a_dose(answer))
    assert _sent_through(plain)
    criteria = yaml.safe_load(
        (get_settings().repo_root / "data/eligibility/fr/criteria_texts.yml").read_text(encoding="utf-8")
    )
    dose_texts = [text for text in _strings(criteria) if mentions_a_dose(text)]
    assert dose_texts, "the checklist names the prednisone dose rule"
    assert all(_sent_through(text) for text in dose_texts)


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return []

"""Write the FAQ as Rasa 3 training data: one retrieval intent and one response per entry.

The file is generated, never edited: faq.yml stays the single place where staff change content.
Output is sorted by entry id so that the same content always produces the same bytes (stable
diffs, and Rasa's fingerprint only changes when content does).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from bot.content.models import FaqEntry
from bot.content.writer import write_text_atomically
from bot.settings import Settings, get_settings

RASA_FORMAT_VERSION = "3.1"
GENERATED_FILENAME = "faq.yml"
LANGUAGE_SLOT = "language"  # the conversation's language (domain/core.yml)
HEADER = "# Generated from data/content/faq.yml by `python -m bot content generate`: do not edit.\n"


class _Literal(str):
    """A string written as a YAML literal block (``|``), the way Rasa lists examples."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Literal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
)


def default_output_path(settings: Settings | None = None) -> Path:
    """Where the generated file goes unless told otherwise: the build's generated-data folder."""
    return (settings or get_settings()).generated_data_dir / GENERATED_FILENAME


def render_training_data(
    entries: Sequence[FaqEntry],
    intent_answers: Mapping[str, str] | None = None,
    translations: Mapping[str, Sequence[FaqEntry]] | None = None,
) -> str:
    """The Rasa YAML text: ``nlu`` examples per ``faq/<id>`` and ``responses`` per ``utter_faq/<id>``.

    ``intent_answers`` (answering.yml) maps an ordinary intent to the entry that holds its questions
    and answer: those train the intent and become its ``utter_<intent>`` response instead.
    ``translations`` (language -> that language's entries, same ids) add their questions to the
    same intent (one model for every language) and their answers as variations on the
    ``language`` slot, before the English one (the variation without a condition).
    """
    intent_of = {entry_id: intent for intent, entry_id in (intent_answers or {}).items()}
    translated = {
        language: {entry.id: entry for entry in others} for language, others in (translations or {}).items()
    }
    ordered = sorted(entries, key=lambda entry: entry.id)
    nlu = [
        {
            "intent": intent_of.get(entry.id, entry.intent),
            "examples": _examples(
                [
                    *entry.questions,
                    *(
                        q
                        for by_id in translated.values()
                        if entry.id in by_id
                        for q in by_id[entry.id].questions
                    ),
                ]
            ),
        }
        for entry in ordered
    ]
    responses = {
        (f"utter_{intent_of[entry.id]}" if entry.id in intent_of else entry.response_name): [
            *(
                {
                    **_response(by_id[entry.id]),
                    "condition": [{"type": "slot", "name": LANGUAGE_SLOT, "value": language}],
                }
                for language, by_id in sorted(translated.items())
                if entry.id in by_id
            ),
            _response(entry),
        ]
        for entry in ordered
    }
    body = yaml.dump(
        {"nlu": nlu, "responses": responses},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return f'{HEADER}version: "{RASA_FORMAT_VERSION}"\n\n{body}'


def export_faq(
    entries: Sequence[FaqEntry], path: Path | None = None, intent_answers: Mapping[str, str] | None = None
) -> Path:
    """Write the training data to ``path`` (default: ``default_output_path()``) and return it."""
    target = path or default_output_path()
    write_text_atomically(target, render_training_data(entries, intent_answers))
    return target


def _response(entry: FaqEntry) -> dict[str, object]:
    response: dict[str, object] = {"text": entry.answer}
    if entry.buttons:
        response["buttons"] = [{"title": button.title, "payload": button.payload} for button in entry.buttons]
    return response


def _examples(questions: Sequence[str]) -> _Literal:
    unique = list(dict.fromkeys(" ".join(question.split()) for question in questions))
    return _Literal("".join(f"- {question}\n" for question in unique))

"""The language guess: French, Spanish, German, Italian, Portuguese and other alphabets are noticed;
English, names and the few foreign words the assistant already reads are never mistaken for them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.chat.language import (
    VOCABULARY,
    conversation_language,
    guess_other_language,
    readable,
    requested_language,
)
from bot.chat.replies import OTHER_LANGUAGE_TEXTS

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, est-ce que je peux participer à l'étude ?",
        "Quels sont les effets secondaires du tacrolimus ?",
        "C'est quoi cette étude ?",
        "j'ai 54 ans et une myosite",
        "je ne sais pas",
    ],
)
def test_french_is_recognised(text: str) -> None:
    assert guess_other_language(text) == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "Hola, ¿puedo participar en el estudio?",
        "¿Cuánto dura el estudio?",
        "Tengo 54 años y tengo anticuerpos Jo-1",
        "no sé si tengo eso",
    ],
)
def test_spanish_is_recognised(text: str) -> None:
    assert guess_other_language(text) == "es"


@pytest.mark.parametrize(
    "text",
    [
        "Kann ich an der Studie teilnehmen?",  # before: answered by the model as English (sites)
        "Wie lange dauert die Studie?",
        "Ich bin 54 Jahre alt und habe eine Myositis",
        "Welche Nebenwirkungen hat Tacrolimus?",
        "Nein, das habe ich nicht",
    ],
)
def test_german_is_recognised(text: str) -> None:
    assert guess_other_language(text) == "de"


@pytest.mark.parametrize(
    "text",
    [
        "Posso partecipare allo studio?",
        "Quanto dura lo studio?",
        "Ho 54 anni e una miosite",
        "Quali sono gli effetti collaterali del tacrolimus?",
        "Buongiorno, vorrei sapere di più sullo studio",
    ],
)
def test_italian_is_recognised(text: str) -> None:
    assert guess_other_language(text) == "it"


@pytest.mark.parametrize(
    "text",
    [
        "Posso participar do estudo?",
        "Quanto tempo dura o estudo?",
        "Eu tenho 54 anos e miosite",
        "Olá, gostaria de saber mais sobre o estudo",
        "Estou grávida, posso participar?",
    ],
)
def test_portuguese_is_recognised(text: str) -> None:
    assert guess_other_language(text) == "pt"


@pytest.mark.parametrize(
    "text",
    [
        "مرحبا، هل يمكنني المشاركة في الدراسة؟",
        "שלום, האם אני יכול להשתתף במחקר?",
        "Здравствуйте, могу ли я участвовать в исследовании?",
        "Привет",  # nothing the model can read: it would take it for "yes"
        "شكرا",
        "محمد علي",  # names too: coordinators need Latin letters
        "٥٤",  # digits of another script
    ],
)
def test_a_sentence_or_a_word_in_another_alphabet_is_noticed(text: str) -> None:
    assert guess_other_language(text) == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Marie de la Tour",  # names with particles
        "Juan de la Cruz del Sol",
        "Pieter van der Berg",
        "Maria da Silva dos Santos",
        "Giuseppe di Stefano",
        "Luca della Rosa",
        "Hans zu Guttenberg",
        "Chi Ho Lee",  # short Italian words are names elsewhere: left out of the lists
        "Lei Wang and Mia Chen",
        "Nguyen Van An",
        "ja ja ja I see",  # a repeated word counts once
        "Zoé Müller-Łukasik",
        "oui",  # single words the assistant already reads
        "bonjour",
        "merci beaucoup",
        "mañana por la tarde",  # a preferred time, short
        "Can I take part in the study? شكرا",  # mixed, mostly English
        "yes I have la sécurité sociale",
        "I take Imurel and Prograf",
        "🙂👍",  # no words at all: bot.chat.inbound answers those
        "54",
    ],
)
def test_names_short_answers_and_mostly_english_messages_are_left_alone(text: str) -> None:
    assert guess_other_language(text) is None


def _examples(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "examples" and isinstance(value, str):
                for line in value.splitlines():
                    if line.strip().startswith("- "):
                        yield re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip()[2:])
            else:
                yield from _examples(value)
    elif isinstance(node, list):
        for value in node:
            yield from _examples(value)


def test_no_english_training_or_held_out_example_is_taken_for_another_language() -> None:
    files = [
        *sorted((REPO_ROOT / "data" / "nlu").glob("*.yml")),
        *sorted((REPO_ROOT / "tests" / "nlu" / "heldout").glob("*.yml")),
    ]
    faq = yaml.safe_load((REPO_ROOT / "data" / "content" / "faq.yml").read_text(encoding="utf-8"))
    examples = [
        text for path in files for text in _examples(yaml.safe_load(path.read_text(encoding="utf-8")))
    ]
    examples += [question for entry in faq["entries"] for question in entry["questions"]]
    assert len(examples) > 500
    assert [text for text in examples if guess_other_language(text)] == []
    assert [text for text in examples if not any(readable(char) for char in text)] == []


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ["anglais", "urgence", "112"]),
        ("es", ["inglés", "urgencia", "112"]),
        ("de", ["Englisch", "Notfall", "112"]),
        ("it", ["inglese", "emergenza", "112"]),
        ("pt", ["inglês", "emergência", "112"]),
    ],
)
def test_each_language_gets_its_own_reply_with_emergency_numbers_and_the_english_one(
    language: str, words: list[str]
) -> None:
    reply = OTHER_LANGUAGE_TEXTS[language]  # type: ignore[index]
    assert all(word in reply for word in words)
    assert reply.endswith(OTHER_LANGUAGE_TEXTS["other"]) and "911" in reply


def test_every_language_the_guess_can_return_has_a_reply() -> None:
    assert set(OTHER_LANGUAGE_TEXTS) == {*VOCABULARY, "other"}


def test_no_list_holds_a_particle_of_names_or_a_common_english_word() -> None:
    particles = set("de la le du des del el da das do dos di della van von der den zu".split())  # noqa: SIM905
    english = set("a as me no so also die was will man hat in an per come ma ha um am".split())  # noqa: SIM905
    listed = set().union(*VOCABULARY.values())
    assert listed & particles == set()
    assert listed & english == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("en français", "fr"),
        ("En Français, svp !", "fr"),
        ("vous parlez français ?", "fr"),
        ("can we speak french", "fr"),
        ("English please", "en"),
        ("in english", "en"),
        ("Pouvez-vous parler en anglais ?", "en"),
        ("anglais svp", "en"),
    ],
)
def test_a_request_for_a_language_is_recognised(text: str, language: str) -> None:
    assert requested_language(text) == language


@pytest.mark.parametrize(
    "text", ["french social security?", "is the study in english", "I have a French carte vitale", "hello"]
)
def test_a_message_that_only_mentions_a_language_is_no_request(text: str) -> None:
    assert requested_language(text) is None


def test_a_french_first_message_sets_french() -> None:
    assert conversation_language("bonjour je voudrais participer a l etude", None, False) == "fr"


def test_english_messages_leave_the_language_unset() -> None:
    assert conversation_language("how long does the study last", None, False) is None


def test_french_during_a_pre_screen_does_not_switch_by_itself() -> None:
    assert conversation_language("oui je suis pas sur de la date", None, True) is None


def test_once_decided_the_language_changes_only_on_request() -> None:
    assert conversation_language("bonjour je voudrais participer a l etude", "en", False) is None
    assert conversation_language("English please", "fr", True) == "en"
    assert conversation_language("en français", "fr", False) is None  # already French: nothing changes


@pytest.mark.parametrize("text", ["bonjour", "oui", "54", "Jo-1"])
def test_a_widget_on_a_french_page_starts_in_french_on_a_short_first_message(text: str) -> None:
    assert conversation_language(text, None, False, page="fr") == "fr"
    assert conversation_language(text, None, False) is None  # without the page: English, the default


def test_plain_english_on_a_french_page_stays_english_and_a_decided_language_stays() -> None:
    assert conversation_language("how long does the study last", None, False, page="fr") is None
    assert conversation_language("bonjour", "en", False, page="fr") is None  # decided already
    assert conversation_language("oui", None, True, page="fr") is None  # never during a pre-screen
    assert conversation_language("bonjour", None, False, page="de") is None  # not a language we speak


def test_a_short_french_answer_with_non_and_il_is_not_taken_for_italian() -> None:
    """ "non" and "il" are French too: read as Italian, a French answer got "I only understand English"."""
    from bot.chat.language import guess_other_language

    assert guess_other_language("non il marchait bien") in (None, "fr")
    assert guess_other_language("non il a juste eu de la cortisone") in (None, "fr")
    assert guess_other_language("ciao, vorrei sapere se posso partecipare") == "it"


@pytest.mark.parametrize(
    "text", ["effets secondaires ?", "duree etude", "combien ca coute", "je veux participer", "participer"]
)
def test_a_short_french_question_sets_french_from_words_only_the_french_training_data_uses(text: str) -> None:
    assert conversation_language(text, None, False) == "fr"
    assert conversation_language(text, None, True) is None  # never during a pre-screen


@pytest.mark.parametrize(
    "text", ["side effects?", "Imurel", "Prograf or Imurel?", "Jo-1", "ok", "cost?", "menu", "question"]
)
def test_short_english_or_names_of_medicines_leave_the_language_unset(text: str) -> None:
    assert conversation_language(text, None, False) is None


def test_no_english_training_example_or_faq_question_reads_as_french() -> None:
    """By construction (French-only words never appear in English data); this pins the construction."""
    from bot.chat.telling_words import reads_french

    faq = yaml.safe_load((REPO_ROOT / "data" / "content" / "faq.yml").read_text(encoding="utf-8"))
    files = sorted((REPO_ROOT / "data" / "nlu").glob("*.yml"))
    examples = [
        text for path in files for text in _examples(yaml.safe_load(path.read_text(encoding="utf-8")))
    ]
    examples += [question for entry in faq["entries"] for question in entry["questions"]]
    assert [text for text in examples if reads_french(text)] == []


def test_a_name_later_in_an_english_conversation_does_not_switch_it_to_french() -> None:
    """A bare name at the contact offer, after a whole English pre-screen, once turned it French."""
    assert (
        conversation_language("Marie Dubois", None, False, said_before=0) == "fr"
    )  # a first message: unsure
    assert conversation_language("Marie Dubois", None, False, said_before=14) is None
    assert (
        conversation_language("bonjour je voudrais participer a l etude", None, False, said_before=14) == "fr"
    )

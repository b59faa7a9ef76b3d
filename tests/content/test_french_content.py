"""The French content matches the English one key for key, so wiring French in is only loading it.

FAQ entries, consent texts, pre-screen texts and NLU intents are checked against their English
counterparts: same ids, keys and placeholders, French answers as plain as the English ones
(Kandel-Moles), no number or medicine the English answer and the trial facts do not state, and
every phrase a French text tells people to type is one the French data understands.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.checks import MAX_SENTENCES, MIN_SENTENCES, shared_questions, unknown_drug_names
from bot.content.loader import FAQ_FILENAME, load_faq
from bot.content.models import FaqEntry, TrialFacts
from bot.content.numbers import normalise_number, numbers_in
from bot.content.readability_fr import MIN_SCORE, count_sentences, score
from bot.eligibility.loader import load_criteria
from bot.eligibility.parsers.text import normalise
from bot.eligibility.parsers.yes_no import read_yes_no
from bot.settings import load_settings

ROOT = load_settings().repo_root
FR_CONTENT = ROOT / "data" / "content" / "fr"
CRITERIA = ROOT / "data" / "eligibility" / "criteria.yml"
FR_CRITERIA = ROOT / "data" / "eligibility" / "fr" / "criteria_texts.yml"
MIN_FRENCH_QUESTIONS = 12
MIN_INTENT_EXAMPLES = 15
UNTRAINED_INTENTS = {"faq", "nlu_fallback"}  # faq: questions in faq.yml; nlu_fallback: never trained
FRENCH_NUMBER_WORDS = {
    "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "six": "6", "sept": "7", "huit": "8",
    "neuf": "9", "dix": "10", "onze": "11", "douze": "12",
}  # fmt: skip
# "la cortisone" is the everyday French word for the study's corticosteroids (methylprednisolone,
# prednisone), the word patients use; answers name it next to "corticoïdes", never as another drug.
FRENCH_LAY_DRUG_WORDS = frozenset({"cortisone"})
_FRENCH_DIGITS = re.compile(r"\d+(?:,\d+)?")
_QUOTED = re.compile(r"«\s*([^»]+?)\s*»")


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _folded(text: str) -> str:
    """Lower case, accents and punctuation gone: how a French phrase is compared with typed text."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w']+", " ", text).split())


def _french_numbers(text: str) -> set[str]:
    found = {normalise_number(match.replace(",", ".")) for match in _FRENCH_DIGITS.findall(text)}
    found |= {
        FRENCH_NUMBER_WORDS[word] for word in re.findall(r"\w+", text.lower()) if word in FRENCH_NUMBER_WORDS
    }
    return found


@pytest.fixture(scope="module")
def english_faq(content_dir: Path) -> dict[str, FaqEntry]:
    return {entry.id: entry for entry in load_faq(content_dir / FAQ_FILENAME)}


@pytest.fixture(scope="module")
def french_faq() -> dict[str, FaqEntry]:
    return {entry.id: entry for entry in load_faq(FR_CONTENT / FAQ_FILENAME)}


@pytest.fixture(scope="module")
def intents() -> dict[str, list[str]]:
    document = _yaml(ROOT / "data" / "nlu" / "fr" / "intents.yml")
    assert document["version"] == "3.1"
    found: dict[str, list[str]] = {}
    for block in document["nlu"]:
        examples = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
        assert block["intent"] not in found, f"intent {block['intent']} is listed twice"
        found[block["intent"]] = examples
    return found


@pytest.fixture(scope="module")
def criteria_texts() -> dict[str, Any]:
    return _yaml(FR_CRITERIA)


@pytest.fixture(scope="module")
def english_criteria() -> dict[str, Any]:
    return _yaml(CRITERIA)


# ---- FAQ ----


def test_every_english_faq_entry_has_a_french_entry_and_back(
    english_faq: dict[str, FaqEntry], french_faq: dict[str, FaqEntry]
) -> None:
    assert sorted(english_faq) == sorted(french_faq)


def test_french_entries_keep_the_english_topic_source_related_and_button_payloads(
    english_faq: dict[str, FaqEntry], french_faq: dict[str, FaqEntry]
) -> None:
    for entry_id, french in french_faq.items():
        english = english_faq[entry_id]
        assert (french.topic, french.source, french.related) == (
            english.topic,
            english.source,
            english.related,
        )
        assert [b.payload for b in french.buttons] == [b.payload for b in english.buttons], entry_id
        assert french.title and french.title != english.title, f"{entry_id}: title not in French"


def test_each_french_entry_has_enough_fresh_questions(
    english_faq: dict[str, FaqEntry], french_faq: dict[str, FaqEntry]
) -> None:
    for entry_id, french in french_faq.items():
        assert len(french.questions) >= MIN_FRENCH_QUESTIONS, entry_id
        english = {_folded(question) for question in english_faq[entry_id].questions}
        assert not english & {_folded(question) for question in french.questions}, entry_id
    assert [str(problem) for problem in shared_questions(list(french_faq.values()))] == []


@pytest.mark.parametrize("entry_id", [entry["id"] for entry in _yaml(FR_CONTENT / FAQ_FILENAME)["entries"]])
def test_french_answer_is_plain_and_short(entry_id: str, french_faq: dict[str, FaqEntry]) -> None:
    answer = french_faq[entry_id].answer
    assert score(answer) >= MIN_SCORE, f"{entry_id}: Kandel-Moles {score(answer)} below {MIN_SCORE}"
    assert MIN_SENTENCES <= count_sentences(answer) <= MAX_SENTENCES


def test_french_answers_state_no_number_the_english_answer_or_the_facts_do_not(
    english_faq: dict[str, FaqEntry], french_faq: dict[str, FaqEntry], trial: TrialFacts
) -> None:
    for entry_id, french in french_faq.items():
        allowed = numbers_in(english_faq[entry_id].answer) | trial.allowed_numbers
        assert _french_numbers(french.answer) <= allowed, entry_id


def test_french_answers_name_no_medicine_the_trial_does_not(
    french_faq: dict[str, FaqEntry], trial: TrialFacts
) -> None:
    for entry_id, french in french_faq.items():
        assert (
            unknown_drug_names(_folded(french.answer), trial.known_drugs | FRENCH_LAY_DRUG_WORDS) == set()
        ), entry_id


def test_french_number_reader_reads_a_decimal_comma_and_number_words() -> None:
    assert _french_numbers("plus de 0,5 mg, trois perfusions, 1000 mg") == {"0.5", "3", "1000"}


# ---- consent ----


def test_french_consent_has_the_english_keys_placeholders_and_its_own_version(content_dir: Path) -> None:
    english = _yaml(content_dir / "consent.yml")
    french = _yaml(FR_CONTENT / "consent.yml")
    assert set(french) == set(english)
    assert isinstance(french["version"], str) and ".fr." in french["version"]
    assert french["version"] != english["version"]
    for key in english:
        if key != "version":
            assert french[key].strip() and french[key] != english[key], key
            assert _placeholders(french[key]) == _placeholders(english[key]), key


# ---- pre-screen texts ----


def _text_items(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _text_items(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from _text_items(item, f"{path}[{position}]")


def test_outcome_and_dialogue_texts_have_the_english_keys_and_placeholders(
    english_criteria: dict[str, Any], criteria_texts: dict[str, Any]
) -> None:
    assert criteria_texts["translates"] == english_criteria["version"]
    for section in ("outcomes", "dialogue"):
        english, french = english_criteria[section], criteria_texts[section]
        assert set(french) == set(english), section
        for key, text in english.items():
            assert _placeholders(french[key]) == _placeholders(text), f"{section}.{key}"


SLOT_TEXT_KEYS = (
    "question",
    "topic",
    "reask",
    "why_we_ask",
    "buttons",
    "examples",
    "confirm",
    "correction_cues",
    "phrases",
)


def test_every_slot_text_has_its_french_counterpart(
    english_criteria: dict[str, Any], criteria_texts: dict[str, Any]
) -> None:
    french_slots = criteria_texts["slots"]
    assert set(french_slots) == {slot["slot"] for slot in english_criteria["slots"]}
    for english in english_criteria["slots"]:
        name, french = english["slot"], french_slots[english["slot"]]
        assert set(french) == {key for key in SLOT_TEXT_KEYS if key in english} | (
            set(french) & {"not_applicable_means", "on_conflict"}
        ), name
        for key in ("question", "reask", "why_we_ask"):
            if key in english:
                assert _placeholders(french[key]) == _placeholders(english[key]), f"{name}.{key}"
        assert len(french.get("buttons", [])) == len(english.get("buttons", [])), name
        assert set(french.get("confirm", {})) == set(english.get("confirm", {})), name
        for reading, text in english.get("confirm", {}).items():
            assert _placeholders(french["confirm"][reading]) == _placeholders(text), (
                f"{name}.confirm.{reading}"
            )
        assert set(french.get("phrases", {})) >= set(english.get("phrases", {})), name
        for key in ("not_applicable_means", "on_conflict"):
            assert french.get(key) == english.get(key), f"{name}.{key}"


def test_every_criterion_text_and_word_list_has_its_french_counterpart(
    english_criteria: dict[str, Any], criteria_texts: dict[str, Any]
) -> None:
    french_criteria = criteria_texts["criteria"]
    assert set(french_criteria) == {criterion["id"] for criterion in english_criteria["criteria"]}
    for english in english_criteria["criteria"]:
        french, rule = french_criteria[english["id"]], english.get("rule") or {}
        expected = {"label", "why"} | ({"not_eligible_text"} if english.get("slot") else {"checked_by"})
        expected |= {"keywords"} if english.get("keywords") else set()
        expected |= {"ever_keywords"} if rule.get("ever_keywords") else set()
        expected |= {"dose_words"} if rule.get("dose") else set()
        expected |= {"measure_names"} if rule.get("measures") else set()
        assert set(french) == expected, english["id"]
        if "dose_words" in french:
            assert set(french["dose_words"]) == {"worse", "drugs"}
        if "measure_names" in french:
            assert set(french["measure_names"]) == set(rule["measures"])


def _merged_criteria(english: dict[str, Any], french: dict[str, Any]) -> dict[str, Any]:
    """criteria.yml with every text replaced by its French counterpart: what a French loader builds."""
    merged = yaml.safe_load(yaml.safe_dump(english))
    merged["outcomes"], merged["dialogue"] = french["outcomes"], french["dialogue"]
    for slot in merged["slots"]:
        slot.update({key: value for key, value in french["slots"][slot["slot"]].items()})
    for criterion in merged["criteria"]:
        texts = dict(french["criteria"][criterion["id"]])
        rule = criterion.get("rule") or {}
        if "ever_keywords" in texts:
            rule["ever_keywords"] = texts.pop("ever_keywords")
        if "dose_words" in texts:
            rule["dose"].update(texts.pop("dose_words"))
        for measure, names in texts.pop("measure_names", {}).items():
            rule["measures"][measure]["names"] = names
        criterion.update(texts)
    return merged


def test_french_texts_load_through_the_criteria_validator(
    english_criteria: dict[str, Any], criteria_texts: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "criteria.fr.yml"
    path.write_text(yaml.safe_dump(_merged_criteria(english_criteria, criteria_texts), allow_unicode=True))
    loaded = load_criteria(path)
    assert [spec.name for spec in loaded.slots] == [slot["slot"] for slot in english_criteria["slots"]]
    assert loaded.dialogue["confirm"].startswith("Vous avez dit")


@pytest.mark.parametrize(
    ("slot", "reply", "reading"),
    [
        ("pregnancy", "je suis pas enceinte", "no"),
        ("pregnancy", "jsuis un homme", "not_applicable"),
        ("pregnancy", "je n allaite plus", "no"),
        ("pregnancy", "enceinte de 3 mois", "yes"),
        ("social_security", "oui carte vitale", "yes"),
        ("social_security", "j'ai l'AME", "unsure"),
        ("social_security", "je suis française mais je vis en Espagne", "unsure"),
        ("drug_failed_before", "l'endoxan a pas marché", "yes"),
        ("drug_failed_before", "arrêté à cause des effets secondaires", "no"),
        ("lung_function", "ma cvf est pas bonne", "yes"),
        ("ild_on_ct", "pas de fibrose", "no"),
        ("contraception", "je suis ménopausée", "not_applicable"),
    ],
)
def test_french_phrases_read_as_meant(
    slot: str, reply: str, reading: str, criteria_texts: dict[str, Any]
) -> None:
    spec = criteria_texts["slots"][slot]
    result = read_yes_no(
        normalise(reply),
        spec["phrases"],
        spec.get("not_applicable_means", "unsure"),
        spec.get("on_conflict", "longest"),
    )
    assert result.value == reading


# ---- intents ----


def test_intents_file_covers_every_domain_intent_with_enough_examples(intents: dict[str, list[str]]) -> None:
    domain: set[str] = set()
    for path in sorted((ROOT / "domain").glob("*.yml")):
        domain |= set((_yaml(path) or {}).get("intents") or [])
    assert set(intents) == domain - UNTRAINED_INTENTS
    for intent, examples in intents.items():
        assert len(examples) >= MIN_INTENT_EXAMPLES, intent
        assert len({_folded(example) for example in examples}) == len(examples), (
            f"{intent}: duplicate example"
        )


def test_no_french_example_belongs_to_two_intents_or_to_an_faq_answer(
    intents: dict[str, list[str]], french_faq: dict[str, FaqEntry]
) -> None:
    owner: dict[str, str] = {}
    for entry in french_faq.values():
        for question in entry.questions:
            owner[_folded(question)] = f"faq/{entry.id}"
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in _yaml(path).get("nlu") or []:
            if "intent" in block:
                for line in block["examples"].splitlines():
                    owner.setdefault(_folded(line.removeprefix("- ")), block["intent"])
    for intent, examples in intents.items():
        for example in examples:
            assert owner.get(_folded(example), intent) == intent, (
                f"{example!r} is also in {owner[_folded(example)]}"
            )


def test_every_phrase_a_french_text_asks_people_to_type_is_understood(
    intents: dict[str, list[str]], criteria_texts: dict[str, Any], content_dir: Path
) -> None:
    understood = {_folded(example) for examples in intents.values() for example in examples}
    understood |= {_folded(word) for word in criteria_texts["dialogue"]["skip_words"].split(",")}
    for spec in criteria_texts["slots"].values():
        for key in ("buttons", "examples", "correction_cues"):
            understood |= {_folded(text) for text in spec.get(key, [])}
        for phrases in spec.get("phrases", {}).values():
            understood |= {_folded(text) for text in phrases}
    texts = list(_text_items(criteria_texts)) + list(_text_items(_yaml(FR_CONTENT / "consent.yml")))
    for where, text in texts:
        if where == "dialogue.contact_time_question":
            continue  # examples of a free-text answer ("en semaine le matin"), read as typed
        for phrase in _QUOTED.findall(text):
            assert _folded(phrase) in understood, f"{where}: «{phrase}» is not understood by the French data"

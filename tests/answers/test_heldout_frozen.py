"""The frozen held-out questions stay a fair test: unchanged, and never copied into training."""

from __future__ import annotations

import hashlib

import yaml

from bot.content.checks import normalise_question
from bot.runtime.answer_scoring import load_questions
from bot.settings import REPO_ROOT

HELDOUT_EN = REPO_ROOT / "tests" / "answers" / "heldout" / "en.yml"
FROZEN_SHA256 = "a3fba6b1a50b29ed73976b40c6b111fa22f15235863151c98d6e2ed6647e7a73"
# Short canonical questions that were already training questions before the held-out set was
# written (commit c4e7bae); its author wrote them independently. Nothing may be added to this list.
PREDATING = frozenset(
    """do i have to pay|do i need french social security|does a history of cancer matter|does gender matter
duration|eudract number|how is tacrolimus taken|how many visits|is it a year long|is it for women only
is it random|is it safe|is the american way better than the european one|is the treatment free
locations|minimum age|start date|tell me a joke|treatments|visits|what are the entry criteria
what are the two groups|what does open label mean|what does phase 3 mean|what does randomized mean
what happens to my data|what if i get pregnant during the trial|what is antisynthetase syndrome
what is azathioprine|what is cyclophosphamide|what is fvc|what is interstitial lung disease
what is methylprednisolone|what is qtc|what is tacrolimus|what is this study about
what kind of patients are they looking for|what phase is this trial|what time is it in new york
when did the study start|which hospitals|who is the study for""".replace("\n", "|").split("|")
)


def _training_questions() -> set[str]:
    questions: set[str] = set()
    faq = yaml.safe_load((REPO_ROOT / "data" / "content" / "faq.yml").read_text(encoding="utf-8"))
    for entry in faq["entries"]:
        questions |= {normalise_question(text) for text in entry["questions"]}
    for path in (REPO_ROOT / "data" / "nlu").glob("*.yml"):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            lines = str(item.get("examples", "")).splitlines()
            questions |= {normalise_question(line[2:]) for line in lines if line.startswith("- ")}
    return questions


def test_heldout_questions_are_unchanged() -> None:
    assert hashlib.sha256(HELDOUT_EN.read_bytes()).hexdigest() == FROZEN_SHA256


def test_no_heldout_question_was_copied_into_training() -> None:
    heldout = {normalise_question(question.text) for question in load_questions(HELDOUT_EN)}
    assert (heldout & _training_questions()) - PREDATING == set()


def test_heldout_expects_only_real_entries_or_the_two_labels() -> None:
    faq = yaml.safe_load((REPO_ROOT / "data" / "content" / "faq.yml").read_text(encoding="utf-8"))
    ids = {entry["id"] for entry in faq["entries"]} | {"out_of_scope", "unknown"}
    assert {question.expect for question in load_questions(HELDOUT_EN)} - ids == set()


# The French set (written with en.yml, 2026-12-01); then blind sets written by a helper from shared/
# only (2026-12-03), committed before they were scored (the 14 English questions already in
# training word for word were dropped first).
FRESH_SHA256 = {
    "fr.yml": "0ef2b99f6c0ff41aa5af166fb893aadba78d8d792cfdf2585c21b6360667dfb5",
    "fresh2_en.yml": "601820cc488f709c05f74b756d521d12355547d2f524e1fbbb2d11bfd3b14808",
    "fresh2_fr.yml": "aaa32582f10fc43e344ea813454f760e23284616d9fa92369ba550f24df2a1e6",
    # written 2026-12-03 (tenth session) from shared/ only, committed before any score
    "fresh3_en.yml": "43928902442191fff85c79567bff0c2e268d631d5d896c77479fdd075c1ec2e7",
    "fresh3_fr.yml": "69b76fe50373f884f8b357a99487287fb5027fdbf92237df6c65f0ec346aa9cb",
}


def test_the_blind_sets_are_unchanged_and_never_trained_on() -> None:
    for name, digest in FRESH_SHA256.items():
        path = HELDOUT_EN.parent / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, name
        heldout = {normalise_question(question.text) for question in load_questions(path)}
        assert heldout & _training_questions() == set(), name

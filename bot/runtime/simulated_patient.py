"""A simulated patient: plays one frozen profile over Rasa's REST channel, answering what is asked.

It recognises each question from the same data the assistant asks from (criteria.yml, the
consent texts, the contact offer), answers from the profile (interruptions first, then the
answers in order; "not sure" once they run out), gives contact details when offered, and then
checks what was stored in the leads database: outcome, key answers (as readings) and contact.
Used by tests/prescreen/test_profiles_over_rest.py and by `python -m bot evaluate`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility import CriteriaSet, default_criteria
from bot.eligibility.conversation import contact_in_text
from bot.outcomes import OutcomeKind
from bot.runtime.rest_chat import Conversation
from bot.settings import Settings

MAX_TURNS = 45
FALLBACK_NAME = "Alex Martin"  # a name a profile does not give
# What the simulated patient says when its profile has nothing more for a question, per language.
FALLBACKS = {
    "en": {
        "time": "any time",
        "unsure": "not sure",
        "no_contact": "no thanks",
        "poke": "ok",
        "right": "yes thats right",
    },
    "fr": {
        "time": "n'importe quand",
        "unsure": "je sais pas",
        "no_contact": "non merci",
        "poke": "ok",
        "right": "oui c'est bon",
    },
}


@dataclass
class Played:
    """One profile's conversation and what was wrong with its stored result (empty: passed)."""

    profile_id: str
    transcript: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def rest_client(rasa_url: str) -> Callable[[str, str], list[str]]:
    return lambda sender, message: Conversation(rasa_url, sender).texts(message)


class Recogniser:
    """Which question a bot message asks, from the texts the assistant itself uses."""

    def __init__(self, criteria: CriteriaSet, settings: Settings, language: str = "en") -> None:
        from bot.leads.consent import load_consent
        from bot.texts import load_texts

        folder = settings.content_dir if language == "en" else settings.content_dir / language
        consent = load_consent(folder / "consent.yml", settings.retention_days)
        texts = load_texts(settings.texts_dir)
        criteria = criteria.in_language(language)
        dialogue = criteria.dialogue
        self.kinds: list[tuple[str, str]] = [
            (dialogue["proxy_question"], "proxy"),
            (consent.request, "consent"),
            (consent.reask, "consent"),
            (texts.text("utter_offer_contact", language), "offer"),
            (texts.text("utter_ask_contact_name", language), "contact_name"),
            (texts.text("utter_ask_contact_reach", language), "contact_reach"),
            (texts.text("utter_ask_contact_time", language), "contact_time"),
            (dialogue["moved_on_last"], "poke"),
            # the check before saving: its first line, the re-ask and "which one?"
            (texts.text("prescreen_summary", language, lines="").split("\n")[0], "summary"),
            (texts.text("prescreen_summary_reask", language), "summary"),
            (texts.text("prescreen_summary_pick", language), "summary"),
        ]
        for spec in criteria.slots:
            self.kinds += [(spec.question, f"slot:{spec.name}"), (spec.reask, f"slot:{spec.name}")]

    def asked(self, replies: list[str]) -> str | None:
        """The question of the last message that asks one."""
        found = None
        for reply in replies:
            for text, kind in self.kinds:
                if text[:60].lower() in reply.lower():
                    found = kind
        return found


class Patient:
    """The answers of one profile, handed out as the questions come."""

    def __init__(self, profile: Mapping[str, Any], language: str = "en") -> None:
        self.profile = profile
        self.says = FALLBACKS[language]
        self.answers = {slot: list(texts) for slot, texts in (profile.get("answers") or {}).items()}
        self.interruptions = {
            slot: list(texts) for slot, texts in (profile.get("interruptions") or {}).items()
        }
        self.contact = list(profile.get("contact") or [])

    def reply(self, kind: str) -> str:
        if kind in ("consent", "proxy"):
            return str(self.profile["consent"])
        if kind == "poke":
            return self.says["poke"]
        if kind == "summary":  # a profile may correct an answer there; then it confirms
            fixes = self.profile.get("at_summary") or []
            return str(fixes.pop(0)) if fixes else self.says["right"]
        if kind.startswith("slot:"):
            slot = kind[5:]
            if self.interruptions.get(slot):
                return self.interruptions[slot].pop(0)
            queue = self.answers.get(slot) or []
            return queue.pop(0) if queue else self.says["unsure"]
        if kind == "offer":
            return self.contact.pop(0) if self.contact else self.says["no_contact"]
        if kind == "contact_time":
            return self.says["time"]
        wanted = "name" if kind == "contact_name" else "reach"
        for index, item in enumerate(self.contact):
            found = contact_in_text(item)
            if found.name if wanted == "name" else (found.email or found.phone):
                return self.contact.pop(index)
        return FALLBACK_NAME if wanted == "name" else "skip"


def play(
    profile: Mapping[str, Any],
    post: Callable[[str, str], list[str]],
    recogniser: Recogniser,
    language: str = "en",
) -> Played:
    """The whole conversation, until nothing more is asked."""
    played = Played(str(profile["id"]))
    sender = f"sim-{uuid.uuid4().hex[:12]}"
    patient = Patient(profile, language)
    message: str | None = str(profile["opening"])
    for _ in range(MAX_TURNS):
        if message is None:
            break
        replies = post(sender, message)
        played.transcript.append((message, "\n".join(replies)))
        kind = recogniser.asked(replies)
        message = patient.reply(kind) if kind else None
    else:
        played.problems.append(f"still talking after {MAX_TURNS} turns")
    played.transcript.insert(0, ("sender", sender))
    return played


def stored_lead(settings: Settings, sender: str) -> dict[str, Any] | None:
    from bot.leads.crypto import load_cipher
    from bot.leads.export import export_leads
    from bot.storage.db import get_database

    cipher = load_cipher(settings)
    with get_database(settings).session_scope() as session:
        rows = export_leads(session, cipher, actor="evaluation")
    mine = [row for row in rows if row["conversation_ref"] == cipher.reference(sender)]
    return mine[-1] if mine else None


def _failed_labels(criteria: CriteriaSet, slot: str, wanted: Any) -> set[str]:
    """The criterion labels a not_eligible lead must give as its reason for this slot's answer."""
    found = criteria.criteria_for(slot)
    if isinstance(wanted, list):  # checklist items that apply
        found = tuple(c for c in found if c.item in wanted)
    return {c.label for c in found}


def _fails_a_rule(criteria: CriteriaSet, slot: str, wanted: Any) -> bool:
    """Whether the reading ``wanted`` of ``slot`` rules a person out, by the slot's own criteria."""
    for criterion in criteria.criteria_for(slot):
        rule = criterion.rule
        if "min_age" in rule and isinstance(wanted, int) and wanted < int(rule["min_age"]):
            return True
        if rule.get("exclude_if") == "applies" and isinstance(wanted, list) and criterion.item in wanted:
            return True
        if rule.get("exclude_if") in ("yes", "no") and wanted == rule["exclude_if"]:
            return True
        if "accepted" in rule and wanted == "none":
            return True
        if "drugs" in rule and wanted == "excludes":
            return True
    return False


def check(played: Played, profile: Mapping[str, Any], lead: Mapping[str, Any] | None) -> None:
    """Compare the stored lead with the profile's expectations; problems go into ``played``.

    A not_eligible lead is stored without answers (data minimisation), so there the reasons
    must name the criterion the expected answer fails.
    """
    expect, criteria = profile["expect"], default_criteria()
    if lead is None:
        played.problems.append("no screening stored")
        return
    if lead.get("outcome") != expect["outcome"]:
        played.problems.append(f"outcome {lead.get('outcome')!r}, expected {expect['outcome']!r}")
    readings = (lead.get("answers") or {}).get("readings") or {}
    for slot, wanted in (expect.get("answers") or {}).items():
        if lead.get("outcome") == OutcomeKind.NOT_ELIGIBLE:
            # only an answer that fails a rule can be a reason; the others are not stored at all
            failing = _fails_a_rule(criteria, slot, wanted)
            if failing and not _failed_labels(criteria, slot, wanted) & set(lead.get("reasons") or ()):
                played.problems.append(f"{slot}: not among the reasons {lead.get('reasons')}")
            continue
        got = readings.get(slot)
        if got != wanted:
            played.problems.append(f"{slot}: stored {got!r}, expected {wanted!r}")
    contact = lead.get("contact") or {}
    has_contact = bool(contact.get("email") or contact.get("phone"))
    if has_contact != bool(expect.get("contact_stored")):
        played.problems.append(f"contact stored {has_contact}, expected {expect.get('contact_stored')}")


def load_profiles(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["profiles"])


def play_all(settings: Settings, profiles: list[dict[str, Any]], language: str = "en") -> list[Played]:
    """Every profile against the running stack at ``settings.rasa_url``, each checked on its lead;
    ``language`` is the one the profiles are written in (the assistant is expected to follow it)."""
    recogniser = Recogniser(default_criteria(), settings, language)
    post = rest_client(settings.rasa_url)
    results = []
    for profile in profiles:
        played = play(profile, post, recogniser, language)
        check(played, profile, stored_lead(settings, played.transcript[0][1]))
        results.append(played)
    return results

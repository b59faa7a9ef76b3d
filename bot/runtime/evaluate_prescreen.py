"""Pre-screen figures for `python -m bot evaluate`: understood rate per question on the frozen set.

tests/prescreen/heldout/answers_en.yml was written before tuning by someone who never saw our
data; each answer goes through ``parse_answer``, the very reader the form uses, and its reading
is compared with the expected one. The per-question floor lives in tests/prescreen/floors.yml.
The simulated-patient figure (whole conversations over REST) needs the live stack: it is
reported by tests/prescreen/test_profiles_over_rest.py, which `make test` runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility import default_criteria, parse_answer
from bot.eligibility.readings import reading
from bot.runtime.simulated_patient import Played, load_profiles, play_all
from bot.settings import Settings

REFERENCE_DAY = date(2026, 12, 1)  # the day the held-out sets were written against (their header)


@dataclass
class SlotScore:
    """How many answers to one question were read as the held-out set expects."""

    understood: int = 0
    total: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.understood / self.total if self.total else 0.0


def heldout_dir(repo_root: Path) -> Path:
    return repo_root / "tests" / "prescreen" / "heldout"


def language_of(answers_file: Path) -> str:
    """A batch's language from its name: ``answers_fr.yml`` is French, the others English."""
    return "fr" if answers_file.stem.endswith("_fr") else "en"


# A batch written on another day says so in its header ("Reference date 2026-12-04"): "7 months ago"
# and birth dates are read against that day.
REFERENCE_IN_HEADER = re.compile(r"^#.*\breference date (\d{4}-\d{2}-\d{2})", re.IGNORECASE | re.MULTILINE)


def reference_day(batch_text: str) -> date:
    """The day a batch was written against: its header's, else ``REFERENCE_DAY``."""
    found = REFERENCE_IN_HEADER.search(batch_text)
    return date.fromisoformat(found.group(1)) if found else REFERENCE_DAY


def understood_rates(answers_file: Path, today: date | None = None) -> dict[str, SlotScore]:
    """Per question: answers whose reading equals the expected one (misses keep text, want, got)."""
    batch_text = answers_file.read_text(encoding="utf-8")
    today = today or reference_day(batch_text)
    language = language_of(answers_file)
    criteria = default_criteria().in_language(language)
    cases = yaml.safe_load(batch_text)["answers"]
    scores: dict[str, SlotScore] = {}
    for slot, items in cases.items():
        score = scores.setdefault(slot, SlotScore())
        for item in items:
            answer = parse_answer(slot, item["text"], today, criteria, language=language)
            got = reading(criteria, slot, answer, today)
            score.total += 1
            if got == item["expect"]:
                score.understood += 1
            else:
                score.misses.append((item["text"], item["expect"], got))
    return scores


def _floors(repo_root: Path) -> dict[str, Any]:
    return yaml.safe_load((repo_root / "tests" / "prescreen" / "floors.yml").read_text(encoding="utf-8"))


def load_floor(repo_root: Path) -> float:
    return float(_floors(repo_root)["understood_rate"])


def later_batch_floors(repo_root: Path) -> dict[str, float]:
    """Whole-set floors of the batches written after tuning began (file name -> rate)."""
    return {name: float(rate) for name, rate in (_floors(repo_root).get("later_batches") or {}).items()}


def overall_rate(scores: dict[str, SlotScore]) -> tuple[int, int]:
    """(understood, total) over every question of a batch: the only figures read of a blind batch."""
    return sum(s.understood for s in scores.values()), sum(s.total for s in scores.values())


def report(repo_root: Path) -> list[str]:
    """Prints the understood rate per question; returns the problems (questions under the floor)."""
    floor = load_floor(repo_root)
    scores = understood_rates(heldout_dir(repo_root) / "answers_en.yml")
    print("\nPre-screen answers understood (tests/prescreen/heldout/answers_en.yml):")
    problems = []
    for slot, score in scores.items():
        print(f"  {slot:<20} {score.understood:>3}/{score.total:<3} {score.rate:.1%}")
        if score.rate < floor:
            problems.append(f"pre-screen question {slot!r} understood {score.rate:.1%} < floor {floor:.0%}")
    for name, batch_floor in later_batch_floors(repo_root).items():
        understood, total = overall_rate(understood_rates(heldout_dir(repo_root) / name))
        print(
            f"  later batch {name}: {understood}/{total} {understood / total:.1%} (floor {batch_floor:.0%})"
        )
        if understood / total < batch_floor:
            problems.append(
                f"pre-screen batch {name} understood {understood / total:.1%} < floor {batch_floor:.0%}"
            )
    return problems


def play_profiles(settings: Settings) -> list[Played]:
    """Every frozen profile against a stack of our own (own ports, data folder and pinned day)."""
    import tempfile

    from bot.runtime.processes import all_processes, prepare_data
    from bot.runtime.supervisor import Supervisor
    from bot.settings import load_settings, scoped_environment

    with tempfile.TemporaryDirectory(prefix="catr-profiles-") as data_dir:
        values = {
            "CATR_DATA_DIR": data_dir,
            "TRACKER_DB": f"{data_dir}/tracker.db",
            "DATABASE_URL": f"sqlite:///{data_dir}/leads.db",
            "CATR_PRESCREEN_TODAY": REFERENCE_DAY.isoformat(),
            "RASA_PORT": str(settings.rasa_port + 20),
            "ACTION_PORT": str(settings.action_port + 20),
            "WEB_PORT": str(settings.web_port + 20),
            "RASA_URL": "",
            "ACTION_SERVER_URL": "",
            "NLG_SERVER_URL": "",
        }
        with scoped_environment(values):
            stack = load_settings()
            prepare_data(stack)
            logs = settings.repo_root / "results" / "profiles"
            supervisor = Supervisor(stack, all_processes(stack), log_dir=logs)
            supervisor.start(ready_timeout=300)
            try:
                return play_all(stack, load_profiles(heldout_dir(settings.repo_root) / "profiles_en.yml"))
            finally:
                supervisor.stop()


def report_profiles(results: list[Played]) -> list[str]:
    """Prints the profile pass count and each failure; returns the problems."""
    passed = sum(result.passed for result in results)
    print(f"\nSimulated patients (tests/prescreen/heldout/profiles_en.yml): {passed}/{len(results)} passed")
    problems = []
    for result in results:
        if not result.passed:
            print(f"  FAIL {result.profile_id}: {'; '.join(result.problems)}")
            problems.append(f"profile {result.profile_id}: {'; '.join(result.problems)}")
    return problems


def evaluate_prescreen(settings: Settings) -> list[str]:
    """Both pre-screen figures, for `python -m bot evaluate`; returns what misses its floor."""
    return report(settings.repo_root) + report_profiles(play_profiles(settings))

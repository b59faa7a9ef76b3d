"""Train the Rasa model only when its inputs changed.

The fingerprint covers every file that goes into training; it is stored beside the model, so
`make run` on an unchanged checkout starts at once, and any edit to data or config retrains.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
import time
from pathlib import Path

from bot.settings import Settings

log = logging.getLogger(__name__)

MODEL_NAME = "catr-pat"


def training_inputs(settings: Settings) -> list[Path]:
    """The config, domain and data folders Rasa reads, in a stable order."""
    root = settings.repo_root
    return [
        root / "config.yml",
        settings.build_dir / "domain",
        root / "data" / "nlu",
        root / "data" / "rules",
        root / "data" / "stories",
        settings.generated_data_dir,
        settings.spacy_model_dir,
    ]


def fingerprint(settings: Settings) -> str:
    digest = hashlib.sha256()
    for entry in training_inputs(settings):
        if not entry.exists():
            digest.update(f"missing:{entry.name}".encode())
            continue
        files = sorted(p for p in entry.rglob("*") if p.is_file()) if entry.is_dir() else [entry]
        for path in files:
            digest.update(str(path.relative_to(settings.repo_root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def model_path(settings: Settings) -> Path:
    return settings.models_dir / f"{MODEL_NAME}.tar.gz"


def _fingerprint_file(settings: Settings) -> Path:
    return settings.models_dir / f"{MODEL_NAME}.fingerprint"


def is_stale(settings: Settings) -> bool:
    marker = _fingerprint_file(settings)
    if not model_path(settings).exists() or not marker.exists():
        return True
    return marker.read_text(encoding="utf-8").strip() != fingerprint(settings)


def rasa_train_command(settings: Settings, out_dir: Path, name: str) -> list[str]:
    data = [str(p) for p in training_inputs(settings)[2:6]]  # nlu, rules, stories, generated
    return [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "--config",
        str(settings.repo_root / "config.yml"),
        "--domain",
        str(settings.build_dir / "domain"),
        "--data",
        *data,
        "--out",
        str(out_dir),
        "--fixed-model-name",
        name,
        "--force",
    ]


def train(settings: Settings, force: bool = False) -> Path:
    """Train if stale (or forced); returns the model path. Raises when Rasa fails."""
    target = model_path(settings)
    if not force and not is_stale(settings):
        log.info("event=train_skipped reason=inputs_unchanged model=%s", target.name)
        return target
    print_fingerprint = fingerprint(settings)
    settings.models_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    result = subprocess.run(
        rasa_train_command(settings, settings.models_dir, MODEL_NAME), cwd=settings.repo_root
    )
    if result.returncode != 0 or not target.exists():
        raise RuntimeError(f"rasa train failed (exit {result.returncode}); see the output above")
    _fingerprint_file(settings).write_text(print_fingerprint, encoding="utf-8")
    log.info("event=trained model=%s seconds=%.1f", target.name, time.monotonic() - started)
    print(f"Trained {target.name} in {time.monotonic() - started:.0f} s")
    return target

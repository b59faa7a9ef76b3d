"""The safety layer's learned net: a small text classifier beside the lexicons.

Lexicons are exact and readable but miss wordings nobody listed; this model, trained on the examples
in data/safety/training/<language>.yml (written in patients' voice, never from the held-out sets),
reads character and word n-grams and so generalises to new wordings and typos in both languages.
`python -m bot build` trains it (deterministic solver, about ten seconds here) into
build/safety/classifier.pkl with a fingerprint of the training files; a process loads that file
when the fingerprint matches and trains in memory otherwise, so a stale file is never used. Its
verdict counts from the risk in data/safety/classifier.yml up.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.nlp.text_classifier import predict_proba
from bot.safety.lexicon import CATEGORIES, SAFETY_DIR, Category, LexiconError, threshold
from bot.safety.patterns import normalise

TRAINING_DIR = SAFETY_DIR / "training"
NONE = "none"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Guess:
    category: Category  # the most serious of the candidates
    risk: float  # probability that the message is not ordinary
    # Categories the model finds nearly as likely as its top one, most serious first: a crisis read
    # as "advice" at 0.6 and "self_harm" at 0.35 is still a crisis (data/safety/classifier.yml).
    candidates: tuple[Category, ...] = ()


def training_examples(folder: Path = TRAINING_DIR) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    labels: list[str] = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for label, examples in (data.get("examples") or {}).items():
            if label not in (*CATEGORIES, NONE):
                raise LexiconError(f"{path}: examples.{label}: label must be one of {(*CATEGORIES, NONE)}")
            texts += [normalise(str(example)) for example in examples or []]
            labels += [label] * len(examples or [])
    if not texts:
        raise LexiconError(f"{folder}: no training examples (<language>.yml with examples: <label>: [...])")
    return texts, labels


def fingerprint(folder: Path = TRAINING_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.yml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def model_file() -> Path:
    from bot.settings import get_settings

    return get_settings().build_dir / "safety" / "classifier.pkl"


def save_model(target: Path) -> Path:
    """Train and write the model with the fingerprint of what it was trained on (the build step);
    a file already trained on the same examples is kept."""
    if target.exists() and pickle.loads(target.read_bytes()).get("fingerprint") == fingerprint():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"fingerprint": fingerprint(), "model": train()}
    target.write_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    return target


@lru_cache(maxsize=1)
def _model():
    path = model_file()
    if path.exists():
        payload = pickle.loads(path.read_bytes())  # our own build output, never user input
        if payload.get("fingerprint") == fingerprint():
            return payload["model"]
    reason = "stale" if path.exists() else "missing"
    log.warning("event=safety_classifier_trained_in_memory reason=%s", reason)
    return train()


def train(folder: Path = TRAINING_DIR):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+"),
    )
    model = make_pipeline(features, LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced"))
    texts, labels = training_examples(folder)
    return model.fit(texts, labels)


def guess(text: str) -> Guess | None:
    """The likeliest safety category and the risk that the message is not ordinary (None if it is)."""
    model = _model()
    probabilities = dict(zip(model.classes_, predict_proba(model, normalise(text)), strict=True))
    risk = 1.0 - float(probabilities.get(NONE, 0.0))
    top = max(probabilities.get(c, 0.0) for c in CATEGORIES)
    if top <= 0:
        return None
    share = threshold("category_share")
    candidates = tuple(c for c in CATEGORIES if probabilities.get(c, 0.0) >= share * top)
    return Guess(candidates[0], risk, candidates)

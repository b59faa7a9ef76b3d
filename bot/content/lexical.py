"""A second reader of the FAQ, unlike the ResponseSelector, whose vote is blended with it.

Word and character n-grams (TF-IDF) with a logistic regression, fitted on faq.yml's questions and
the further phrasings of faq_phrasings.yml (bot/content/phrasings.py) by `python -m bot build`
(saved under build/lexical/ with a digest of its inputs). It ranks entries with other mistakes
than the ResponseSelector, and the blend of the two ranks the right entry first more often than
either (docs/answer-thresholds.md): two different readers that agree make a surer answer than
one. It refits in seconds, so it can learn far more phrasings than the neural model can afford
to train on. Pure scikit-learn; no Rasa here.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bot.content.answering import Reading
from bot.content.models import FaqEntry
from bot.nlp.text_classifier import predict_proba

MAX_ANSWERS = 5
VERSION = "2"  # bump when fit_reader changes, so a saved reader is refitted
SEED = 42  # fixed, like every trainable part of the model, so figures compare run to run


@dataclass(frozen=True)
class LexicalReader:
    """A fitted model and the entry ids it can name, in its own column order."""

    model: Any
    entry_ids: tuple[str, ...]

    def rank(self, text: str) -> dict[str, float]:
        """P(entry | text) for every entry; they sum to 1."""
        probabilities = predict_proba(self.model, text)
        return {entry_id: float(p) for entry_id, p in zip(self.entry_ids, probabilities, strict=True)}


def reader_questions(content_dir: Path) -> dict[str, tuple[str, ...]]:
    """What the reader learns from: each entry's questions in every language and its phrasings
    (bot/content/phrasings.py), except entries answered by their own intent (answering.yml), which
    the ResponseSelector never names."""
    from bot.content.answering import load_answering
    from bot.content.loader import load_faq_every_language
    from bot.content.phrasings import load_phrasings

    entries = load_faq_every_language(content_dir)
    skip = set(load_answering(content_dir).intent_answers.values())
    more = load_phrasings(content_dir, {entry.id for entry in entries})
    return {e.id: (*e.questions, *more.get(e.id, ())) for e in entries if e.id not in skip}


def questions_of(entries: Iterable[FaqEntry], skip: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
    """Entry id -> questions, for entries given as values rather than read from a content folder."""
    skipped = set(skip)
    return {entry.id: entry.questions for entry in entries if entry.id not in skipped}


def fit_reader(questions: Mapping[str, Sequence[str]]) -> LexicalReader:
    """Fitted on every question of every entry given (entry id -> questions)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    texts = [text for entry_id in questions for text in questions[entry_id]]
    labels = [entry_id for entry_id in questions for _ in questions[entry_id]]
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),  # typos
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
    )
    model = make_pipeline(features, LogisticRegression(C=20, max_iter=3000, random_state=SEED))
    model.fit(texts, labels)
    return LexicalReader(model, tuple(str(label) for label in model.classes_))


def digest(questions: Mapping[str, Sequence[str]]) -> str:
    """What a reader is fitted from: each entry's id and questions (not its answer, which staff edit
    live) and this code's version."""
    material = [VERSION] + [f"{entry_id}:{'|'.join(texts)}" for entry_id, texts in questions.items()]
    return hashlib.sha256("\n".join(material).encode()).hexdigest()


def save_reader(reader: LexicalReader, target: Path, stamp: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pickle.dumps({"digest": stamp, "reader": reader}))
    return target


def load_reader(source: Path, stamp: str) -> LexicalReader | None:
    """The saved reader if it was fitted from the same inputs (our own build output), else None."""
    if not source.exists():
        return None
    saved = pickle.loads(source.read_bytes())  # written by save_reader in our own build
    return saved["reader"] if saved.get("digest") == stamp else None


def blend(
    answers: Sequence[tuple[str, float]],
    lexical: Mapping[str, float],
    share: float,
    trained: Collection[str] | None = None,
) -> tuple[tuple[str, float], ...]:
    """(1 - share) x the ResponseSelector's confidence + share x the lexical reader's, best first.

    An entry missing from one ranking counts 0 there; the result keeps the best ``MAX_ANSWERS``.
    An entry the ResponseSelector was never trained on (``trained`` given and without it: staff
    added it since the last training) has no vote to lose there: its lexical confidence counts whole.
    """
    selector = dict(answers)
    mixed = {
        entry_id: (
            lexical.get(entry_id, 0.0)
            if trained is not None and entry_id not in trained
            else (1 - share) * selector.get(entry_id, 0.0) + share * lexical.get(entry_id, 0.0)
        )
        for entry_id in selector.keys() | lexical.keys()
    }
    best = sorted(mixed.items(), key=lambda item: (-item[1], item[0]))
    return tuple(best[:MAX_ANSWERS])


def blended_reading(
    reading: Reading,
    ranking: Callable[[], Mapping[str, float]],
    share: float,
    trained: Collection[str] | None = None,
) -> Reading:
    """``reading`` with its answers blended with the lexical reader's ``ranking`` (asked only when
    there is something to blend): what the answer decision sees, live and in calibration."""
    if share <= 0 or not reading.answers:
        return reading
    return replace(reading, answers=blend(reading.answers, ranking(), share, trained))

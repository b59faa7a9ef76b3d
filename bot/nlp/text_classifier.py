"""One message through a fitted scikit-learn text classifier (a feature union of vectorizers, then a
logistic regression): shared by the safety classifier and the FAQ's lexical reader, both on every
message, so both must be fast."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

import numpy as np

# Each classifier's coefficients, transposed into row-major order once. scikit-learn multiplies the
# one-row sparse features by ``coef_.T``, a column-major view, which scipy does about 300 times
# slower (4 ms instead of 15 µs for the FAQ reader's 52 x 36,000 coefficients).
_TRANSPOSED: WeakKeyDictionary[Any, np.ndarray] = WeakKeyDictionary()


def predict_proba(model: Any, text: str) -> Any:
    """``model.predict_proba([text])[0]``, the same numbers, in a fraction of the time.

    The feature union hands each vectorizer to joblib even when it runs them in this thread, which
    cost more than the vectorizers themselves on one short message; this stacks the same features
    in the same order. A multinomial logistic regression then scores them with row-major
    coefficients (above) and the same softmax; any other classifier is asked as usual."""
    from scipy.sparse import hstack

    union, classifier = model.steps[0][1], model.steps[-1][1]
    features = hstack([vectorizer.transform([text]) for _, vectorizer in union.transformer_list]).tocsr()
    if not _multinomial(classifier):
        return classifier.predict_proba(features)[0]
    if classifier not in _TRANSPOSED:
        _TRANSPOSED[classifier] = np.ascontiguousarray(classifier.coef_.T)
    scores = np.asarray(features @ _TRANSPOSED[classifier]).ravel() + classifier.intercept_
    exp = np.exp(scores - scores.max())
    return exp / exp.sum()


def _multinomial(classifier: Any) -> bool:
    """A logistic regression whose probabilities are the softmax of its scores (more than two
    classes, not one-vs-rest), as scikit-learn 1.1 decides it."""
    from sklearn.linear_model import LogisticRegression

    if not isinstance(classifier, LogisticRegression) or len(classifier.classes_) < 3:
        return False
    mode = classifier.multi_class
    return mode == "multinomial" or (mode == "auto" and classifier.solver != "liblinear")

"""``python -m bot.runtime.action_server``: rasa-sdk's action server, without deep-learning frameworks.

Our actions use spaCy only for its rule-based entity ruler, but spaCy's numeric layer (thinc)
imports TensorFlow, PyTorch and JAX whenever they are installed, and Rasa installs TensorFlow:
that alone held about 450 MiB in the action server. Marking them absent before anything is
imported makes thinc take its own "not installed" path (its imports are optional by design).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# Frameworks thinc picks up when present; nothing the action server runs needs them.
UNUSED_FRAMEWORKS = ("tensorflow", "torch", "jax", "jaxlib", "mxnet", "cupy", "h5py")


def block_unused_frameworks() -> list[str]:
    """Make ``import <framework>`` fail in this process; returns the ones blocked (not yet imported)."""
    blocked = [name for name in UNUSED_FRAMEWORKS if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # Python's documented "not importable"
    return blocked


def main(argv: Sequence[str] | None = None) -> None:
    block_unused_frameworks()
    from rasa_sdk.__main__ import main_from_args
    from rasa_sdk.endpoint import create_argument_parser

    main_from_args(create_argument_parser().parse_args(list(argv) if argv is not None else None))


if __name__ == "__main__":
    main()

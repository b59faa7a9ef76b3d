"""``python -m bot.runtime.launch actions|rasa ...``: our servers, without frameworks they never use.

Libraries import optional frameworks whenever they are installed: spaCy's numeric layer (thinc)
imports TensorFlow, PyTorch and JAX, and TensorFlow's own TFLite helpers import JAX. Rasa
installs TensorFlow and JAX comes with it, so the action server held about 450 MiB of TensorFlow
it never runs, and Rasa held JAX. Marking a module absent (``sys.modules[name] = None``, Python's
documented "not importable") before anything is imported makes those libraries take their own
"not installed" path. Measured before and after in docs/benchmarks.md.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# Per server: what nothing it runs needs. Rasa keeps TensorFlow (DIET, ResponseSelector) and h5py.
UNUSED = {
    "actions": ("tensorflow", "torch", "jax", "jaxlib", "mxnet", "cupy", "h5py"),
    "rasa": ("torch", "jax", "jaxlib", "mxnet", "cupy"),
}


def block(names: Sequence[str]) -> list[str]:
    """Make ``import <name>`` fail in this process; returns the names blocked (those not yet imported)."""
    blocked = [name for name in names if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    return blocked


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in UNUSED:
        raise SystemExit(
            f"usage: python -m bot.runtime.launch {{{'|'.join(UNUSED)}}} <the server's own arguments>"
        )
    server, rest = args[0], args[1:]
    block(UNUSED[server])
    if server == "actions":
        from rasa_sdk.__main__ import main_from_args
        from rasa_sdk.endpoint import create_argument_parser

        main_from_args(create_argument_parser().parse_args(rest))
    else:
        from rasa.__main__ import main as rasa_main

        sys.argv = ["rasa", *rest]
        rasa_main()


if __name__ == "__main__":
    main()

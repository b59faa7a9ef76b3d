"""Small extensions that run inside the Rasa server process (loaded by name from endpoints.yml and
credentials.yml). Importing the package also installs the speed fixes of rasa_addons/speedups.py
and rasa_addons/pending_hook.py, the body check of Rasa's HTTP API (rasa_addons/api_guard.py), and the
safety layer in front of every message (rasa_addons/safety_hook.py), the answer decision on every
parse (rasa_addons/answer_hook.py), and the pre-screen's answer-first reading of a message against
the pending question (rasa_addons/prescreen_hook.py), and the conversation's language before all of
them (rasa_addons/language_hook.py)."""

import rasa

# These modules patch Rasa internals read in 3.6.21: another version must be checked first.
EXPECTED_RASA = "3.6.21"
if rasa.__version__ != EXPECTED_RASA:
    raise RuntimeError(
        f"rasa_addons patches Rasa {EXPECTED_RASA} internals but Rasa {rasa.__version__} is installed: "
        "check each patch in rasa_addons/ against the new version, then update EXPECTED_RASA"
    )

from rasa_addons.answer_hook import install as _install_answer_hook  # noqa: E402
from rasa_addons.api_guard import install as _install_api_guard  # noqa: E402
from rasa_addons.language_hook import install as _install_language_hook  # noqa: E402
from rasa_addons.pending_hook import install as _install_pending_hook  # noqa: E402
from rasa_addons.prescreen_hook import install as _install_prescreen_hook  # noqa: E402
from rasa_addons.safety_hook import install as _install_safety_hook  # noqa: E402
from rasa_addons.speedups import install as _install_speedups  # noqa: E402

_install_speedups()
_install_pending_hook()
_install_api_guard()
_install_safety_hook()
_install_prescreen_hook()
_install_answer_hook()
_install_language_hook()  # last, so it wraps the others: the language is set before they run

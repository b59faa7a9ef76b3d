"""Small extensions that run inside the Rasa server process (loaded by name from endpoints.yml and
credentials.yml). Importing the package also installs the speed fixes of rasa_addons/speedups.py
and rasa_addons/pending_hook.py, the body check of Rasa's HTTP API (rasa_addons/api_guard.py), and the
safety layer in front of every message (rasa_addons/safety_hook.py), and the answer decision on
every parse (rasa_addons/answer_hook.py)."""

from rasa_addons.answer_hook import install as _install_answer_hook
from rasa_addons.api_guard import install as _install_api_guard
from rasa_addons.pending_hook import install as _install_pending_hook
from rasa_addons.safety_hook import install as _install_safety_hook
from rasa_addons.speedups import install as _install_speedups

_install_speedups()
_install_pending_hook()
_install_api_guard()
_install_safety_hook()
_install_answer_hook()

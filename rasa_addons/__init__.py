"""Small extensions that run inside the Rasa server process (loaded by name from endpoints.yml and
credentials.yml). Importing the package also installs two speed fixes (rasa_addons/speedups.py)
and the body check of Rasa's HTTP API (rasa_addons/api_guard.py)."""

from rasa_addons.api_guard import install as _install_api_guard
from rasa_addons.speedups import install as _install_speedups

_install_speedups()
_install_api_guard()

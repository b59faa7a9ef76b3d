#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 supports Python <3.11).
# Order: $PYTHON310, python3.10 on PATH, pyenv's 3.10 versions. Exits 1 with a clear message if none.
set -euo pipefail

is_310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }

candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
for dir in "$pyenv_root"/versions/3.10*; do
  [ -x "$dir/bin/python3.10" ] && candidates+=("$dir/bin/python3.10")
done

for candidate in "${candidates[@]}"; do
  if is_310 "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

cat >&2 <<'MSG'
ERROR: Python 3.10 was not found, and Rasa 3.6 needs it (it does not support 3.11 or newer).
Looked for: $PYTHON310, python3.10 on PATH, and $PYENV_ROOT/versions/3.10*/bin/python3.10.
Fix: install it (for example `pyenv install 3.10.13`, or your system's python3.10 package),
or point PYTHON310 at a Python 3.10 interpreter, then run the command again.
MSG
exit 1

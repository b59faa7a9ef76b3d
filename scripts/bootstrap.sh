#!/usr/bin/env bash
# Creates .venv with Python 3.10 if it is missing and installs the locked dependencies.
# Idempotent: the Makefile calls it only when requirements.txt or constraints.txt changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then
  python310="$(scripts/find-python.sh)"
  echo "Creating .venv with $python310"
  rm -rf .venv
  "$python310" -m venv .venv
fi

echo "Installing locked dependencies into .venv (a few minutes the first time)"
.venv/bin/python -m pip install --quiet -r requirements.txt -c constraints.txt
.venv/bin/python -m pip check >/dev/null || { .venv/bin/python -m pip check; exit 1; }

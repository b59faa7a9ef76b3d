# The two commands a new user needs:  make run   and   make test
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
export PYTHONHASHSEED := 0

RASA_DATA := data/nlu data/rules data/stories build/generated

.PHONY: help run test check model build lint types system-deps lock clean bench capacity evaluate

help:
	@echo "make run    install (first time), train if data changed, start everything on :5005 :5055 :8000"
	@echo "make test   install (first time), train if needed, run every check and test"
	@echo "make check      the inner loop: lint, types and the tests that start no process (under 2 min)"
	@echo "make bench      load test against Rasa's starter assistant -> docs/benchmarks.md (~10 min)"
	@echo "make capacity   conversations a day at p95 < 1 s, 1 to 3 Rasa servers -> docs/capacity.md (~10 min)"
	@echo "make evaluate   held-out NLU/FAQ scores, confusions, conversation tests -> docs/evaluation.md"

$(STAMP): requirements.txt constraints.txt scripts/bootstrap.sh
	scripts/bootstrap.sh
	touch $@

build: $(STAMP)
	$(PY) -m bot build

model: $(STAMP)
	$(PY) -m bot train

run: $(STAMP)
	$(PY) -m bot run

system-deps:
	scripts/install-system-deps.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check bot actions rasa_addons rasa_sdk_plugins tests
	$(VENV)/bin/ruff format --check bot actions rasa_addons rasa_sdk_plugins tests

# Type checks of bot/ (configuration in pyproject.toml).
types: $(STAMP)
	$(VENV)/bin/mypy

test: $(STAMP) system-deps lint types model
	npm ci --prefix tests/web --no-audit --no-fund --loglevel=error
	$(PY) -m bot content check
	$(PY) -m rasa data validate --domain build/domain --data $(RASA_DATA) --config config.yml --fail-on-warnings
	$(PY) -m pytest
	$(PY) -m bot evaluate --skip-served

# The inner loop: no model, no server or browser started (tests are marked by the processes they
# start: tests/conftest.py), no PostgreSQL.
check: $(STAMP) lint types
	$(PY) -m pytest -q -m "not servers and not web_app and not browser and not scaleout and not postgres" \
		-p no:cacheprovider

# Measures, so it runs alone: nothing else of ours should use the CPU meanwhile.
bench: $(STAMP) model
	$(PY) -m bot bench

# Needs PostgreSQL, Redis and nginx on this host (as in CI); runs alone, like bench.
capacity: $(STAMP) model
	$(PY) -m bot capacity

evaluate: $(STAMP) model
	$(PY) -m bot evaluate --report docs/evaluation.md

lock:
	rm -rf /tmp/catr-lock && $$(scripts/find-python.sh) -m venv /tmp/catr-lock
	/tmp/catr-lock/bin/pip install -q -r requirements.txt
	(head -2 constraints.txt; /tmp/catr-lock/bin/pip freeze) > constraints.txt.new && mv constraints.txt.new constraints.txt

clean:
	rm -rf build models results var .rasa

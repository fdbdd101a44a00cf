# Every target sets itself up: a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint types unit bench fuzz snapshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pmoplan plan --level 2 --years 6

lint: $(STAMP)
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/ruff check src tests benchmarks tools

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -X warn_default_encoding -W error::EncodingWarning -m pytest -q

test: lint types unit

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet atheris || echo "atheris unavailable: fuzzing with Hypothesis instead"
	$(BIN)/python tests/fuzz.py --minutes $${MINUTES:-10}

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache

snapshot: $(STAMP)  ## after editing data/levels.yaml or data/courses.yaml
	$(BIN)/python tools/write_snapshot.py

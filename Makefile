# Every target sets itself up: a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint types unit bench fuzz snapshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# `make run` installs only what running pmoplan needs, with pip's progress visible;
# the development tools (pytest, ruff, mypy, ...) come with the first `make test`.
$(RUN_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -e .
	touch $(RUN_STAMP)

$(DEV_STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install -e . --group dev
	touch $(DEV_STAMP)

run: $(RUN_STAMP)
	$(BIN)/pmoplan plan --level 2 --years 6
	@echo
	@echo "pmoplan is installed in .venv/: run it as .venv/bin/pmoplan (try: .venv/bin/pmoplan --help)"

lint: $(DEV_STAMP)
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/ruff check src tests benchmarks tools

types: $(DEV_STAMP)
	$(BIN)/mypy

unit: $(DEV_STAMP)
	$(BIN)/python -X warn_default_encoding -W error::EncodingWarning -m pytest -q

test: lint types unit

bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/run.py

fuzz: $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet atheris || echo "atheris unavailable: fuzzing with Hypothesis instead"
	$(BIN)/python tests/fuzz.py --minutes $${MINUTES:-10}

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache

snapshot: $(DEV_STAMP)  ## after editing data/levels.yaml or data/courses.yaml
	$(BIN)/python tools/write_snapshot.py

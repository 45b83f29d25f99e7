# Each target sets up the local .venv from pyproject.toml by itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run plain lint test check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/samarbeid

plain: $(STAMP)
	$(BIN)/samarbeid --plain

# The gate: style and slips (ruff), types (mypy), the layers (import-linter); all configured in pyproject.toml
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/samarbeid check --strict
	$(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/samarbeid check --strict
	$(BIN)/samarbeid cases

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info

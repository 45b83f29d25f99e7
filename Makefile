# Each target sets up the local .venv from pyproject.toml by itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run plain test check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/samarbeid

plain: $(STAMP)
	$(BIN)/samarbeid --plain

test: $(STAMP)
	$(BIN)/samarbeid check --strict
	$(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/samarbeid check --strict
	$(BIN)/samarbeid cases

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info

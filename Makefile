# Each target sets up the local .venv by itself: `make run` (and plain, serve, the commands below) with what
# running needs, `make test` (and lint, check, bench) with the development tools as well. Versions come
# from requirements.lock, so two fresh clones get the same.
#
# The installing is done by uv, put into the .venv first (by pip, pinned by the lock): it fetches in
# parallel and resolves in a blink, so a fresh clone reaches its first question in seconds where pip
# alone took over a minute. A uv already on the PATH is not used: the lock's uv is.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
RUN    := $(VENV)/.installed-run
DEV    := $(VENV)/.installed-dev
MUT    := $(VENV)/.installed-mutation
LOCK   := requirements.lock
export PIP_DISABLE_PIP_VERSION_CHECK = 1
export PIP_ROOT_USER_ACTION = ignore
INSTALL = $(UV) pip install --quiet --python $(BIN)/python --compile-bytecode -c $(LOCK)

.PHONY: run plain serve decide compare questions cases catalogues lint test test-fast test-thorough check bench mutation lock clean

# The .venv with uv in it: a venv without pip (quick), then this Python's pip puts uv in; where this
# Python's pip is missing or too old for --python, the venv gets a pip of its own to do it.
$(UV): $(LOCK)
	@echo "samarbeid: setting up $(VENV) (once; about 15 s on a quiet machine)"
	@test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	@UV_PIN=$$(grep -E '^uv==' $(LOCK)); \
	  $(PYTHON) -m pip --python $(BIN)/python install --quiet "$$UV_PIN" 2>/dev/null \
	  || { $(BIN)/python -m ensurepip --default-pip >/dev/null && $(BIN)/python -m pip install --quiet "$$UV_PIN"; }
	@touch $(UV)

$(RUN): $(UV) pyproject.toml
	@echo "samarbeid: installing what running needs"
	$(INSTALL) -e .
	@touch $(RUN)
	@echo "samarbeid: ready. The command is $(BIN)/samarbeid, or ./samarbeid from this folder."

$(DEV): $(RUN)
	@echo "samarbeid: adding the development tools (once)"
	$(INSTALL) -e '.[dev]'
	@touch $(DEV)

run: $(RUN)
	$(BIN)/samarbeid

plain: $(RUN)
	$(BIN)/samarbeid --plain

# The other commands through make: make decide FILE=examples/supplier.yaml ARGS="--format html -o r.html",
# make compare DIR=room-folder, make questions ARGS="--role entrepreneur", make cases.
ARGS ?=
decide: $(RUN)
	$(BIN)/samarbeid decide $(FILE) $(ARGS)

compare: $(RUN)
	$(BIN)/samarbeid compare $(DIR) $(ARGS)

questions: $(RUN)
	$(BIN)/samarbeid questions $(ARGS)

cases: $(RUN)
	$(BIN)/samarbeid cases $(ARGS)

# The interview in a browser, on this computer only: http://127.0.0.1:8000/ (Ctrl-C or kill stops it).
# For a room's network: make serve HOST=0.0.0.0 (it warns who can reach it); another port: PORT=8080.
# It answers only to its own names: more with SERVE_ARGS="--allowed-host NAME"; behind a reverse proxy
# SERVE_ARGS="--proxy ADDRESS" (its X-Forwarded-For/-Proto are believed). samarbeid serve --help says all.
HOST ?= 127.0.0.1
PORT ?= 8000
SERVE_ARGS ?=
serve: $(RUN)
	$(BIN)/samarbeid serve --host $(HOST) --port $(PORT) $(SERVE_ARGS)

# The program's words: each assistant/locale/<lang>/LC_MESSAGES/samarbeid.po compiled into the .mo beside it,
# which the program reads (both are committed; docs/translating.md). Run it after editing a .po.
catalogues: $(DEV)
	$(BIN)/pybabel compile --domain samarbeid --directory assistant/locale --statistics

# The gate: style and slips (ruff), types (mypy), the layers (import-linter); all configured in pyproject.toml
GATE = $(BIN)/ruff check . && $(BIN)/mypy && $(BIN)/lint-imports
lint: $(DEV)
	$(GATE)

# Tests in parallel (pytest-xdist). The assistant's tests spend much of their time waiting for the
# app to go idle after each key, so one worker more than this machine's two cores keeps both busy;
# --dist loadgroup keeps tests marked xdist_group (one wheel build, one marker file) on one worker.
TEST_WORKERS ?= 3

# Where PYTHONDONTWRITEBYTECODE is set (as on this project's machines), each test worker and each
# program a test starts would compile the package anew and pytest would rewrite every test module
# again; the tests keep their bytecode (in __pycache__, which git ignores).
#
# The property tests try a fixed, smaller number of examples (tests/budget.py, profile `quick`); CI runs
# this target too. make test-thorough is the same run with the examples the suite had before (profile
# `thorough`): after a change to the engine, the loaders or the YAML reader, and before a release.
#
# The gate (make lint, then check --strict) runs beside the tests, its output held back and shown after
# theirs: the tests leave part of the two cores idle (the assistant's wait for the app between keys), and
# the gate's some 9 s fit in it. Either failing fails make test; both are always reported.
test: export PYTHONDONTWRITEBYTECODE =
test: $(DEV)
	@gate=$$(mktemp); \
	{ $(GATE) && $(BIN)/samarbeid check --strict; } > $$gate 2>&1 & gating=$$!; \
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup; tested=$$?; \
	wait $$gating; gated=$$?; cat $$gate; rm -f $$gate; \
	if [ $$gated -ne 0 ]; then echo "make test: the gate failed (make lint, samarbeid check --strict): see above"; fi; \
	if [ $$tested -ne 0 ]; then exit $$tested; fi; exit $$gated

test-thorough: export SAMARBEID_PROPERTIES = thorough
test-thorough: test

# The inner loop: ruff and the tests but the assistant's (tests/tui: Pilot and its snapshots, half the
# suite's time), those that need Chromium (marked browser) and the wheel built and installed in a fresh
# venv (packaging); no mypy or import-linter (make lint), no check --strict. make test runs them all.
test-fast: export PYTHONDONTWRITEBYTECODE =
test-fast: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup -m "not browser and not packaging" \
		--ignore=tests/tui

check: $(DEV)
	$(BIN)/samarbeid check --strict
	$(BIN)/samarbeid cases

bench: $(DEV)
	$(BIN)/python bench/run.py

# Mutation testing (not part of make test): mutmut changes the engine, the dialogue, the file writing,
# the saved sessions and the server's store one small change at a time (pyproject.toml's [tool.mutmut])
# and runs the tests that reach each change; a change no test notices is a survivor. mutants/ holds the
# run (ignored by git); the table per module ends it. docs/development.md has the last figure and why
# each survivor left is harmless. MUTATION_WORKERS=1 on a busy machine.
MUTATION_WORKERS ?= 2
$(MUT): $(DEV)
	$(INSTALL) -e '.[dev,mutation]'
	@touch $(MUT)

mutation: export PYTHONDONTWRITEBYTECODE =
mutation: $(MUT)
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(MUTATION_WORKERS); ran=$$?; $(BIN)/python tools/mutation_summary.py; exit $$ran

# requirements.lock anew from the .venv make test set up (after a change of pyproject.toml's ranges)
lock: $(DEV)
	@{ sed -n '1,/^# from a .venv/p' $(LOCK); $(UV) pip freeze --python $(BIN)/python --exclude-editable; } \
	  > $(LOCK).new && mv $(LOCK).new $(LOCK)

clean:
	rm -rf $(VENV) build dist *.egg-info mutants

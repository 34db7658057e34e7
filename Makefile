# The README's commands are `make lab`, `make check` (before every commit) and `make test` (the whole
# suite, what CI runs); the rest are helpers.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two installs: `make lab` needs the package with its `lab` extra only; the tests need `lab`, `site` and
# `test`. Both take the exact versions of the lock (binder/requirements.txt, `make lock`) as constraints,
# so what the tests run is what Binder and students get; a change to the lock or pyproject re-installs.
LOCK := binder/requirements.txt
LAB := $(VENV)/.installed-lab
STAMP := $(VENV)/.installed-test
PIP_INSTALL = $(BIN)/python -m pip install --quiet --constraint $(LOCK)
PORT ?= 8888
NB ?= 00_start_here
VOILA_PORT ?= 8866
DATA_CHECK = $(BIN)/python -m explainer check data
RUFF_CHECK = $(BIN)/ruff check explainer tests benchmarks tools
RUFF_FORMAT = $(BIN)/ruff format --check explainer tests benchmarks tools

.PHONY: lab test venv check check-data lint bench present html notebooks lock clean

venv: $(STAMP)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The news pop-up and update check go off in the environment itself (explainer/commands/labsettings.py),
# so a plain `jupyter lab` in it is quiet too.
$(LAB): pyproject.toml $(LOCK) | $(VENV)/bin/python
	$(PIP_INSTALL) -e '.[lab]'
	$(BIN)/python -m explainer.commands.labsettings
	touch $(LAB)

$(STAMP): pyproject.toml $(LOCK) | $(VENV)/bin/python
	$(PIP_INSTALL) -e '.[lab,site,test]'
	$(BIN)/python -m explainer.commands.labsettings
	touch $(LAB) $(STAMP)

## make lab: JupyterLab on notebooks/00_start_here.ipynb (token on, 127.0.0.1 only)
## (the same as `explainer lab`; news pop-up and update check off)
lab: $(LAB)
	$(BIN)/python -m explainer lab --port=$(PORT)

## make check: before every commit, about a minute: data check, lint, and every test not marked slow
## (unit and data tests, each notebook run once offline against its pinned outputs, the static site)
check: $(STAMP)
	$(DATA_CHECK)
	$(RUFF_CHECK)
	$(RUFF_FORMAT)
	$(BIN)/python -m pytest -m "not slow"

## make test: the whole suite, as CI runs it (make check's steps, then all tests: browser, classroom, hub, Binder)
test: $(STAMP)
	$(DATA_CHECK)
	$(RUFF_CHECK)
	$(RUFF_FORMAT)
	$(BIN)/python -m pytest

## make present NB=02_aid_figures: one notebook in Voila, code hidden, for projection (127.0.0.1)
present: $(LAB)
	$(BIN)/python -m explainer present $(NB) --port=$(VOILA_PORT)

## make html [NO_INPUT=1]: run every notebook offline and write a static site to _site/ (index + one page each)
html: $(STAMP)
	$(BIN)/python -m explainer html --out _site $(if $(NO_INPUT),--no-input)

## make notebooks: re-run every notebook and store its outputs (after changing data/ or a notebook)
notebooks: $(STAMP)
	$(BIN)/python tools/run_notebooks.py

## make check-data: validate data/ only (seconds; the same as `explainer check data`)
check-data: $(STAMP)
	$(DATA_CHECK)

lint: $(STAMP)
	$(RUFF_CHECK)
	$(RUFF_FORMAT)

## make bench: every figure against its floor in one run; prints a table, writes bench-results.json
bench: $(STAMP)
	$(BIN)/python -m benchmarks

## make lock: re-resolve binder/requirements.txt, the exact versions Binder, CI and `make lab` install, from
## pyproject.toml's dependencies and its lab and site extras (after changing them, or to take new releases;
## then `make test`). tests/test_lock.py fails while the lock and pyproject.toml disagree.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra lab --extra site --universal --python-version 3.11 \
		--upgrade --quiet --custom-compile-command "make lock" --output-file $(LOCK)

clean:
	rm -rf $(VENV) _site test-artifacts

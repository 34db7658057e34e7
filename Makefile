# The two README commands are `make lab` and `make test`; the rest are helpers.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8888
NB ?= 00_start_here
VOILA_PORT ?= 8866

.PHONY: lab test venv check lint bench present html notebooks clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## make lab: JupyterLab on notebooks/00_start_here.ipynb (token on, 127.0.0.1 only)
## (the same as `explainer lab`; news pop-up and update check off)
lab: $(STAMP)
	$(BIN)/python -m explainer lab --port=$(PORT)

## make test: the whole suite (unit, data, notebooks, browser)
test: $(STAMP)
	$(BIN)/python -m explainer check data
	$(BIN)/ruff check explainer tests benchmarks tools
	$(BIN)/python -m pytest

## make present NB=02_aid_figures: one notebook in Voila, code hidden, for projection (127.0.0.1)
present: $(STAMP)
	$(BIN)/python -m explainer present $(NB) --port=$(VOILA_PORT)

## make html [NO_INPUT=1]: run every notebook offline and write a static site to _site/ (index + one page each)
html: $(STAMP)
	$(BIN)/python -m explainer html --out _site $(if $(NO_INPUT),--no-input)

## make notebooks: re-run every notebook and store its outputs (after changing data/ or a notebook)
notebooks: $(STAMP)
	$(BIN)/python tools/run_notebooks.py

check: $(STAMP)
	$(BIN)/python -m explainer check data

lint: $(STAMP)
	$(BIN)/ruff check explainer tests benchmarks tools
	$(BIN)/ruff format --check explainer tests benchmarks tools

## make bench: every figure against its floor in one run; prints a table, writes bench-results.json
bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) _site test-artifacts

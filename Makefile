# Tolk: `make annotate` annotates seeds/; `make test` runs every check. Logic lives in Swift and scripts/.
SWIFT ?= swift
TOLK := .build/release/tolk
VENV := .venv
PYTHON := $(VENV)/bin/python

.PHONY: annotate test eval lint build deps clean

annotate: build
	@mkdir -p out
	$(TOLK) annotate seeds --output out/annotations.jsonl
	$(TOLK) summarize out/annotations.jsonl

test: deps $(VENV)/.installed
	scripts/run-tests.sh

eval: build
	$(TOLK) eval tokens

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

build: deps
	$(SWIFT) build -c release --product tolk

deps:
	@scripts/ensure-deps.sh

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

clean:
	rm -rf .build out $(VENV)

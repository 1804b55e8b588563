#!/usr/bin/env bash
# Every check the project has, as `make test` runs it: the Swift test suites (unit, property and CLI
# tests), the lexicon check, JSON Schema plus offset validation of every line the tests wrote, the
# coverage report of the seeds in headless Chromium, the coverage notebook, and the hostile-input suite
# (broken and gigantic input, a killed and resumed run).
set -euo pipefail
cd "$(dirname "$0")/.."

swift format lint --strict --recursive Sources Tests Package.swift Fuzz
swift build --build-tests
export TOLK_BINARY="$PWD/.build/debug/tolk"
TOLK_TEST_OUTPUT="$(mktemp -d)"
export TOLK_TEST_OUTPUT
trap 'rm -rf "$TOLK_TEST_OUTPUT"' EXIT

swift test --skip-build
"$TOLK_BINARY" lexicon check
"$TOLK_BINARY" annotate seeds --tokens all --quiet > "$TOLK_TEST_OUTPUT/make-annotate.jsonl"

# The coverage report of the seeds: the page in headless Chromium (screenshot in out/test/), the
# checker's own failure cases, and the notebook run headless against the same file.
"$TOLK_BINARY" compare "$TOLK_TEST_OUTPUT/make-annotate.jsonl" --output "$TOLK_TEST_OUTPUT/coverage"
mkdir -p out/test
.venv/bin/python scripts/check_report_html.py "$TOLK_TEST_OUTPUT/coverage/coverage.html" \
  --screenshot out/test/coverage.png --full-page out/test/coverage-full.png \
  --expect "English vs Norwegian coverage" --expect Nylander --expect Arreaza
.venv/bin/python scripts/check_report_html.py --self-test "$TOLK_TEST_OUTPUT/coverage/coverage.html"
.venv/bin/python scripts/run_notebook.py notebooks/coverage.ipynb \
  --annotations "$TOLK_TEST_OUTPUT/make-annotate.jsonl" --coverage "$TOLK_TEST_OUTPUT/coverage/coverage.json"

"$TOLK_BINARY" annotate Tests/Fixtures/langid/out-of-set.jsonl --tokens all --quiet > "$TOLK_TEST_OUTPUT/out-of-set.jsonl" || true
.venv/bin/python scripts/check_output.py "$TOLK_TEST_OUTPUT"/*.jsonl
scripts/check-langid-model.sh
scripts/check-ner-model.sh

# Hostile input, through the release build (a debug build takes many minutes on the 50 MB record):
# the committed small fixtures must match their generator, which writes the large ones to .build/hostile.
swift build -c release --product tolk
.venv/bin/python scripts/make_hostile.py --check
.venv/bin/python scripts/check_hostile.py --tolk .build/release/tolk

#!/usr/bin/env bash
# Every check the project has, as `make test` runs it: the Swift test suites (unit, property and CLI
# tests), the lexicon check, JSON Schema plus offset validation of every line the tests wrote, and
# the hostile-input suite (broken and gigantic input, a killed and resumed run).
set -euo pipefail
cd "$(dirname "$0")/.."

swift format lint --strict --recursive Sources Tests Package.swift
swift build --build-tests
export TOLK_BINARY="$PWD/.build/debug/tolk"
TOLK_TEST_OUTPUT="$(mktemp -d)"
export TOLK_TEST_OUTPUT
trap 'rm -rf "$TOLK_TEST_OUTPUT"' EXIT

swift test --skip-build
"$TOLK_BINARY" lexicon check
"$TOLK_BINARY" annotate seeds --tokens all --quiet > "$TOLK_TEST_OUTPUT/make-annotate.jsonl"

"$TOLK_BINARY" annotate Tests/Fixtures/langid/out-of-set.jsonl --tokens all --quiet > "$TOLK_TEST_OUTPUT/out-of-set.jsonl" || true
.venv/bin/python scripts/check_output.py "$TOLK_TEST_OUTPUT"/*.jsonl
scripts/check-langid-model.sh
scripts/check-ner-model.sh

# Hostile input, through the release build (a debug build takes many minutes on the 50 MB record):
# the committed small fixtures must match their generator, which writes the large ones to .build/hostile.
swift build -c release --product tolk
.venv/bin/python scripts/make_hostile.py --check
.venv/bin/python scripts/check_hostile.py --tolk .build/release/tolk

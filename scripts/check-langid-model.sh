#!/usr/bin/env bash
# Retrains the language-identification model from ../shared/data and the pinned wordfreq export, and
# checks that it is byte-identical to the committed lexicons/langid/model.bin.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/data/langid ]; then
  echo "check-langid-model: ../shared/data/langid is not here; skipping the retraining check" >&2
  exit 0
fi
swift build -c release --product tolk
.venv/bin/python scripts/export_wordfreq.py .build/wordfreq 2>/dev/null
trained="$(mktemp)"
trap 'rm -f "$trained"' EXIT
.build/release/tolk train langid --word-lists .build/wordfreq --output "$trained" 2>/dev/null
if cmp -s "$trained" lexicons/langid/model.bin; then
  echo "check-langid-model: retrained model is identical to lexicons/langid/model.bin"
else
  echo "check-langid-model: retraining gives a different model than lexicons/langid/model.bin; run make langid-model and commit it" >&2
  exit 1
fi

#!/usr/bin/env bash
# Relearns the word clusters and retrains the entity models from ../shared/data, and checks that they are
# byte-identical to the committed lexicons/ner/{clusters.tsv,no.bin,en.bin}.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/data/ner ]; then
  echo "check-ner-model: ../shared/data/ner is not here; skipping the retraining check" >&2
  exit 0
fi
swift build -c release --product tolk
trained="$(mktemp -d)"
trap 'rm -rf "$trained"' EXIT
.build/release/tolk train clusters --output "$trained/clusters.tsv" 2>/dev/null
.build/release/tolk train ner --output "$trained" --no-evaluation 2>/dev/null
status=0
for file in clusters.tsv no.bin en.bin; do
  if cmp -s "$trained/$file" "lexicons/ner/$file"; then
    echo "check-ner-model: retrained $file is identical to lexicons/ner/$file"
  else
    echo "check-ner-model: retraining gives a different $file than lexicons/ner/$file; run make ner-model and commit it" >&2
    status=1
  fi
done
exit $status

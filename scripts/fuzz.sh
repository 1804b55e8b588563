#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer target in Fuzz/ (every module instrumented, with the address
# sanitizer) and fuzzes the reader, pipeline and writer for FUZZ_SECONDS (default 600) on one core.
#
# The corpus lives in .build/fuzz-corpus and grows from run to run; it is seeded from the hostile
# fixtures, the sample articles and the kept crashers. A crasher goes to .build/fuzz-artifacts/;
# reproduce it with `.build/fuzz/release/TolkFuzz FILE`, shrink it with
# `.build/fuzz/release/TolkFuzz -minimize_crash=1 -runs=20000 FILE`, and keep it (fixed) in
# Tests/Fixtures/fuzz-crashers/, which FuzzCrasherTests runs.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-600}"
binary=.build/fuzz/release/TolkFuzz
corpus=.build/fuzz-corpus
artifacts=.build/fuzz-artifacts

# -sanitize must reach every module of the main package, hence the flags on the command line; lld
# because gold fails on the address sanitizer's symbols.
nice -n 10 swift build --package-path Fuzz --scratch-path .build/fuzz -c release --product TolkFuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld 2>&1 | grep -v "Cannot export local symbol" || true
test -x "$binary"

mkdir -p "$corpus" "$artifacts"
cp -n Tests/Fixtures/hostile/*.jsonl Tests/Fixtures/hostile/text-files/* seeds/* "$corpus"/
if compgen -G "Tests/Fixtures/fuzz-crashers/*" >/dev/null; then cp -n Tests/Fixtures/fuzz-crashers/* "$corpus"/; fi

# One process on one core (libFuzzer's default mode; -jobs/-workers would fork and only move the
# output into fuzz-0.log), below other work. The Swift runtime's backtracer would get in the way of
# the sanitizer's report, so it is off.
export SWIFT_BACKTRACE=enable=no
exec nice -n 10 "$binary" "$corpus" \
  -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-8192}" -timeout=30 -rss_limit_mb=4096 \
  -print_final_stats=1 -artifact_prefix="$artifacts/"

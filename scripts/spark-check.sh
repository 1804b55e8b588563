#!/usr/bin/env bash
# make spark-check: builds the statically linked tolk that examples/spark/annotate.py ships to Spark
# executors, then runs the job in local[2] mode and compares its output with a direct
# `tolk annotate` run byte for byte (scripts/spark_check.py). Installs Java (openjdk-17-jre-headless)
# with apt-get when it is missing and we run as root; otherwise names the command to run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing openjdk-17-jre-headless with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
  else
    echo "error: Spark needs Java 17 or newer; run: sudo apt-get install openjdk-17-jre-headless" >&2
    exit 1
  fi
fi

# The Swift runtime linked in (the binary still needs the nodes' libicu72: see the README).
swift build -c release --static-swift-stdlib --product tolk --scratch-path .build-static
# Spark binds to the machine's address otherwise; local mode needs no network.
export SPARK_LOCAL_IP=127.0.0.1
.venv/bin/python scripts/spark_check.py --tolk .build-static/release/tolk "$@"

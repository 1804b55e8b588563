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

# The Swift runtime and ICU linked in, so that nodes need only glibc and libstdc++ (see the README):
# the linker takes ICU's static archives (libicu-dev ships them) from a folder that holds only those.
icu_libraries="$(pkg-config --variable=libdir icu-uc 2>/dev/null || echo /usr/lib/x86_64-linux-gnu)"
mkdir -p .build-static/icu-static
for library in icui18n icuuc icudata; do
  ln -sf "$icu_libraries/lib$library.a" ".build-static/icu-static/lib$library.a"
done
swift build -c release --static-swift-stdlib --product tolk --scratch-path .build-static \
  -Xlinker -L"$PWD/.build-static/icu-static"
if ldd .build-static/release/tolk | grep -q libicu; then
  echo "error: .build-static/release/tolk links ICU dynamically; are $icu_libraries/libicu*.a there?" >&2
  exit 1
fi
# Spark binds to the machine's address otherwise; local mode needs no network.
export SPARK_LOCAL_IP=127.0.0.1
.venv/bin/python scripts/spark_check.py --tolk .build-static/release/tolk "$@"

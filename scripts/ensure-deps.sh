#!/usr/bin/env bash
# Checks what `make` needs that Swift packages cannot bring: the Swift toolchain and ICU's C headers
# (libicu-dev). Installs libicu-dev with apt-get when it is missing and we run as root; otherwise
# names the command to run.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "error: swift is not on PATH; install Swift 6.1 or newer (https://swift.org/install)" >&2
  exit 1
fi

if [ ! -f /usr/include/unicode/ubrk.h ] && ! pkg-config --exists icu-uc 2>/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing libicu-dev (ICU headers) with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev >/dev/null
  else
    echo "error: ICU development files are missing; run: sudo apt-get install libicu-dev" >&2
    exit 1
  fi
fi

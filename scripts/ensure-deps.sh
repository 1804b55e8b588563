#!/usr/bin/env bash
# Checks what `make` needs that Swift packages cannot bring: the Swift toolchain, ICU's C headers
# (libicu-dev) and, for the browser check of `tolk compare`'s HTML report, Debian's headless-capable
# `chromium`. Installs the missing Debian packages with apt-get when we run as root; otherwise names
# the command to run.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "error: swift is not on PATH; install Swift 6.1 or newer (https://swift.org/install)" >&2
  exit 1
fi

missing=()
if [ ! -f /usr/include/unicode/ubrk.h ] && ! pkg-config --exists icu-uc 2>/dev/null; then
  missing+=(libicu-dev)
fi
if ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium fonts-dejavu-core)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "error: missing Debian packages; run: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

#!/usr/bin/env bash
# Sets up a checkout on a fresh Debian/Ubuntu machine, idempotently (a rerun takes seconds):
#   1. npm dependencies, exactly as locked, without install scripts (see below);
#   2. the mediasoup worker binary (downloaded or built from source, cached outside the repo);
#   3. the Prisma client, generated offline (no native engines: WebAssembly + driver adapters).
# With --for-tests it also installs what the test suite needs from the system: Debian's Chromium
# (browser tests), ffmpeg (feeds real Opus RTP into the media tests), coturn (the TURN relay
# browser test starts its own turnserver on loopback) and Caddy (the cluster's front door in
# scripts/cluster.sh and its test). Without it, it still installs ffmpeg: the
# server records rooms with it.
#
# Why `npm ci --ignore-scripts`: the install scripts we depend on all try to download binaries
# (mediasoup's prebuilt worker, Prisma's engines). Offline that fails, online it is redundant with
# steps 2 and 3, and npm 11 skips them anyway unless approved. Skipping them everywhere makes the
# install behave the same on every machine and npm version.
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_PREFIX="[setup]"
# shellcheck source=lib/common.sh
. scripts/lib/common.sh
# shellcheck source=lib/apt.sh
. scripts/lib/apt.sh

for_tests=0
for arg in "$@"; do
  case "$arg" in
    --for-tests) for_tests=1 ;;
    *) die "unknown option: $arg" ;;
  esac
done

have node || die "Node.js 20.19+ is required (https://nodejs.org or your distribution's nodejs package)."
node_version="$(node -p 'process.versions.node')"
version_ge "$node_version" "20.19.0" || die "Node.js 20.19+ is required; found $node_version."

if [ "$for_tests" = 1 ] && { [ ! -x /usr/bin/chromium ] || ! have ffmpeg; }; then
  apt_available || die "The tests need Chromium (/usr/bin/chromium) and ffmpeg; install them with your package manager."
  apt_ensure chromium ffmpeg
fi

# ffmpeg (Debian's, with libopus) records rooms: the server writes each speaker with it and mixes
# the replay. Without it the app runs, and a host's "Record" is refused with a message saying so.
if [ "$for_tests" = 0 ] && ! have ffmpeg; then
  if apt_available && can_root; then
    apt_ensure ffmpeg
  else
    warn "ffmpeg is not installed and apt is unavailable here: recording rooms stays off until you install ffmpeg."
  fi
fi

# coturn is only needed by tests/e2e/turn-relay.test.ts. Without apt (another distribution) setup
# goes on and says so; that test then fails with the same instruction rather than passing unrun,
# since a TURN path that was never exercised must not look proven.
# A package the tests need that ships a system service (started at install on systemd machines):
# installed with apt, its service stopped, since the tests and cluster.sh run their own.
# Without apt, setup goes on and says what is missing.
ensure_test_service() { # package binary service warning
  have "$2" && return 0
  if apt_available && can_root; then
    apt_ensure "$1"
    if have systemctl && systemctl is-active --quiet "$3" 2>/dev/null; then
      as_root systemctl disable --now "$3" >/dev/null 2>&1 || true
    fi
  else
    warn "$4"
  fi
}

if [ "$for_tests" = 1 ]; then
  # coturn is only needed by tests/e2e/turn-relay.test.ts, which then fails with the same
  # instruction rather than passing unrun: a TURN path never exercised must not look proven.
  ensure_test_service coturn turnserver coturn \
    "coturn (turnserver) is not installed and apt is unavailable here: install coturn with your package manager, or tests/e2e/turn-relay.test.ts will fail."
  # Caddy is the front door of scripts/cluster.sh and of the front-door and drain tests.
  # docker-compose validates docker-compose.yml in tests/unit/compose-file.test.ts (no daemon needed).
  have docker-compose || { apt_available && can_root && apt_ensure docker-compose; } ||
    warn "docker-compose is not installed and apt is unavailable here: the compose file is checked without it."
  ensure_test_service caddy caddy caddy \
    "Caddy is not installed and apt is unavailable here: scripts/cluster.sh runs without its front door, and the front door and drain tests cannot run (install caddy)."
fi

# Fonts for the browser tests' screenshots: colour emoji (reactions) and CJK (Chinese text).
# Without them Chromium draws boxes; the tests pass either way, so this is best effort.
if [ "$for_tests" = 1 ] && { [ ! -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; }; then
  if apt_available && can_root; then
    apt_ensure fonts-noto-color-emoji fonts-wqy-microhei
  else
    warn "colour emoji and CJK fonts are missing: screenshots will show boxes for emoji and Chinese."
  fi
fi

lock_hash="$(sha256sum package-lock.json | cut -c1-16)"
stamp="node_modules/.audio-rooms-install-$lock_hash"
if [ ! -f "$stamp" ]; then
  log "npm ci (lockfile $lock_hash)"
  npm ci --ignore-scripts --no-audit --no-fund >&2
  touch "$stamp"
else
  log "npm dependencies up to date"
fi

bash scripts/mediasoup-worker/ensure-worker.sh >/dev/null

log "prisma generate"
npx --no-install prisma generate >/dev/null
log "setup done"

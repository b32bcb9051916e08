#!/usr/bin/env bash
# Build mediasoup's C++ worker from the sources shipped in the npm package,
# against Debian's libraries, with no network access beyond apt and pip.
# Called by ensure-worker.sh (read that first); not meant to be run by hand.
#
#   build-from-source.sh MEDIASOUP_DIR OUT_FILE STATE_DIR
#
# MEDIASOUP_DIR: node_modules/mediasoup. OUT_FILE: where the finished binary
# goes (written atomically: a reader never sees a half-copied file).
# STATE_DIR: a cache folder that outlives the build (holds the meson venv).
#
# This file and patches/mediasoup-<version>-*.patch make up the "recipe": the
# cache key of ensure-worker.sh hashes them, so editing either rebuilds.
#
# Why not mediasoup's own build (`npm run worker:build`)? It pip-installs an
# exact meson version and lets meson download OpenSSL, libuv, libsrtp3,
# usrsctp, abseil, flatbuffers and Catch2 from GitHub/wrapdb. Our machines
# reach only the npm registry and Debian's archive, so we use Debian's
# packages instead (patch 01) and build with --wrap-mode=nodownload.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG_PREFIX="[mediasoup-worker]"
# shellcheck source=../lib/common.sh
. "$SCRIPT_DIR/../lib/common.sh"
# shellcheck source=../lib/apt.sh
. "$SCRIPT_DIR/../lib/apt.sh"
cleanup_install

[ $# -eq 3 ] || die "usage: $0 MEDIASOUP_DIR OUT_FILE STATE_DIR"
MS_DIR="$1" OUT_FILE="$2" STATE_DIR="$3"
VERSION="$(node -p "require('$MS_DIR/package.json').version")"
# One job per core (the project's machines have 2); AUDIO_ROOMS_BUILD_JOBS overrides.
JOBS="${AUDIO_ROOMS_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"
BUILD_LOG="$(dirname "$OUT_FILE")/build.log"
DEB_SRC_FILE="audio-rooms-deb-src.sources"

# Debian packages the build needs: compiler + meson's backend (ninja), flatc to
# generate the FlatBuffers C++ headers, the libraries patch 01 switches to,
# python3-venv for a pip-installed meson, dpkg-dev for `apt-get source`.
BUILD_PACKAGES=(build-essential pkg-config ninja-build patch flatbuffers-compiler
  libflatbuffers-dev libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev
  python3-venv dpkg-dev)

install_build_packages() {
  if apt_available; then
    apt_ensure "${BUILD_PACKAGES[@]}"
  else
    warn "no apt here: assuming these (or equivalents) are installed: ${BUILD_PACKAGES[*]}"
  fi
}

# meson >= 1.1 is required by mediasoup's meson.build; bookworm ships 1.0.1.
# Sets MESON. Tries, in order: PATH, a venv in STATE_DIR (pip uses whatever
# index the machine's pip is configured with), bookworm-backports (1.7).
find_meson() {
  local venv="$STATE_DIR/meson-venv" py codename
  for MESON in "$(command -v meson || true)" "$venv/bin/meson"; do
    [ -n "$MESON" ] && [ -x "$MESON" ] && version_ge "$("$MESON" --version 2>/dev/null)" 1.1 && return 0
  done
  log "no meson >= 1.1 found: trying pip in a venv ($venv)"
  for py in python3 /usr/bin/python3; do
    rm -rf "$venv"
    # Output to a log, shown only on failure: pip warns once per retry about
    # every unreachable index, which is expected on our offline machines.
    if "$py" -m venv "$venv" >"$STATE_DIR/pip.log" 2>&1 </dev/null &&
      "$venv/bin/pip" install --disable-pip-version-check 'meson>=1.1' >>"$STATE_DIR/pip.log" 2>&1 </dev/null; then
      MESON="$venv/bin/meson"
      return 0
    fi
  done
  tail -n 5 "$STATE_DIR/pip.log" >&2 || true
  rm -rf "$venv"
  codename="$(os_release_field VERSION_CODENAME)"
  if apt_available && [ "$(os_release_field ID)" = debian ] && [ -n "$codename" ]; then
    log "pip had no meson: trying ${codename}-backports"
    apt_add_source audio-rooms-backports.sources "Types: deb
URIs: http://deb.debian.org/debian
Suites: ${codename}-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" || true
    apt_update_once
    apt_run -q -y -t "${codename}-backports" install meson
    MESON=/usr/bin/meson
    version_ge "$("$MESON" --version)" 1.1 && return 0
  fi
  die "could not get meson >= 1.1 (PATH, pip, backports all failed)"
}

# Debian's binary libsrtp2 is built with NSS crypto, which made SRTP cost
# ~2.5x the worker CPU compared to OpenSSL's AES (measured: 500 SRTP consumers
# 88% vs 31% of a core). So we fetch Debian's *source* package of the same
# libsrtp2 and let meson build it statically with crypto-library=openssl
# (patch 01 picks up worker/subprojects/libsrtp2 when it exists). On any
# failure we fall back to the system library: slower, but correct.
fetch_libsrtp2_source() {
  local dest="$1" dir src codename added=0
  apt_available || return 1
  codename="$(os_release_field VERSION_CODENAME)"
  # On Debian, add a deb-src entry in a file of our own (the machine's main
  # source list is never edited) and index it. Needs root; without it we can
  # still succeed if the machine already has deb-src entries.
  if [ "$(os_release_field ID)" = debian ] && [ -n "$codename" ] && can_root &&
    apt_add_source "$DEB_SRC_FILE" "Types: deb-src
URIs: http://deb.debian.org/debian
Suites: ${codename}
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"; then
    added=1
    apt_update_once || true
  fi
  dir="$(mktemp -d)"
  cleanup_add "$dir"
  get_source() { (cd "$dir" && apt-get source -q libsrtp2 </dev/null >"$dir/log" 2>&1); }
  # A stale or missing source index is the usual failure: refresh once, retry.
  if ! get_source; then
    if [ "$APT_LISTS_FRESH" = 0 ] && can_root; then apt_update_once || true; fi
    get_source || tail -n 5 "$dir/log" >&2 || true
  fi
  src="$(find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'libsrtp2-*' | head -n1)"
  if [ -n "$src" ] && [ -f "$src/meson.build" ]; then
    mv "$src" "$dest"
    log "libsrtp2: using Debian's source ($(basename "$src")), static, OpenSSL crypto"
  fi
  # Drop our deb-src entry again: it would only slow every later apt-get update.
  if [ "$added" = 1 ]; then apt_remove_source "$DEB_SRC_FILE"; fi
  [ -d "$dest" ]
}

main() {
  local patches=("$SCRIPT_DIR/patches/mediasoup-$VERSION-"*.patch)
  [ -f "${patches[0]}" ] ||
    die "no patches for mediasoup $VERSION in $SCRIPT_DIR/patches (they are version-specific: port them first)"

  local t0=$SECONDS
  mkdir -p "$STATE_DIR"
  install_build_packages
  find_meson
  log "meson $("$MESON" --version) at $MESON; building with $JOBS parallel jobs"

  local work
  work="$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-build.XXXXXX")"
  cleanup_add "$work"
  # Build from a copy: node_modules stays pristine (npm may verify or reuse it),
  # and out/ (where the link to the binary lives) is not part of the sources.
  cp -a "$MS_DIR/worker" "$work/worker"
  rm -rf "$work/worker/out" "$work/worker/prebuild"

  local p
  for p in "${patches[@]}"; do
    log "applying $(basename "$p")"
    # --fuzz=0: the patches target one exact mediasoup version; refuse to guess.
    patch -p1 -d "$work" --batch --fuzz=0 --no-backup-if-mismatch <"$p" >&2 ||
      die "patch $(basename "$p") does not apply to mediasoup $VERSION"
  done

  local srtp=static
  if ! fetch_libsrtp2_source "$work/worker/subprojects/libsrtp2"; then
    srtp=system
    warn "libsrtp2 source unavailable: linking Debian's libsrtp2 (NSS crypto, ~2.5x the SRTP CPU)"
  fi

  mkdir -p "$(dirname "$OUT_FILE")"
  : >"$BUILD_LOG"
  log "meson setup (log: $BUILD_LOG)"
  # --wrap-mode=nodownload: never fetch a subproject; fail instead.
  # --buildtype release -Db_ndebug=true: what upstream's release build uses.
  #   b_ndebug matters for correctness, not just speed: with asserts on, a
  #   FlatBuffers assertion aborts the worker on PlainTransport.connect() with
  #   comedia + SRTP.
  # -Dms_disable_liburing=true: the io_uring path needs a newer liburing than
  #   bookworm's 2.3 (upstream downloads its own); plain libuv I/O is used instead.
  (cd "$work/worker" && "$MESON" setup --wrap-mode=nodownload --buildtype release \
    -Db_ndebug=true -Dms_disable_liburing=true build) >>"$BUILD_LOG" 2>&1 </dev/null ||
    { tail -n 40 "$BUILD_LOG" >&2; die "meson setup failed (full log: $BUILD_LOG)"; }

  # Generate the FlatBuffers headers (FBS/*.h) first, as upstream's tasks.py
  # does: the worker's sources include them but meson does not declare that
  # dependency on every target, so a clean parallel build can fail on a
  # missing FBS/message.h.
  local target
  for target in flatbuffers-generator mediasoup-worker; do
    log "meson compile $target"
    # Every 50th ninja line ("[n/N] ...") goes to stderr as a progress beat.
    "$MESON" compile -C "$work/worker/build" -j "$JOBS" "$target" </dev/null 2>&1 |
      tee -a "$BUILD_LOG" | awk -v p="$LOG_PREFIX" 'NR % 50 == 0 && /^\[/ { print p "   " $1 > "/dev/stderr" }' ||
      { tail -n 40 "$BUILD_LOG" >&2; die "meson compile $target failed (full log: $BUILD_LOG)"; }
  done

  local bin="$work/worker/build/mediasoup-worker"
  [ -x "$bin" ] || die "build finished but $bin is missing"
  cp "$bin" "$OUT_FILE.tmp.$$"
  chmod 755 "$OUT_FILE.tmp.$$"
  mv -f "$OUT_FILE.tmp.$$" "$OUT_FILE"
  printf 'source=build libsrtp2=%s meson=%s seconds=%s built=%s\n' "$srtp" \
    "$("$MESON" --version)" "$((SECONDS - t0))" "$(date -u +%FT%TZ)" >"$(dirname "$OUT_FILE")/BUILD-INFO"
  log "built in $((SECONDS - t0)) s (libsrtp2: $srtp)"
}

main

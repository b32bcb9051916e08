#!/usr/bin/env bash
# OPT-IN variant of build-from-source.sh: the same worker, built with io_uring
# (liburing 2.9 from Debian trixie's source package, static). Called by
# ensure-worker.sh when MEDIASOUP_WORKER_IO_URING=1, with the same arguments:
#
#   build-io-uring.sh MEDIASOUP_DIR OUT_FILE STATE_DIR
#
# Why a wrapper and not an edit: build-from-source.sh and the patches are the
# default worker's cache key; changing a byte would rebuild every default
# worker. So this runs build-from-source.sh unchanged, with meson-shim.sh first
# on PATH as `meson` (it only flips -Dms_disable_liburing and supplies the
# liburing subproject). The files of this folder are this variant's recipe.
#
# Why trixie's source: mediasoup 3.19.3 wants liburing >= 2.5 (its wrap
# downloads 2.5 from GitHub, unreachable here); Debian bookworm ships 2.3.
# The source comes through a private apt configuration (own sources file,
# lists and cache folders), so the machine's apt setup is never touched.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG_PREFIX="[mediasoup-worker io_uring]"
# shellcheck source=../../lib/common.sh
. "$SCRIPT_DIR/../../lib/common.sh"
cleanup_install

[ $# -eq 3 ] || die "usage: $0 MEDIASOUP_DIR OUT_FILE STATE_DIR"
MS_DIR="$1" OUT_FILE="$2" STATE_DIR="$3"
LIBURING_VERSION=2.9

# fetch_liburing DEST: Debian's liburing source (orig tarball) extracted to DEST.
fetch_liburing() {
  local dest="$1" apt_dir
  [ -x "$dest/configure" ] && return 0
  have apt-get || die "apt-get is needed to fetch liburing's source"
  apt_dir="$(mktemp -d)"
  cleanup_add "$apt_dir"
  mkdir -p "$apt_dir/parts" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    >"$apt_dir/parts/trixie-src.sources"
  local opts=(-o "Dir::Etc::sourcelist=-" -o "Dir::Etc::sourceparts=$apt_dir/parts"
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -q)
  log "fetching liburing $LIBURING_VERSION source from Debian trixie (private apt config in $apt_dir)"
  apt-get "${opts[@]}" update </dev/null >"$apt_dir/log" 2>&1 || { tail -n 5 "$apt_dir/log" >&2; die "apt-get update (trixie deb-src) failed"; }
  # An exact version: apt-get source accepts pkg=version, not a wildcard.
  (cd "$apt_dir" && apt-get "${opts[@]}" source --download-only "liburing=$LIBURING_VERSION-1") </dev/null >>"$apt_dir/log" 2>&1 ||
    { tail -n 5 "$apt_dir/log" >&2; die "apt-get source liburing failed"; }
  mkdir -p "$dest.tmp.$$"
  tar -xzf "$apt_dir/liburing_$LIBURING_VERSION.orig.tar.gz" -C "$dest.tmp.$$" --strip-components=1
  rm -rf "$dest"
  mv "$dest.tmp.$$" "$dest"
}

# find_real_meson: a meson >= 1.1 that is not our shim (the default build's venv, or PATH).
find_real_meson() {
  local m
  for m in "$STATE_DIR/meson-venv/bin/meson" "$(command -v meson || true)"; do
    [ -n "$m" ] && [ -x "$m" ] && version_ge "$("$m" --version 2>/dev/null)" 1.1 && { echo "$m"; return 0; }
  done
  die "no meson >= 1.1: run scripts/mediasoup-worker/ensure-worker.sh (the default build) once first; it installs one"
}

main() {
  [ "$(uname -s)" = Linux ] || die "io_uring is Linux only"
  local kernel_major
  kernel_major="$(uname -r | cut -d. -f1)"
  [ "$kernel_major" -ge 6 ] || die "mediasoup enables io_uring on Linux >= 6 only (this is $(uname -r))"
  mkdir -p "$STATE_DIR"
  local src="$STATE_DIR/liburing-$LIBURING_VERSION-src"
  fetch_liburing "$src"
  local shim
  shim="$(mktemp -d)"
  cleanup_add "$shim"
  cp "$SCRIPT_DIR/meson-shim.sh" "$shim/meson"
  chmod 755 "$shim/meson"
  AUDIO_ROOMS_REAL_MESON="$(find_real_meson)" AUDIO_ROOMS_LIBURING_SRC="$src" AUDIO_ROOMS_LIBURING_MESON="$SCRIPT_DIR/liburing.meson.build" \
    PATH="$shim:$PATH" bash "$SCRIPT_DIR/../build-from-source.sh" "$MS_DIR" "$OUT_FILE" "$STATE_DIR"
  # The build log must show meson took the liburing path; otherwise this is a plain worker.
  grep -qi "subproject liburing" "$(dirname "$OUT_FILE")/build.log" || die "meson did not enable liburing (see build.log)"
  printf 'liburing=%s\n' "$LIBURING_VERSION" >>"$(dirname "$OUT_FILE")/BUILD-INFO"
  log "worker with io_uring (liburing $LIBURING_VERSION) at $OUT_FILE"
}

main

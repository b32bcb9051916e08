#!/usr/bin/env bash
# Make a working mediasoup-worker binary available to this checkout.
#
#   scripts/mediasoup-worker/ensure-worker.sh      (after `npm ci`)
#
# Why this exists: mediasoup's npm package holds the worker's C++ sources, and
# its postinstall normally downloads a prebuilt binary from GitHub or builds
# one while downloading dependencies. npm 11 does not run that postinstall by
# default, and our machines cannot reach GitHub anyway. Without a binary,
# createWorker() fails with `spawn .../mediasoup-worker ENOENT`.
#
# What it does, first success wins:
#   1. MEDIASOUP_WORKER_BIN set to a working binary: use it (mediasoup itself
#      prefers that variable at run time, so we must agree with it).
#   2. A cached binary for this mediasoup version and build recipe: use it.
#   3. A working worker already in node_modules (mediasoup's own postinstall
#      succeeded, e.g. on a machine with internet): adopt it into the cache.
#   4. mediasoup's prebuilt worker, downloaded from the same URL its
#      npm-scripts.mjs uses.
#   5. Build from source (build-from-source.sh, ~6-7 min on 2 cores).
# Then node_modules/mediasoup/worker/out/Release/mediasoup-worker is pointed
# at the binary (mediasoup's default path, so no env var is needed) and the
# last line of stdout is `MEDIASOUP_WORKER_BIN=<path>`. Logs go to stderr.
#
# Cache: ${AUDIO_ROOMS_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/audio-rooms}/
#   mediasoup-worker/<version>-<recipe hash>/mediasoup-worker
# outside the repo, so `npm ci`, fresh clones and CI runs on the same machine
# reuse it; a rerun takes about a second. The recipe hash covers
# build-from-source.sh and the version's patches: change them and it rebuilds.
#
# Opt-in variant: MEDIASOUP_WORKER_IO_URING=1 builds the worker with io_uring
# (io-uring/build-io-uring.sh: liburing 2.9 from Debian trixie's source) under
# its own cache key (<version>-io_uring-<hash of the default recipe + io-uring/*>);
# steps 3 and 4 are skipped for it (neither says whether it has io_uring). The
# default key and recipe are unchanged by it.
#
# Knobs: AUDIO_ROOMS_WORKER_NO_PREBUILT=1 skips step 4 (forces a source build);
# MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL as in mediasoup's own script;
# AUDIO_ROOMS_BUILD_JOBS sets the compile parallelism (default: nproc).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
LOG_PREFIX="[mediasoup-worker]"
# shellcheck source=../lib/common.sh
. "$SCRIPT_DIR/../lib/common.sh"
cleanup_install

MS_DIR="$ROOT/node_modules/mediasoup"
DEFAULT_BIN="$MS_DIR/worker/out/Release/mediasoup-worker"

# worker_runs BIN: the binary exists, all its shared libraries resolve, and it
# starts. Run with an empty environment it must exit with code 41 ("missing
# MEDIASOUP_VERSION", see worker/src/main.cpp): the same probe mediasoup's
# npm-scripts.mjs applies to a downloaded prebuilt binary.
worker_runs() {
  local bin="$1" rc=0
  [ -f "$bin" ] && [ -x "$bin" ] || return 1
  if have ldd && ldd "$bin" 2>&1 | grep -q 'not found'; then
    warn "$bin: missing shared libraries: $(ldd "$bin" 2>&1 | grep 'not found' | tr -s ' \t\n' ' ')"
    return 1
  fi
  env -i "$bin" </dev/null >/dev/null 2>&1 || rc=$?
  [ "$rc" -eq 41 ]
}

# install_into_cache SRC: copy SRC to the cache atomically (copy to a temp
# name in the same folder, then rename), so a concurrent or interrupted run
# never leaves a half-written binary behind.
install_into_cache() {
  mkdir -p "$KEY_DIR"
  cp "$1" "$CACHED_BIN.tmp.$$"
  chmod 755 "$CACHED_BIN.tmp.$$"
  mv -f "$CACHED_BIN.tmp.$$" "$CACHED_BIN"
  printf 'source=%s seconds=0 cached=%s\n' "$2" "$(date -u +%FT%TZ)" >"$KEY_DIR/BUILD-INFO"
}

# finish BIN: point mediasoup's default worker path at BIN and print the result.
finish() {
  local bin="$1"
  mkdir -p "$(dirname "$DEFAULT_BIN")"
  # When BIN *is* the default path (e.g. MEDIASOUP_WORKER_BIN set to it), a
  # symlink would point at itself: leave it.
  if [ "$(realpath -m "$bin")" != "$(realpath -m "$DEFAULT_BIN")" ]; then
    # A symlink keeps node_modules small and always follows the cache; a
    # rename makes the switch atomic for a server starting at the same time.
    ln -sfn "$bin" "$DEFAULT_BIN.tmp.$$"
    mv -Tf "$DEFAULT_BIN.tmp.$$" "$DEFAULT_BIN"
  fi
  log "worker ready: $bin"
  echo "MEDIASOUP_WORKER_BIN=$bin"
  exit 0
}

# Step 4. Name and URL are those of getWorkerPrebuildTarName() and
# downloadPrebuiltWorker() in mediasoup's npm-scripts.mjs (computed with Node's
# os module so platform/arch/kernel read exactly as mediasoup reads them).
try_prebuilt() {
  [ "${AUDIO_ROOMS_WORKER_NO_PREBUILT:-0}" = 1 ] && return 1
  have curl || return 1
  local url tmp
  # shellcheck disable=SC2016 # the ${...} below are JavaScript, not shell
  url="$(node -e '
    const os = require("os"), pkg = require(process.argv[1]);
    let name = `mediasoup-worker-${pkg.version}-${os.platform()}-${os.arch()}`;
    if (os.platform() === "linux") name += `-kernel${Number(os.release().split(".")[0])}`;
    const base = process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL ||
      `${pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "")}/releases/download`;
    console.log(`${base}/${pkg.version}/${name}.tgz`);' "$MS_DIR/package.json")"
  tmp="$(mktemp -d)"
  cleanup_add "$tmp"
  # Short timeouts: where GitHub is unreachable this must fail fast.
  if curl -fsSL --max-time 30 --connect-timeout 5 -o "$tmp/worker.tgz" "$url" 2>/dev/null &&
    tar -xzf "$tmp/worker.tgz" -C "$tmp" 2>/dev/null && worker_runs "$tmp/mediasoup-worker"; then
    log "using mediasoup's prebuilt worker from $url"
    install_into_cache "$tmp/mediasoup-worker" prebuilt
    return 0
  fi
  log "no usable prebuilt worker at $url: building from source"
  return 1
}

main() {
  [ -f "$MS_DIR/package.json" ] ||
    die "$MS_DIR not found: run \`npm ci\` (or \`npm install\`) in $ROOT first"
  have node || die "node is not on PATH"
  VERSION="$(node -p "require('$MS_DIR/package.json').version")"

  # Step 1: an explicit MEDIASOUP_WORKER_BIN wins, as it does inside mediasoup.
  if [ -n "${MEDIASOUP_WORKER_BIN:-}" ]; then
    if worker_runs "$MEDIASOUP_WORKER_BIN"; then
      log "using MEDIASOUP_WORKER_BIN"
      finish "$(realpath "$MEDIASOUP_WORKER_BIN")"
    fi
    warn "MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN does not run; ignoring it here," \
      "but mediasoup will still try it at run time: unset it or point it at the path printed below"
  fi

  local cache_root="${AUDIO_ROOMS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/audio-rooms}/mediasoup-worker"
  local recipe=("$SCRIPT_DIR/build-from-source.sh")
  local p
  for p in "$SCRIPT_DIR/patches/mediasoup-$VERSION-"*.patch; do
    [ -f "$p" ] && recipe+=("$p")
  done
  local variant="" builder="$SCRIPT_DIR/build-from-source.sh"
  if [ "${MEDIASOUP_WORKER_IO_URING:-0}" = 1 ]; then
    variant="-io_uring" builder="$SCRIPT_DIR/io-uring/build-io-uring.sh"
    recipe+=("$SCRIPT_DIR/io-uring/build-io-uring.sh" "$SCRIPT_DIR/io-uring/meson-shim.sh" "$SCRIPT_DIR/io-uring/liburing.meson.build")
  fi
  KEY_DIR="$cache_root/$VERSION$variant-$(recipe_hash "${recipe[@]}")"
  CACHED_BIN="$KEY_DIR/mediasoup-worker"

  # Step 2: the cache. Safe to read without the lock: entries appear by rename.
  worker_runs "$CACHED_BIN" && finish "$CACHED_BIN"

  # Everything below may take minutes: serialize concurrent runs (say, two
  # terminals or CI jobs on one machine) so only one of them builds.
  mkdir -p "$cache_root"
  if have flock; then
    exec 9>"$cache_root/.lock$variant"
    flock 9 || true
    worker_runs "$CACHED_BIN" && finish "$CACHED_BIN" # built while we waited
  fi

  # Step 3: mediasoup's own postinstall already produced a working worker.
  if [ -z "$variant" ] && [ ! -L "$DEFAULT_BIN" ] && worker_runs "$DEFAULT_BIN"; then
    log "adopting the worker already in node_modules"
    install_into_cache "$DEFAULT_BIN" node_modules
    finish "$CACHED_BIN"
  fi

  # Steps 4 and 5.
  [ -z "$variant" ] && try_prebuilt && finish "$CACHED_BIN"
  log "building mediasoup $VERSION worker$variant from source (takes ~6-7 min on 2 cores)"
  bash "$builder" "$MS_DIR" "$CACHED_BIN" "$cache_root"
  worker_runs "$CACHED_BIN" || die "the freshly built worker at $CACHED_BIN does not run"
  finish "$CACHED_BIN"
}

main "$@"

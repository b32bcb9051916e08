# shellcheck shell=bash
# Small helpers shared by the project's bash scripts. Source this file; it
# defines functions only and has no side effects.
#
# Logging goes to stderr so that a script's stdout stays free for its result
# (e.g. the `MEDIASOUP_WORKER_BIN=...` line of ensure-worker.sh).
# Set LOG_PREFIX before sourcing (or any time) to tag the lines.

: "${LOG_PREFIX:=[audio-rooms]}"

log() { printf '%s %s\n' "$LOG_PREFIX" "$*" >&2; }
warn() { printf '%s WARNING: %s\n' "$LOG_PREFIX" "$*" >&2; }
die() {
  printf '%s ERROR: %s\n' "$LOG_PREFIX" "$*" >&2
  exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# version_ge A B: true when version A >= version B (dotted, compared by sort -V).
version_ge() {
  [ -n "$1" ] || return 1
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# recipe_hash FILE...: short sha256 over the base names and contents of the
# given files, in the given order. Used as a cache key: any change to a
# recipe file gives a new key and therefore a fresh build.
recipe_hash() {
  local f
  for f in "$@"; do
    printf '== %s\n' "$(basename "$f")"
    cat "$f"
  done | sha256sum | cut -c1-12
}

# can_root: true when as_root would work without prompting.
can_root() { [ "$(id -u)" -eq 0 ] || { have sudo && sudo -n true 2>/dev/null; }; }

# as_root CMD...: run a command as root: directly when we are root, through
# non-interactive sudo otherwise (never prompts: CI has no stdin).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif can_root; then
    sudo -n "$@"
  else
    die "need root (or password-less sudo) to run: $*"
  fi
}

# cleanup_add PATH: remove PATH (recursively) when the script exits, however
# it exits. Call cleanup_install once per script to arm the trap.
CLEANUP_PATHS=()
cleanup_add() { CLEANUP_PATHS+=("$1"); }
cleanup_run() {
  local p
  for p in "${CLEANUP_PATHS[@]+"${CLEANUP_PATHS[@]}"}"; do
    if [ -n "$p" ]; then rm -rf -- "$p" 2>/dev/null || true; fi
  done
}
cleanup_install() { trap cleanup_run EXIT; }

#!/usr/bin/env bash
# A `meson` that build-io-uring.sh puts first on PATH while build-from-source.sh
# runs, so the default recipe (whose bytes are the default cache key) stays
# untouched. It changes exactly one thing: `meson setup` of the mediasoup
# worker gets liburing (2.9, from Debian's source) instead of
# -Dms_disable_liburing=true. Every other call goes to the real meson as is.
#
# Env: AUDIO_ROOMS_REAL_MESON (the real meson), AUDIO_ROOMS_LIBURING_SRC
# (an extracted liburing source tree), AUDIO_ROOMS_LIBURING_MESON (the
# subproject's meson.build).
set -euo pipefail
: "${AUDIO_ROOMS_REAL_MESON:?}" "${AUDIO_ROOMS_LIBURING_SRC:?}" "${AUDIO_ROOMS_LIBURING_MESON:?}"

if [ "${1:-}" = setup ] && [ -f meson_options.txt ] && grep -q ms_disable_liburing meson_options.txt; then
  args=()
  for a in "$@"; do
    [ "$a" = -Dms_disable_liburing=true ] && a=-Dms_disable_liburing=false
    args+=("$a")
  done
  # The worker's liburing.wrap points at GitHub; with it gone meson uses
  # subprojects/liburing, our copy (meson runs with --wrap-mode=nodownload).
  rm -f subprojects/liburing.wrap
  rm -rf subprojects/liburing
  cp -a "$AUDIO_ROOMS_LIBURING_SRC" subprojects/liburing
  cp "$AUDIO_ROOMS_LIBURING_MESON" subprojects/liburing/meson.build
  # --use-libc: liburing's default on x86-64 is a -nostdlib build, which is
  # meant for its own shared library; linked into a C++ program, libc is simpler.
  (cd subprojects/liburing && ./configure --use-libc) >&2
  exec "$AUDIO_ROOMS_REAL_MESON" "${args[@]}"
fi
exec "$AUDIO_ROOMS_REAL_MESON" "$@"

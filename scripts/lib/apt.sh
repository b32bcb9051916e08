# shellcheck shell=bash
# apt helpers for Debian-based machines (developers' boxes, CI). Source after
# common.sh. Everything is non-interactive: CI runs with no stdin, so apt must
# never ask a question (DEBIAN_FRONTEND=noninteractive, -y).

APT_LISTS_FRESH=0

apt_available() { have apt-get && have dpkg-query; }

apt_run() {
  # apt's progress goes to stderr: stdout is reserved for the calling script's result.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get "$@" </dev/null >&2
}

# apt_update_once: `apt-get update` at most once per script run (it costs a few
# seconds and is only needed when something must be installed or a source was
# added). apt_add_source resets the flag so the new source gets indexed.
apt_update_once() {
  [ "$APT_LISTS_FRESH" = 1 ] && return 0
  log "apt-get update"
  apt_run -q update
  APT_LISTS_FRESH=1
}

# apt_missing PKG...: print the packages (one a line) that are not installed.
apt_missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

# apt_ensure PKG...: install the packages that are missing; a no-op (no
# network, no root needed) when all are present already.
apt_ensure() {
  local missing
  missing="$(apt_missing "$@" | tr '\n' ' ')"
  [ -z "${missing// /}" ] && return 0
  log "installing with apt: $missing"
  apt_update_once
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  apt_run -q -y --no-install-recommends install $missing
}

# apt_add_source NAME CONTENT: write /etc/apt/sources.list.d/NAME (deb822
# format) unless it already holds exactly CONTENT. Returns 0 if it wrote.
apt_add_source() {
  local file="/etc/apt/sources.list.d/$1" content="$2"
  if [ -f "$file" ] && [ "$(cat "$file")" = "$content" ]; then
    return 1
  fi
  printf '%s\n' "$content" | as_root tee "$file" >/dev/null
  APT_LISTS_FRESH=0
  return 0
}

apt_remove_source() { as_root rm -f "/etc/apt/sources.list.d/$1"; }

# os_release_field KEY: a field of /etc/os-release (ID, VERSION_CODENAME...).
os_release_field() {
  [ -r /etc/os-release ] || return 0
  (
    # shellcheck disable=SC1091
    . /etc/os-release
    eval "printf '%s' \"\${$1:-}\""
  )
}

# shellcheck shell=bash
# The cluster's front door on one machine (scripts/cluster.sh): a Caddyfile for Caddy over plain
# HTTP in front of local nodes. Source this file; it defines functions only.
#
# The reverse_proxy block is taken from deploy/Caddyfile, the compose deployment's front door,
# with only the upstreams replaced: the balancing (least_conn), the retries and the readiness
# checks on /api/ready are the same in both places by construction, not by copy.

# front_door_caddyfile LISTEN UPSTREAM...: prints a Caddyfile listening on LISTEN (host:port)
# and proxying to the UPSTREAMs (host:port each). Run from the repository root.
front_door_caddyfile() {
  local listen="$1"
  shift
  local block
  block="$(sed -n '/^\treverse_proxy /,/^\t}$/p' deploy/Caddyfile)"
  if [ -z "$block" ]; then
    echo "front_door_caddyfile: no reverse_proxy block in deploy/Caddyfile" >&2
    return 1
  fi
  printf '%s\n' \
    "# Written by scripts/cluster.sh from deploy/Caddyfile's reverse_proxy block; do not edit." \
    "{" \
    "	# Plain HTTP on one machine: no certificates, no admin API (Ctrl-C stops it)." \
    "	auto_https off" \
    "	admin off" \
    "}" \
    "# Any Host (localhost, 127.0.0.1, this machine's name), on the given address only." \
    "http://:${listen##*:} {" \
    "	bind ${listen%:*}"
  # The first line names the upstreams; the options below it are deploy/Caddyfile's own.
  printf '\treverse_proxy %s {\n' "$*"
  printf '%s\n' "$block" | sed '1d'
  printf '}\n'
}

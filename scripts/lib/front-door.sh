# shellcheck shell=bash
# The cluster's front door on one machine (scripts/cluster.sh): a Caddyfile for Caddy over plain
# HTTP in front of local nodes. Source this file; it defines functions only.
#
# The site's body is taken from deploy/Caddyfile, the compose deployment's front door, with only
# the upstreams of each reverse_proxy replaced: the balancing (least_conn), the retries, the
# readiness checks on /api/ready and the fallback when no node is ready are the same in both
# places by construction, not by copy.

# front_door_caddyfile LISTEN UPSTREAM...: prints a Caddyfile listening on LISTEN (host:port)
# and proxying to the UPSTREAMs (host:port each). Run from the repository root.
front_door_caddyfile() {
  local listen="$1"
  shift
  local body
  # Between the site's opening line and its closing brace, without them.
  body="$(sed -n '/^{\$DOMAIN} {$/,/^}$/p' deploy/Caddyfile | sed '1d;$d')"
  if ! printf '%s\n' "$body" | grep -q $'^\treverse_proxy '; then
    echo "front_door_caddyfile: no site with a reverse_proxy in deploy/Caddyfile" >&2
    return 1
  fi
  printf '%s\n' \
    "# Written by scripts/cluster.sh from deploy/Caddyfile's site, with local upstreams; do not edit." \
    "{" \
    "	# Plain HTTP on one machine: no certificates, no admin API (Ctrl-C stops it)." \
    "	auto_https off" \
    "	admin off" \
    "}" \
    "# Any Host (localhost, 127.0.0.1, this machine's name), on the given address only." \
    "http://:${listen##*:} {" \
    "	bind ${listen%:*}"
  # `reverse_proxy [@matcher] <upstreams> {`: the upstreams become ours, the rest stays as is.
  printf '%s\n' "$body" | sed -E "s/^(\t+reverse_proxy( @[A-Za-z0-9_]+)?) [^{]+ \{$/\1 $* {/"
  printf '}\n'
}

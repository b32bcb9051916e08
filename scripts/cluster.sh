#!/usr/bin/env bash
# Cluster mode on one machine, without Docker: N nodes (default 3) of the app as separate
# processes, each on its own HTTP port and its own media ports, sharing the local PostgreSQL (a
# database of their own, created if missing) and the local Redis, behind a front door: Caddy on
# HTTP_BASE_PORT, the compose deployment's reverse proxy over plain HTTP. Ctrl-C stops them all.
#
#   bash scripts/cluster.sh            # front door http://localhost:3100; nodes :3101, :3102, :3103
#   NODES=2 bash scripts/cluster.sh    # 2 nodes
#   SKIP_BUILD=1 bash scripts/cluster.sh   # reuse the last `next build`
#   FRONT_DOOR=0 bash scripts/cluster.sh   # the nodes only
#
# Node i listens on HTTP_BASE_PORT+i and its media worker(s) on MEDIA_BASE_PORT + 100*i + w
# (UDP and TCP; up to 100 workers per node, so the ranges never overlap). The front door sends
# each newcomer to the ready node with the fewest open connections (deploy/Caddyfile's
# reverse_proxy block: least_conn, /api/ready checks); without Caddy installed it is skipped and
# the nodes still start. Logs: .cluster/node-i.log, .cluster/front-door.log.
set -euo pipefail
cd "$(dirname "$0")/.."

NODES="${NODES:-3}"
HTTP_BASE_PORT="${HTTP_BASE_PORT:-3100}"
MEDIA_BASE_PORT="${MEDIA_BASE_PORT:-41000}"
WORKERS_PER_NODE="${WORKERS_PER_NODE:-1}"
POSTGRES_ADMIN_URL="${POSTGRES_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
CLUSTER_DATABASE="${CLUSTER_DATABASE:-audio_rooms_cluster}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
FRONT_DOOR="${FRONT_DOOR:-1}"
FRONT_DOOR_HOST="${FRONT_DOOR_HOST:-127.0.0.1}"
LOG_DIR=".cluster"
# shellcheck source=lib/front-door.sh
. scripts/lib/front-door.sh

if ! [[ "$NODES" =~ ^[1-9][0-9]?$ ]]; then echo "[cluster] NODES must be 1..99" >&2; exit 1; fi
if (( WORKERS_PER_NODE < 1 || WORKERS_PER_NODE > 100 )); then
  echo "[cluster] WORKERS_PER_NODE must be 1..100 (each node has 100 media ports)" >&2
  exit 1
fi

# Both services must answer before any node starts (a node refuses to start without them anyway).
if ! psql "$POSTGRES_ADMIN_URL" -tAc "SELECT 1" >/dev/null 2>&1; then
  echo "[cluster] PostgreSQL is not reachable at $POSTGRES_ADMIN_URL (set POSTGRES_ADMIN_URL)" >&2
  exit 1
fi
if ! node -e '
  const { createClient } = require("redis");
  const c = createClient({ url: process.argv[1], socket: { reconnectStrategy: false } });
  c.on("error", () => {});
  c.connect().then(() => c.ping()).then(() => { c.destroy(); process.exit(0); }, () => process.exit(1));
' "$REDIS_URL"; then
  echo "[cluster] Redis is not reachable at $REDIS_URL (set REDIS_URL)" >&2
  exit 1
fi
if [ "$(psql "$POSTGRES_ADMIN_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$CLUSTER_DATABASE'")" != "1" ]; then
  echo "[cluster] creating database $CLUSTER_DATABASE" >&2
  psql "$POSTGRES_ADMIN_URL" -qc "CREATE DATABASE \"$CLUSTER_DATABASE\"" >/dev/null
fi
DATABASE_URL="${POSTGRES_ADMIN_URL%/*}/$CLUSTER_DATABASE"

bash scripts/setup.sh
export NEXT_TELEMETRY_DISABLED=1
if [ "${SKIP_BUILD:-0}" != "1" ] || [ ! -f .next/BUILD_ID ]; then
  echo "[cluster] building the web app (next build)" >&2
  npx --no-install next build >&2
fi

mkdir -p "$LOG_DIR"
pids=()
stop_all() {
  trap - INT TERM EXIT
  echo "[cluster] stopping ${#pids[@]} process(es)" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop_all INT TERM EXIT

# One data folder for every node (avatars, recordings): the front door may send any request to
# any node, so a file one node wrote must be there for the others. Media ports are per node.
mkdir -p "$LOG_DIR/data"
upstreams=()
for ((i = 1; i <= NODES; i++)); do
  port=$((HTTP_BASE_PORT + i))
  upstreams+=("localhost:$port")
  NODE_ENV=production PORT="$port" NODE_ID="node-$i" NODE_URL="http://localhost:$port" \
    DATA_DIR="$LOG_DIR/data" DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" \
    MEDIA_PORT=$((MEDIA_BASE_PORT + 100 * i)) MEDIA_WORKERS="$WORKERS_PER_NODE" \
    node --import tsx --conditions=react-server server/index.ts >"$LOG_DIR/node-$i.log" 2>&1 &
  pids+=("$!")
  echo "[cluster] node-$i: http://localhost:$port (media ports $((MEDIA_BASE_PORT + 100 * i))+, log $LOG_DIR/node-$i.log)" >&2
done
if [ "$FRONT_DOOR" != "1" ]; then
  echo "[cluster] front door off (FRONT_DOOR=0): use the nodes' own URLs" >&2
elif ! command -v caddy >/dev/null 2>&1; then
  echo "[cluster] caddy is not installed: front door skipped, use the nodes' own URLs" \
    "(apt-get install caddy, or bash scripts/setup.sh --for-tests)" >&2
else
  front_door_caddyfile "$FRONT_DOOR_HOST:$HTTP_BASE_PORT" "${upstreams[@]}" >"$LOG_DIR/Caddyfile"
  # Caddy's own files (it keeps none that matter over plain HTTP) stay in .cluster/, not in ~.
  XDG_DATA_HOME="$PWD/$LOG_DIR/caddy" XDG_CONFIG_HOME="$PWD/$LOG_DIR/caddy" \
    caddy run --config "$LOG_DIR/Caddyfile" --adapter caddyfile >"$LOG_DIR/front-door.log" 2>&1 &
  pids+=("$!")
  echo "[cluster] front door: http://localhost:$HTTP_BASE_PORT -> ${upstreams[*]} (least_conn," \
    "ready nodes only; Caddyfile and log in $LOG_DIR/)" >&2
fi
echo "[cluster] $NODES node(s) on database $CLUSTER_DATABASE and $REDIS_URL; Ctrl-C stops them all" >&2
# A node that exits on its own (a bad setting, a crash) ends the whole cluster, so nothing is left half up.
wait -n
echo "[cluster] a node or the front door exited; see $LOG_DIR/*.log" >&2

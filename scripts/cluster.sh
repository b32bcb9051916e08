#!/usr/bin/env bash
# Cluster mode on one machine, without Docker: N nodes (default 3) of the app as separate
# processes, each on its own HTTP port and its own media ports, sharing the local PostgreSQL (a
# database of their own, created if missing) and the local Redis. Ctrl-C stops them all.
#
#   bash scripts/cluster.sh            # 3 nodes: http://localhost:3101, :3102, :3103
#   NODES=2 bash scripts/cluster.sh    # 2 nodes
#   SKIP_BUILD=1 bash scripts/cluster.sh   # reuse the last `next build`
#
# Node i listens on HTTP_BASE_PORT+i and its media worker(s) on MEDIA_BASE_PORT + 100*i + w
# (UDP and TCP; up to 100 workers per node, so the ranges never overlap). Logs: .cluster/node-i.log.
set -euo pipefail
cd "$(dirname "$0")/.."

NODES="${NODES:-3}"
HTTP_BASE_PORT="${HTTP_BASE_PORT:-3100}"
MEDIA_BASE_PORT="${MEDIA_BASE_PORT:-41000}"
WORKERS_PER_NODE="${WORKERS_PER_NODE:-1}"
POSTGRES_ADMIN_URL="${POSTGRES_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
CLUSTER_DATABASE="${CLUSTER_DATABASE:-audio_rooms_cluster}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
LOG_DIR=".cluster"

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
  echo "[cluster] stopping ${#pids[@]} node(s)" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop_all INT TERM EXIT

for ((i = 1; i <= NODES; i++)); do
  port=$((HTTP_BASE_PORT + i))
  # Each node has its own data folder (avatars) and media ports; the database and Redis are shared.
  mkdir -p "$LOG_DIR/node-$i"
  NODE_ENV=production PORT="$port" NODE_ID="node-$i" NODE_URL="http://localhost:$port" \
    DATA_DIR="$LOG_DIR/node-$i" DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" \
    MEDIA_PORT=$((MEDIA_BASE_PORT + 100 * i)) MEDIA_WORKERS="$WORKERS_PER_NODE" \
    node --import tsx --conditions=react-server server/index.ts >"$LOG_DIR/node-$i.log" 2>&1 &
  pids+=("$!")
  echo "[cluster] node-$i: http://localhost:$port (media ports $((MEDIA_BASE_PORT + 100 * i))+, log $LOG_DIR/node-$i.log)" >&2
done
echo "[cluster] $NODES node(s) on database $CLUSTER_DATABASE and $REDIS_URL; Ctrl-C stops them all" >&2
# A node that exits on its own (a bad setting, a crash) ends the whole cluster, so nothing is left half up.
wait -n
echo "[cluster] a node exited; see $LOG_DIR/node-*.log" >&2

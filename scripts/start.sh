#!/usr/bin/env bash
# One command from a fresh clone to a running app on http://localhost:3000 with the embedded
# database in ./.data (set DATABASE_URL=postgresql://... to use PostgreSQL instead).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NEXT_TELEMETRY_DISABLED=1
echo "[start] building the web app (next build)" >&2
npx --no-install next build >&2
echo "[start] starting on http://localhost:${PORT:-3000}" >&2
NODE_ENV=production exec node --import tsx --conditions=react-server server/index.ts

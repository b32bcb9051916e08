#!/usr/bin/env bash
# One command from a fresh clone to the whole test suite: setup (with Chromium), type check,
# production build, unit + integration + media tests (against the embedded database and, when
# reachable or on CI, PostgreSQL at 127.0.0.1:5432), then the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser

export CI="${CI:-}"
if [ -n "$CI" ]; then export TEST_POSTGRES=1; fi

passed=0
failed=0
step() {
  local name="$1"
  shift
  echo "::: $name" >&2
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "::: FAILED: $name" >&2; fi
}

step "type check" npx --no-install tsc --noEmit -p tsconfig.json
step "next build" npx --no-install next build
step "unit, integration and media tests" npx --no-install vitest run
step "browser tests" npx --no-install vitest run --config vitest.e2e.config.ts

echo "test steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# One command from a fresh clone to the whole test suite: setup (with Chromium and ffmpeg), format check,
# lint, type check, production build, unit + integration + media tests (against the embedded database and,
# when reachable or on CI, PostgreSQL at 127.0.0.1:5432), then the browser tests.
# Screenshots and reports land in test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --for-tests
export NEXT_TELEMETRY_DISABLED=1
if [ -n "${CI:-}" ]; then export TEST_POSTGRES=1; fi
mkdir -p test-artifacts
rm -f test-artifacts/vitest-*.json

failed_steps=()
step() {
  local name="$1"
  shift
  echo "::: $name" >&2
  "$@" || failed_steps+=("$name")
}

step "format check" npx --no-install prettier --check .
step "lint" npx --no-install eslint . --max-warnings 0
step "type check" npx --no-install tsc --noEmit -p tsconfig.json
step "next build" npx --no-install next build
step "unit, integration and media tests" npx --no-install vitest run \
  --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest-server.json
step "browser tests" npx --no-install vitest run --config vitest.e2e.config.ts \
  --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest-e2e.json

# One closing line with the test counts of every vitest run.
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of fs.readdirSync("test-artifacts").filter((n) => /^vitest-.*\.json$/.test(n))) {
    const r = JSON.parse(fs.readFileSync("test-artifacts/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
'
if [ "${#failed_steps[@]}" -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}" >&2
  exit 1
fi

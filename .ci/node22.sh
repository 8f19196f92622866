# Sourced by .ci/run: makes `node` on PATH Node 22.12 or later (Shotput's history uses
# node:sqlite). A machine whose own node is older gets Node 22 from the npm registry's `node`
# package (it ships the binary), installed once into /opt/shotput-node when run as root (a place
# every user can run it from: a test runs the CLI as another user), else ~/.cache/shotput-node,
# or $SHOTPUT_NODE_PREFIX.
node_is_recent() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}
if ! node_is_recent; then
  if [ "$(id -u)" -eq 0 ]; then shotput_node_default=/opt/shotput-node; else shotput_node_default="$HOME/.cache/shotput-node"; fi
  shotput_node_prefix="${SHOTPUT_NODE_PREFIX:-$shotput_node_default}"
  if ! PATH="$shotput_node_prefix/node_modules/.bin:$PATH" node_is_recent; then
    echo "Node $(node --version 2>/dev/null || echo '(none)') is too old; installing Node 22 into $shotput_node_prefix" >&2
    npm install --prefix "$shotput_node_prefix" --no-save --no-audit --no-fund node@22
  fi
  export PATH="$shotput_node_prefix/node_modules/.bin:$PATH"
  if ! node_is_recent; then
    echo "Shotput needs Node 22.12 or later, and it could not be installed into $shotput_node_prefix." >&2
    exit 1
  fi
fi
echo "Node $(node --version) at $(command -v node)" >&2

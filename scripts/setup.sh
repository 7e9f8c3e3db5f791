#!/usr/bin/env bash
# Sourced by the project's commands: Node 24 on PATH, then the npm packages of package-lock.json
# when node_modules is missing or older than the lock.
source "$(dirname "${BASH_SOURCE[0]}")/node24.sh"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund || exit 1
fi

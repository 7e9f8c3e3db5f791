#!/usr/bin/env bash
# The one-command demo: simulator + pinned n8n with the package, credential and examples; prints
# the editor URL and the owner login. First run installs n8n (a few minutes); Ctrl-C stops all.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
bash scripts/n8n-host.sh > /dev/null || exit 1
exec node e2e/demo.js "$@"

#!/usr/bin/env bash
# Starts the local ECTicket simulator (flags: see `bash scripts/simulator.sh --help`).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
exec node -r ts-node/register/transpile-only simulator/cli.js "$@"

#!/usr/bin/env bash
# The benchmark suite (bench/README.md), on Node 24:
#   bash scripts/bench.sh            full run, about 13 minutes on 2 cores (installs the pinned n8n on first use)
#   bash scripts/bench.sh --smoke    a few seconds: protocol, batch and scaling at tiny sizes (for CI)
# Prints the table; results in bench/results/ (git-ignored).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
exec node bench/run.js "$@"

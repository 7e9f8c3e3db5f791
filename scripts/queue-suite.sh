#!/usr/bin/env bash
# The queue-mode suite (e2e/queue/run.js): the packed package on n8n's queue mode — Postgres, Redis,
# one main, two workers, two webhook processors (scripts/queue.sh) — against the simulator.
# About 8 minutes on 2 cores; installs n8n (first use) and Debian's postgresql + redis-server if
# missing. Ends with "N passed, N failed"; the stack is always taken down, also on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
bash scripts/n8n-host.sh > /dev/null || exit 1
trap 'bash scripts/queue.sh down > /dev/null 2>&1' EXIT
node e2e/queue/run.js "$@"

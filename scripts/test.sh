#!/usr/bin/env bash
# The project's test command (the README's): installs what it needs on a fresh machine, then
# lint, build, package check, n8n's community-package scanner rules, type check, the jest suites,
# the end-to-end suite (ECTICKET_E2E=0 skips it) and the queue-mode suite (ECTICKET_QUEUE=0 skips
# it). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

passed=0
failed=0
step() { # step NAME COMMAND...: a check that counts as one test
	local name=$1; shift
	echo "== $name"
	if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failed=$((failed + 1)); fi
}

echo "node $(node --version), npm $(npm --version)"

step "n8n-node lint (strict, stock config)" npx n8n-node lint
step "build" npm run build
step "npm pack contains only what n8n needs" node scripts/check-pack.js
step "n8n community-package scanner rules on the packed tarball" node scripts/scan-package.js
step "type check (tests, simulator, package)" npm run typecheck
step "benchmark smoke run (under a minute; the full run is npm run bench)" node bench/run.js --smoke --skip-n8n

rm -f .jest-results.json
npx jest --ci --json --outputFile=.jest-results.json "$@"
jest_rc=$?
if [ -f .jest-results.json ]; then
	read -r jp jf <<<"$(node -p 'const r=require("./.jest-results.json"); r.numPassedTests+" "+(r.numFailedTests+r.numRuntimeErrorTestSuites)')"
	passed=$((passed + jp)); failed=$((failed + jf))
elif [ $jest_rc -ne 0 ]; then
	failed=$((failed + 1))
fi
[ $jest_rc -eq 0 ] || [ "$failed" -gt 0 ] || failed=1

# The node, credential, reliability and trigger suites once more against the simulator's second
# dialect, which answers every inferred fact the other plausible way (simulator/README.md).
echo "== the node's suites against the simulator's alt dialect"
rm -f .jest-alt-results.json
ECTICKET_SIM_DIALECT=alt npx jest --ci --json --outputFile=.jest-alt-results.json test/node test/credentials test/reliability test/trigger "$@"
alt_rc=$?
ap=0; af=0
if [ -f .jest-alt-results.json ]; then
	read -r ap af <<<"$(node -p 'const r=require("./.jest-alt-results.json"); r.numPassedTests+" "+(r.numFailedTests+r.numRuntimeErrorTestSuites)')"
fi
[ $alt_rc -eq 0 ] || [ "$af" -gt 0 ] || af=1
passed=$((passed + ap)); failed=$((failed + af))

if [ "${ECTICKET_E2E:-1}" != 0 ]; then
	echo "== end-to-end: the package in a real n8n, and the editor in Chromium"
	bash scripts/e2e.sh 2>&1 | tee .e2e-results.log
	e2e_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' .e2e-results.log | tail -1)
	if [ -n "$e2e_line" ]; then
		passed=$((passed + $(echo "$e2e_line" | cut -d' ' -f1)))
		failed=$((failed + $(echo "$e2e_line" | cut -d' ' -f3)))
	else
		failed=$((failed + 1))
	fi
	step "benchmark smoke run inside a real n8n (packing, n8n execute output, the trigger)" node bench/run.js --smoke --only n8n
fi

if [ "${ECTICKET_QUEUE:-1}" != 0 ]; then
	echo "== queue mode: Postgres, Redis, main, two workers, two webhook processors"
	mkdir -p .e2e && bash scripts/queue-suite.sh 2>&1 | tee .e2e/queue-results.log
	queue_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' .e2e/queue-results.log | tail -1)
	if [ -n "$queue_line" ]; then
		passed=$((passed + $(echo "$queue_line" | cut -d' ' -f1)))
		failed=$((failed + $(echo "$queue_line" | cut -d' ' -f3)))
	else
		failed=$((failed + 1))
	fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

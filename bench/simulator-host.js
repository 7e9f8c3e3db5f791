// @ts-check
'use strict';
/**
 * The ECTicket simulator in its own process for the batch benchmarks:
 *   node simulator-host.js '<JSON config>'   e.g. {"issueDelayMs":60000,"issueOrder":"random","latencyMs":50}
 * prints its URL as a BENCH_RESULT line and runs until SIGTERM. No notification schedule (the
 * batches send none); a request log long enough for the largest batch.
 */
require('./lib/typescript');
const { startSimulator } = require('../simulator/server');
const { report } = require('./lib/common');

const config = JSON.parse(process.argv[2] ?? '{}');

startSimulator({ port: 0, notifyIntervalMs: 0, requestLogLimit: 100_000, ...config }).then((sim) => {
	report({ url: sim.url });
	const stop = () => sim.close().then(() => process.exit(0), () => process.exit(1));
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
});

// @ts-check
'use strict';
/**
 * The ECTicket simulator in its own process for the batch benchmarks: `node simulator-host.js
 * <issueDelayMs>` prints its URL as a BENCH_RESULT line and runs until SIGTERM. No notification
 * schedule (the batches send none).
 */
require('./lib/typescript');
const { startSimulator } = require('../simulator/server');
const { report } = require('./lib/common');

const issueDelayMs = Number(process.argv[2] ?? 500);

startSimulator({ port: 0, issueDelayMs, notifyIntervalMs: 0 }).then((sim) => {
	report({ url: sim.url });
	const stop = () => sim.close().then(() => process.exit(0), () => process.exit(1));
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
});

// @ts-check
'use strict';
/**
 * The node side of the batch benchmark, one measurement in a fresh process:
 *   node --expose-gc bench/batch-node.js --sim <url> --items <n> --tag <unique> [--no-wait] [--default-options] [--no-warm-up] [--profile <file>]
 * Runs Items → ECPay ECTicket (Ticket › Issue, Wait for Issuance) through the real node class
 * inside n8n-core's WorkflowExecute (test/harness/workflow.ts), every request signed by the
 * credential's real authenticate. Prints wall time and peak memory; --profile writes a V8 CPU
 * profile of the measured run alone (the same profile `node --cpu-prof` takes, without start-up).
 * --default-options leaves the Issue options as a user who never opens them gets them (Poll
 * Interval, Max Wait, Concurrency at their defaults) instead of the 1 s polling of the batch rows.
 * --no-warm-up skips the 20 warm-up orders (when the simulator's orders and calls are counted).
 */
require('./lib/typescript');
const { runEcTicketNode } = require('../test/harness/workflow');
const { MERCHANT, campaignItems, issueParameters, memorySampler, baselineMemory, parseArgs, report } = require('./lib/common');

/** The V8 CPU profiler over the measured run only (not module loading or the warm-up). */
async function startProfiler() {
	const inspector = require('node:inspector/promises');
	const session = new inspector.Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 200 });
	await session.post('Profiler.start');
	return {
		/** @param {string} file */
		async stop(file) {
			const { profile } = await session.post('Profiler.stop');
			require('node:fs').writeFileSync(file, JSON.stringify(profile));
			session.disconnect();
		},
	};
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const count = Number(args.items);
	const tag = String(args.tag);
	const wait = !args['no-wait'];
	const defaults = !!args['default-options'];
	const credentials = {
		environment: /** @type {const} */ ('custom'),
		baseUrl: String(args.sim),
		merchantId: MERCHANT.merchantId,
		hashKeySecret: MERCHANT.hashKey,
		hashIvSecret: MERCHANT.hashIV,
	};
	/** @param {ReturnType<typeof campaignItems>} items @param {boolean} waitForIssuance */
	const run = async (items, waitForIssuance) => {
		const parameters = issueParameters({ wait: waitForIssuance });
		const result = await runEcTicketNode({ credentials, parameters: defaults ? { ...parameters, options: {} } : parameters, items });
		if (result.error) throw new Error(`the node failed: ${result.error.message}`);
		return result.output ?? [];
	};

	// Warm-up: 20 orders, so both sides are measured with their code paths compiled.
	if (!args['no-warm-up']) await run(campaignItems(20, `${tag}W`), false);

	const items = campaignItems(count, tag);
	const profiler = args.profile ? await startProfiler() : undefined;
	const base = baselineMemory();
	const sampler = memorySampler();
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const output = await run(items, wait);
	const wallMs = performance.now() - t0;
	const endedAt = Date.now();
	const cpu = process.cpuUsage(cpu0);
	const memory = sampler.stop();
	const retained = baselineMemory(); // after a full GC, with the results still held
	if (profiler) await profiler.stop(String(args.profile));
	const issued = output.filter((o) => o.json.RtnCode === 1 && (!wait || /** @type {any} */ (o.json.issuance)?.state === 'issued')).length;
	if (issued !== count) throw new Error(`only ${issued} of ${count} orders issued: ${JSON.stringify(output.find((o) => /** @type {any} */ (o.json.issuance)?.state !== 'issued')?.json)}`);
	report({ side: 'node', items: count, wallMs, endedAt, cpuMs: (cpu.user + cpu.system) / 1000, baseline: base, retainedHeapMB: Math.round((retained.heapMB - base.heapMB) * 10) / 10, ...memory });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

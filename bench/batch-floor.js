// @ts-check
'use strict';
/**
 * Batch floor, one measurement in a fresh process:
 *   node --expose-gc bench/batch-floor.js --sim <url> --items <n> --tag <unique> [--no-wait] [--poll-seconds <s>] [--fresh-connections]
 * Sends the same signed Issue requests as the node (same Data, same concurrency), then waits for
 * the issuance job with the node's own strategy (protocol/frontier.ts: one QueryIssueResult about
 * the oldest pending order, then chunks of `concurrency`), sleeping --poll-seconds (default the
 * batch rows' 1 s) between rounds. Prints wall time and peak memory.
 * --fresh-connections opens a TCP connection per request, as n8n's HTTP helper does (a diagnostic).
 */
require('./lib/typescript');
const { waitAlongFrontier } = require('../protocol/frontier');
const { floorClient, pool } = require('./lib/floorClient');
const {
	MERCHANT,
	CONCURRENCY,
	POLL_INTERVAL_S,
	campaignItems,
	issueData,
	memorySampler,
	baselineMemory,
	parseArgs,
	report,
	sleep,
} = require('./lib/common');

/**
 * @param {ReturnType<typeof floorClient>} client
 * @param {ReturnType<typeof campaignItems>} items
 * @param {boolean} wait
 * @param {number} pollSeconds
 */
async function batch(client, items, wait, pollSeconds) {
	/** @type {any[]} */
	const answers = new Array(items.length);
	await pool(items.length, CONCURRENCY, async (i) => {
		const answer = await client.call('/api/Ticket/Issue', issueData(items[i]));
		if (answer.RtnCode !== 1) throw new Error(`Issue refused: ${answer.RtnMsg} (${answer.RtnCode})`);
		answers[i] = answer;
	});
	if (!wait) return { answers, queries: 0 };
	let queries = 0;
	const deadline = Date.now() + 600_000;
	await waitAlongFrontier({
		orders: answers,
		concurrency: CONCURRENCY,
		pollMs: pollSeconds * 1000,
		deadlineOf: () => deadline,
		now: () => Date.now(),
		sleep,
		async ask(/** @type {any} */ answer) {
			queries++;
			const result = await client.call('/api/Ticket/QueryIssueResult', { MerchantID: MERCHANT.merchantId, MerchantTradeNo: answer.MerchantTradeNo });
			if (result.RtnCode !== 1) throw new Error(`QueryIssueResult refused: ${result.RtnMsg}`);
			if (result.Status !== 1 && result.Status !== 2) return 'pending';
			answer.issuance = { state: result.Status === 1 ? 'issued' : 'failed' };
			return 'settled';
		},
	});
	return { answers, queries };
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const count = Number(args.items);
	const tag = String(args.tag);
	const wait = !args['no-wait'];
	const pollSeconds = Number(args['poll-seconds'] ?? POLL_INTERVAL_S);
	const client = floorClient(MERCHANT, String(args.sim), CONCURRENCY, { freshConnections: !!args['fresh-connections'] });

	// Warm-up: 20 orders, so both sides are measured with their code paths compiled.
	await batch(client, campaignItems(20, `${tag}W`), false, pollSeconds);

	const items = campaignItems(count, tag);
	const base = baselineMemory();
	const sampler = memorySampler();
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const { answers, queries } = await batch(client, items, wait, pollSeconds);
	const wallMs = performance.now() - t0;
	const endedAt = Date.now();
	const cpu = process.cpuUsage(cpu0);
	const memory = sampler.stop();
	const retained = baselineMemory(); // after a full GC, with the results still held
	const issued = answers.filter((a) => !wait || a.issuance?.state === 'issued').length;
	if (issued !== count) throw new Error(`only ${issued} of ${count} orders issued`);
	client.close();
	report({ side: args['fresh-connections'] ? 'floorFreshConnections' : 'floor', items: count, wallMs, endedAt, cpuMs: (cpu.user + cpu.system) / 1000, queries, baseline: base, retainedHeapMB: Math.round((retained.heapMB - base.heapMB) * 10) / 10, ...memory });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

// @ts-check
'use strict';
/**
 * Batch floor, one measurement in a fresh process:
 *   node --expose-gc bench/batch-floor.js --sim <url> --items <n> --tag <unique> [--no-wait] [--fresh-connections]
 * Sends the same signed Issue requests as the node (same Data, same concurrency), then polls
 * QueryIssueResult the same way: every round asks about every order still processing with the
 * same concurrency, then sleeps one poll interval. Prints wall time and peak memory.
 * --fresh-connections opens a TCP connection per request, as n8n's HTTP helper does (a diagnostic).
 */
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
 */
async function batch(client, items, wait) {
	/** @type {any[]} */
	const answers = new Array(items.length);
	await pool(items.length, CONCURRENCY, async (i) => {
		const answer = await client.call('/api/Ticket/Issue', issueData(items[i]));
		if (answer.RtnCode !== 1) throw new Error(`Issue refused: ${answer.RtnMsg} (${answer.RtnCode})`);
		answers[i] = answer;
	});
	if (!wait) return { answers, rounds: 0, queries: 0 };
	let pending = answers.map((_, i) => i);
	let rounds = 0;
	let queries = 0;
	while (pending.length) {
		rounds++;
		const current = pending;
		await pool(current.length, CONCURRENCY, async (k) => {
			const i = current[k];
			queries++;
			const result = await client.call('/api/Ticket/QueryIssueResult', { MerchantID: MERCHANT.merchantId, MerchantTradeNo: answers[i].MerchantTradeNo });
			if (result.RtnCode !== 1) throw new Error(`QueryIssueResult refused: ${result.RtnMsg}`);
			if (result.Status === 1 || result.Status === 2) answers[i].issuance = { state: result.Status === 1 ? 'issued' : 'failed' };
		});
		pending = current.filter((i) => answers[i].issuance === undefined);
		if (pending.length) await sleep(POLL_INTERVAL_S * 1000);
	}
	return { answers, rounds, queries };
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const count = Number(args.items);
	const tag = String(args.tag);
	const wait = !args['no-wait'];
	const client = floorClient(MERCHANT, String(args.sim), CONCURRENCY, { freshConnections: !!args['fresh-connections'] });

	// Warm-up: 20 orders, so both sides are measured with their code paths compiled.
	await batch(client, campaignItems(20, `${tag}W`), false);

	const items = campaignItems(count, tag);
	const base = baselineMemory();
	const sampler = memorySampler();
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const { answers, rounds, queries } = await batch(client, items, wait);
	const wallMs = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	const memory = sampler.stop();
	const retained = baselineMemory(); // after a full GC, with the results still held
	const issued = answers.filter((a) => !wait || a.issuance?.state === 'issued').length;
	if (issued !== count) throw new Error(`only ${issued} of ${count} orders issued`);
	client.close();
	report({ side: args['fresh-connections'] ? 'floorFreshConnections' : 'floor', items: count, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, rounds, queries, baseline: base, retainedHeapMB: Math.round((retained.heapMB - base.heapMB) * 10) / 10, ...memory });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

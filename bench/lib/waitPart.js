// @ts-check
'use strict';
/**
 * The Wait for Issuance rows (issue 12): how many requests a batch costs against ECPay's
 * scheduled issuance job, and its wall time under realistic latency.
 *
 * Requests per order: one node batch (Issue + Wait for Issuance, every option at its default) per
 * shape of the job — fifo, random and waves, lasting 30 s to 5 min — each against its own
 * simulator process, all at once (they spend their time asleep). The simulator counts every call
 * per endpoint and per order (GET /_simulator/stats), says when its job completed the last order
 * (GET /_simulator/issuance) and logs when each query arrived (GET /_simulator/requests), from
 * which the polling rounds and the lateness of the wait are read.
 *
 * Latency: node against floor (the same requests and the same frontier strategy on bare
 * node:crypto and node:http) with 50 ms added to every answer, default options, alternately, a
 * fresh simulator and process each run; started once every job batch has sent its Issue calls.
 */
const { median, runChild, sleep, startSimulatorProcess } = require('./common');

require('./typescript');
const { ENDPOINTS } = require('../../protocol/rules/endpoints');
const { ISSUANCE_WAIT } = require('../../protocol/rules/timing');

const QUERY = ENDPOINTS.queryIssueResult;
const ISSUE = ENDPOINTS.issue;
/** The node's default Poll Interval: every batch here runs with the defaults. */
const DEFAULT_POLL_S = ISSUANCE_WAIT.pollSeconds;

/** A gap this long between two queries separates polling rounds (a round's chunks follow each other at once). */
const ROUND_GAP_MS = (DEFAULT_POLL_S * 1000) / 2;

const stamp = () => Date.now().toString(36).toUpperCase();

/** Targets: requests per order by how the job completes orders. */
const TARGET = { fifo: 2.2, random: 3, waves: 3 };
const LATENCY_TARGET = 1.15;

/**
 * @typedef {{ order: 'fifo' | 'random' | 'waves', seconds: number }} Job
 * @typedef {{ items: number, jobs: Job[], latency: { items: number, latencyMs: number, runs: number, jobSeconds: number[] } }} WaitPlan
 */

/**
 * Runs one node batch against a simulator whose job has the given shape; resolves with the
 * measured figures. `issued` resolves once every Issue call arrived.
 * @param {Job} job @param {number} items @param {(m: string) => void} log
 */
function measureJob(job, items, log) {
	/** @type {() => void} */
	let markIssued = () => {};
	const issued = new Promise((r) => (markIssued = () => r(undefined)));
	const result = (async () => {
		const sim = await startSimulatorProcess({ issueDelayMs: job.seconds * 1000, issueOrder: job.order, seed: 12 });
		try {
			const tag = stamp();
			const child = runChild('batch-node.js', ['--sim', sim.url, '--items', String(items), '--tag', tag, '--default-options', '--no-warm-up'], { timeoutMs: (job.seconds + 240) * 1000 });
			for (let done = false; !done; ) {
				const settled = await Promise.race([child.then(() => true, () => true), sleep(500).then(() => false)]);
				const calls = (await sim.control('stats')).byEndpoint[ISSUE]?.calls ?? 0;
				done = settled || calls >= items;
			}
			markIssued();
			const run = await child;
			const stats = (await sim.control('stats')).byEndpoint;
			const issuance = await sim.control('issuance');
			/** @type {{ time: string, path: string, httpStatus: number }[]} */
			const requests = await sim.control('requests');
			const perOrder = Object.values(stats[QUERY]?.byOrder ?? {});
			const queries = stats[QUERY]?.calls ?? 0;
			const issues = stats[ISSUE]?.calls ?? 0;
			const rounds = roundsOf(requests.filter((q) => q.path === QUERY).map((q) => Date.parse(q.time)));
			const lastIssueAt = Date.parse(issuance.lastIssueAt);
			const figures = {
				...job,
				items,
				issues,
				queries,
				requestsPerOrder: (issues + queries) / items,
				target: TARGET[job.order],
				confirmedOrders: perOrder.length,
				maxQueriesPerOrder: Math.max(0, ...perOrder),
				refusedCalls: refused(stats[ISSUE]) + refused(stats[QUERY]),
				rounds: rounds.length,
				/** From the job's last completion to the start of the round that found it (≤ one Poll Interval). */
				lastRoundAfterJobS: (rounds.at(-1)?.start - lastIssueAt) / 1000,
				/** The confirming sweep: the last round, from its first query to the node's output. */
				finalSweepS: (run.endedAt - rounds.at(-1)?.start) / 1000,
				/** From the job's last completion to the node's output. */
				endAfterJobS: (run.endedAt - lastIssueAt) / 1000,
				wallS: run.wallMs / 1000,
			};
			log(`  ${job.order} ${job.seconds} s: ${figures.requestsPerOrder.toFixed(3)} requests/order (${issues} Issue + ${queries} QueryIssueResult, ${figures.rounds} rounds), ended ${figures.endAfterJobS.toFixed(1)} s after the job`);
			return figures;
		} finally {
			await sim.stop();
		}
	})();
	result.catch(() => markIssued());
	return { issued, result };
}

/** Calls of one endpoint answered with anything but HTTP 200. @param {any} endpoint */
const refused = (endpoint) => Object.entries(endpoint?.byHttpStatus ?? {}).reduce((n, [status, calls]) => n + (status === '200' ? 0 : Number(calls)), 0);

/** Polling rounds from the arrival times of the queries. @param {number[]} times */
function roundsOf(times) {
	/** @type {{ start: number, end: number, queries: number }[]} */
	const rounds = [];
	for (const t of [...times].sort((a, b) => a - b)) {
		const last = rounds.at(-1);
		if (last && t - last.end < ROUND_GAP_MS) {
			last.end = t;
			last.queries++;
		} else rounds.push({ start: t, end: t, queries: 1 });
	}
	return rounds;
}

/**
 * Node against floor, alternately, at the given latency and job duration.
 * @param {WaitPlan['latency']} plan @param {number} jobSeconds @param {(m: string) => void} log
 */
async function latencyRuns(plan, jobSeconds, log) {
	/** @type {Record<'node' | 'floor', any[]>} */
	const sides = { node: [], floor: [] };
	for (let r = 0; r < plan.runs; r++) {
		for (const side of /** @type {const} */ (r % 2 ? ['floor', 'node'] : ['node', 'floor'])) {
			const sim = await startSimulatorProcess({ issueDelayMs: jobSeconds * 1000, latencyMs: plan.latencyMs });
			try {
				const args = ['--sim', sim.url, '--items', String(plan.items), '--tag', stamp()];
				const run = side === 'node'
					? await runChild('batch-node.js', [...args, '--default-options'], { timeoutMs: 600_000 })
					: await runChild('batch-floor.js', [...args, '--poll-seconds', String(DEFAULT_POLL_S)], { timeoutMs: 600_000 });
				const stats = (await sim.control('stats')).byEndpoint;
				sides[side].push({ ...run, queries: stats[QUERY]?.calls ?? 0 });
				log(`  latency ${plan.latencyMs} ms, job ${jobSeconds} s, ${side} run ${r + 1}/${plan.runs}: ${(run.wallMs / 1000).toFixed(2)} s`);
			} finally {
				await sim.stop();
			}
		}
	}
	const wall = (/** @type {any[]} */ runs) => median(runs.map((x) => x.wallMs));
	return {
		jobSeconds,
		latencyMs: plan.latencyMs,
		items: plan.items,
		runs: plan.runs,
		nodeWallMs: wall(sides.node),
		floorWallMs: wall(sides.floor),
		nodeQueries: median(sides.node.map((x) => x.queries)),
		floorQueries: median(sides.floor.map((x) => x.queries)),
		ratio: median(sides.node.map((x, i) => x.wallMs / sides.floor[i].wallMs)),
		target: LATENCY_TARGET,
	};
}

/**
 * Both measurements; the latency runs start once every job batch has sent its Issue calls, so
 * they never share the CPU with a thousand signatures.
 * @param {WaitPlan} plan @param {(m: string) => void} log
 */
async function measureWait(plan, log) {
	log(`== 6. Wait for Issuance, default options: ${plan.items} orders against jobs ${plan.jobs.map((j) => `${j.order} ${j.seconds} s`).join(', ')}; latency ${plan.latency.latencyMs} ms: ${plan.latency.items} orders × ${plan.latency.runs} runs per side, jobs ${plan.latency.jobSeconds.join(' / ')} s`);
	const batches = plan.jobs.map((job) => measureJob(job, plan.items, log));
	await Promise.all(batches.map((b) => b.issued));
	const latency = [];
	for (const jobSeconds of plan.latency.jobSeconds) latency.push(await latencyRuns(plan.latency, jobSeconds, log));
	const jobs = await Promise.all(batches.map((b) => b.result));
	return { pollSeconds: DEFAULT_POLL_S, jobs, latency };
}

module.exports = { measureWait };

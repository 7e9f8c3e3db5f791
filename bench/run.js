// @ts-check
'use strict';
/**
 * The benchmark suite (`npm run bench`; `npm run bench -- --smoke` for a few-second check).
 *   node bench/run.js [--smoke] [--only protocol,batch,scaling,profile,wait,n8n] [--skip-n8n]
 *   node bench/run.js --render bench/results/latest.json     (print a stored result again)
 * Every figure is a ratio against a baseline measured in the same run, the median of several
 * runs, each measurement in a fresh process. Writes bench/results/<stamp>.json, latest.json and
 * latest.md, and prints the table and the closing note.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { BENCH, CONCURRENCY, POLL_INTERVAL_S, ISSUE_DELAY_MS, median, spread, runChild, startSimulatorProcess, parseArgs } = require('./lib/common');
const { summarize, inclusive, breakdown } = require('./lib/profile');
const { renderMarkdown } = require('./lib/table');
const { measureWait } = require('./lib/waitPart');

const PLANS = {
	full: {
		protocol: { runs: 5, rounds: 5, ms: 150 },
		batch: { items: 1000, runs: 5, freshRuns: 3, delayedRuns: 3 },
		scaling: { sizes: [100, 1000, 10000], runs: /** @type {Record<number, number>} */ ({ 100: 5, 10000: 3 }) },
		profile: { items: 1000 },
		wait: {
			items: 1000,
			jobs: /** @type {import('./lib/waitPart').Job[]} */ ([
				{ order: 'fifo', seconds: 30 },
				{ order: 'fifo', seconds: 60 },
				{ order: 'fifo', seconds: 180 },
				{ order: 'fifo', seconds: 300 },
				{ order: 'random', seconds: 60 },
				{ order: 'random', seconds: 300 },
				{ order: 'waves', seconds: 60 },
				{ order: 'waves', seconds: 300 },
			]),
			latency: { items: 1000, latencyMs: 50, runs: 3, jobSeconds: [0, 30] },
		},
		n8n: { runs: 3, items: 1000, loadSeconds: 6, loadConcurrency: 10, rounds: 3 },
	},
	smoke: {
		protocol: { runs: 1, rounds: 2, ms: 40 },
		batch: { items: 50, runs: 1, freshRuns: 0, delayedRuns: 0 },
		scaling: { sizes: [10, 50, 200], runs: /** @type {Record<number, number>} */ ({}) },
		profile: null,
		wait: {
			items: 50,
			jobs: /** @type {import('./lib/waitPart').Job[]} */ ([
				{ order: 'fifo', seconds: 3 },
				{ order: 'random', seconds: 3 },
			]),
			latency: { items: 50, latencyMs: 50, runs: 1, jobSeconds: [0] },
		},
		// Tiny, but the whole path: packing, a fresh n8n, `n8n execute` output parsed, the trigger published.
		n8n: { runs: 1, items: 20, loadSeconds: 1, loadConcurrency: 4, rounds: 1 },
	},
};

const log = (/** @type {string} */ message) => process.stderr.write(`${message}\n`);
const stamp = () => Date.now().toString(36).toUpperCase();
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/**
 * Runs node and floor alternately (the order flips each run), a fresh process each time and a
 * reset simulator before each; returns every result of both sides.
 * @param {{ url: string, reset: () => Promise<void> }} sim
 * @param {number} items
 * @param {number} runs
 * @param {string[]} sides batch-node.js / batch-floor.js / 'fresh' (floor, a connection per request)
 */
async function batchRuns(sim, items, runs, sides = ['node', 'floor']) {
	/** @type {Record<string, any[]>} */
	const results = Object.fromEntries(sides.map((s) => [s, []]));
	for (let r = 0; r < runs; r++) {
		const order = r % 2 ? [...sides].reverse() : sides;
		for (const side of order) {
			await sim.reset();
			const script = side === 'node' ? 'batch-node.js' : 'batch-floor.js';
			const extra = side === 'fresh' ? ['--fresh-connections'] : [];
			const result = await runChild(script, ['--sim', sim.url, '--items', String(items), '--tag', stamp(), ...extra], { timeoutMs: 600_000 });
			results[side].push(result);
			log(`  ${String(items).padStart(5)} items, ${side.padEnd(5)} run ${r + 1}/${runs}: ${(result.wallMs / 1000).toFixed(2)} s, peak RSS ${result.peakRssMB} MB`);
		}
	}
	return results;
}

/** Medians of one side's runs. @param {any[]} runs */
function summarizeSide(runs) {
	const pick = (/** @type {string} */ k) => median(runs.map((r) => r[k]));
	return {
		runs: runs.length,
		wallMs: pick('wallMs'),
		wallMsSpread: spread(runs.map((r) => r.wallMs)),
		cpuMs: pick('cpuMs'),
		peakRssMB: pick('peakRssMB'),
		peakHeapMB: pick('peakHeapMB'),
		baselineRssMB: median(runs.map((r) => r.baseline.rssMB)),
		baselineHeapMB: median(runs.map((r) => r.baseline.heapMB)),
		retainedHeapMB: pick('retainedHeapMB'),
		rounds: runs[0]?.rounds,
		queries: median(runs.map((r) => r.queries ?? NaN)),
	};
}

/** Median over runs of node / floor, paired run by run. @param {any[]} a @param {any[]} b @param {string} key */
const pairedRatio = (a, b, key) => median(a.map((r, i) => r[key] / b[i][key]));

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (typeof args.render === 'string') {
		// Re-renders a stored result (e.g. after a change of wording) without measuring anything.
		process.stdout.write(`${renderMarkdown(JSON.parse(fs.readFileSync(args.render, 'utf8')))}\n`);
		return;
	}
	const smoke = !!args.smoke;
	const plan = smoke ? PLANS.smoke : PLANS.full;
	const only = args.only ? String(args.only).split(',') : ['protocol', 'batch', 'scaling', 'profile', 'wait', 'n8n'];
	const want = (/** @type {string} */ part) => only.includes(part) && (part !== 'n8n' || !args['skip-n8n']);
	const t0 = Date.now();
	/** @type {Record<string, any>} */
	const results = {
		mode: smoke ? 'smoke' : 'full',
		startedAt: new Date().toISOString(),
		machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAvgAtStart: load() },
		settings: { concurrency: CONCURRENCY, pollIntervalS: POLL_INTERVAL_S },
	};
	const resultsDir = path.join(BENCH, 'results');
	fs.mkdirSync(resultsDir, { recursive: true });

	// 1. Protocol
	if (want('protocol')) {
		log(`== 1. protocol: ${plan.protocol.runs} runs × ${plan.protocol.rounds} rounds × ${plan.protocol.ms} ms per variant`);
		/** @type {any[]} */
		const runs = [];
		for (let r = 0; r < plan.protocol.runs; r++) {
			runs.push(await runChild('protocol.js', ['--rounds', String(plan.protocol.rounds), '--ms', String(plan.protocol.ms)]));
		}
		const variants = Object.keys(runs[0].opsPerSec);
		results.protocol = {
			payloadBytes: runs[0].payloadBytes,
			runs: runs.length,
			opsPerSec: Object.fromEntries(variants.map((v) => [v, median(runs.map((r) => r.opsPerSec[v]))])),
			ratioToFloor: Object.fromEntries(variants.map((v) => [v, median(runs.map((r) => r.ratioToFloor[v]))])),
			packageToCryptoJs: median(runs.flatMap((r) => r.perRound.package.map((/** @type {number} */ p, /** @type {number} */ i) => p / r.perRound.cryptoJs[i]))),
			packageToByHand: median(runs.flatMap((r) => r.perRound.package.map((/** @type {number} */ p, /** @type {number} */ i) => p / r.perRound.byHand[i]))),
		};
		log(`  package ${Math.round(results.protocol.opsPerSec.package)} ops/s, floor ${Math.round(results.protocol.opsPerSec.floor)} ops/s`);
	}

	// 2 + 3. Batch and scaling against the simulator (its own process, issuance at once).
	if (want('batch') || want('scaling') || want('profile')) {
		const sim = await startSimulatorProcess({ issueDelayMs: 0 });
		try {
			/** @type {Record<number, Record<string, any[]>>} */
			const bySize = {};
			if (want('batch')) {
				const { items, runs, freshRuns } = plan.batch;
				log(`== 2. batch: ${items} items, Issue + Wait for Issuance, concurrency ${CONCURRENCY}, ${runs} runs each`);
				bySize[items] = await batchRuns(sim, items, runs);
				const fresh = freshRuns ? (await batchRuns(sim, items, freshRuns, ['fresh'])).fresh : [];
				const node = bySize[items].node;
				const floor = bySize[items].floor;
				results.batch = {
					items,
					issueDelayMs: 0,
					node: summarizeSide(node),
					floor: summarizeSide(floor),
					ratio: pairedRatio(node, floor, 'wallMs'),
					cpuRatio: pairedRatio(node, floor, 'cpuMs'),
					floorFreshConnections: fresh.length ? summarizeSide(fresh) : undefined,
				};
			}
			if (want('scaling')) {
				log(`== 3. scaling: ${plan.scaling.sizes.join(' / ')} items`);
				for (const size of plan.scaling.sizes) {
					if (!bySize[size]) bySize[size] = await batchRuns(sim, size, plan.scaling.runs[size] ?? 1);
				}
				const sizes = plan.scaling.sizes;
				const sides = Object.fromEntries(['node', 'floor'].map((side) => [side, sizes.map((n) => ({ items: n, ...summarizeSide(bySize[n][side]) }))]));
				/** Marginal cost per item of the last step over that of the first step (1 = linear). */
				const marginal = (/** @type {any[]} */ points, /** @type {(p: any) => number} */ f) => {
					const [a, b, c] = points;
					return (f(c) - f(b)) / (c.items - b.items) / ((f(b) - f(a)) / (b.items - a.items));
				};
				results.scaling = {
					sizes,
					...sides,
					ratioBySize: sizes.map((n) => ({ items: n, ratio: pairedRatio(bySize[n].node, bySize[n].floor, 'wallMs') })),
					timeLinearity: marginal(sides.node, (p) => p.wallMs),
					memoryLinearity: marginal(sides.node, (p) => p.peakHeapMB - p.baselineHeapMB),
					retainedLinearity: marginal(sides.node, (p) => p.retainedHeapMB),
					perItem: sides.node.map((p) => ({ items: p.items, wallMsPerItem: p.wallMs / p.items, peakHeapKBPerItem: ((p.peakHeapMB - p.baselineHeapMB) * 1024) / p.items, retainedKBPerItem: (p.retainedHeapMB * 1024) / p.items })),
				};
			}
			if (want('profile') && plan.profile) {
				log(`== profile: V8 CPU profile of one node batch of ${plan.profile.items} items`);
				const file = path.join(resultsDir, 'node-batch.cpuprofile');
				await sim.reset();
				const run = await runChild('batch-node.js', ['--sim', sim.url, '--items', String(plan.profile.items), '--tag', stamp(), '--profile', file]);
				const summary = summarize(file, 15);
				results.profile = {
					file: path.relative(path.dirname(BENCH), file),
					items: plan.profile.items,
					wallMs: run.wallMs,
					...summary,
					breakdown: breakdown(
						file,
						[
							['measurement overhead (profiler, memory sampling)', /node:inspector|\/bench\/lib\/common\.js/],
							['garbage collection', /^\(garbage collector\) /],
							['package: protocol (seal, open, verify, incl. the AES/SHA-256 calls)', /\/protocol\/(crypto|envelope)\.ts/],
							['n8n: expression evaluation (the 4 mapped fields of each item)', /^resolveSimpleParameterValue |n8n-workflow\/dist\/cjs\/(expression|workflow-data-proxy)|@n8n\/tournament|@n8n\/expression-runtime/],
							['n8n: HTTP helper (axios, an agent and a connection per request, proxy lookup)', /node_modules\/(axios|follow-redirects|@n8n\/backend-network|proxy-from-env)\/|^httpRequest .*n8n-core|^httpRequestWithAuthentication /],
							['package: node logic (parameters incl. n8n\'s reads of them, ECPay rules, item loop, polling)', /\/(nodes|credentials)\/.*\.ts|\/protocol\/spec\//],
							['n8n: workflow engine, parameter access', /node_modules\/(n8n-core|n8n-workflow|@n8n\/[^/]+)\//],
							['bench harness (test/harness/workflow.ts)', /\/test\/harness\//],
						],
						'sockets, HTTP parsing, other Node and V8 work',
					),
					inclusiveMs: inclusive(file, {
						'readIssue (parameters of each item, incl. n8n expressions)': /^readIssue /,
						'n8n expression evaluation': /^resolveSimpleParameterValue /,
						'validateIssue (ECPay rules)': /^validateIssue /,
						'signEcTicketRequest (credential authenticate)': /^signEcTicketRequest /,
						'sealRequest (protocol)': /^sealRequest /,
						'openResponse (protocol)': /^openResponse /,
						'createCipheriv/createDecipheriv with a Buffer key': /^create(De)?[Cc]ipheriv /,
						'n8n httpRequest helper (axios, agents)': /^httpRequest .*n8n-core|^dispatchHttpRequest /,
						'waitForIssuance (polling loop)': /^waitForIssuance /,
						'garbage collector': /^\(garbage collector\)/,
					}),
				};
			}
		} finally {
			await sim.stop();
		}
		// 2b. As the brief describes it: issuance after 500 ms, polling every second.
		if (want('batch') && plan.batch.delayedRuns) {
			const delayed = await startSimulatorProcess({ issueDelayMs: ISSUE_DELAY_MS });
			try {
				const { items, delayedRuns } = plan.batch;
				log(`== 2b. batch with issuance after ${ISSUE_DELAY_MS} ms, poll interval ${POLL_INTERVAL_S} s: ${items} items, ${delayedRuns} runs each`);
				const runs = await batchRuns(delayed, items, delayedRuns);
				results.batchDelayed = {
					items,
					issueDelayMs: ISSUE_DELAY_MS,
					node: summarizeSide(runs.node),
					floor: summarizeSide(runs.floor),
					floorQueries: runs.floor.map((r) => r.queries),
					ratio: pairedRatio(runs.node, runs.floor, 'wallMs'),
				};
			} finally {
				await delayed.stop();
			}
		}
	}

	// 6. Wait for Issuance against ECPay's scheduled job: requests per order, wall time under latency.
	if (want('wait')) results.wait = await measureWait(plan.wait, log);

	// 4 + 5. Inside a real n8n.
	if (want('n8n')) {
		const n = plan.n8n;
		log(`== 4 + 5. real n8n: ${n.items} items × ${n.runs} runs per workflow; trigger ${n.rounds} rounds × ${n.loadSeconds} s, ${n.loadConcurrency} senders`);
		try {
			const r = await runChild('n8n.js', ['--runs', String(n.runs), '--items', String(n.items), '--load-seconds', String(n.loadSeconds), '--load-concurrency', String(n.loadConcurrency), '--trigger-rounds', String(n.rounds)], { timeoutMs: 540_000, progress: true });
			results.n8n = r;
		} catch (error) {
			results.n8n = { error: String(error instanceof Error ? error.message : error).slice(0, 2000) };
			log(`  n8n part failed: ${results.n8n.error}`);
		}
	}

	results.machine.loadAvgAtEnd = load();
	results.totalSeconds = (Date.now() - t0) / 1000;
	const markdown = renderMarkdown(results);
	const name = `${results.startedAt.replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}`;
	fs.writeFileSync(path.join(resultsDir, `${name}.json`), JSON.stringify(results, null, 2));
	fs.writeFileSync(path.join(resultsDir, `${name}.md`), markdown);
	fs.writeFileSync(path.join(resultsDir, smoke ? 'latest-smoke.json' : 'latest.json'), JSON.stringify(results, null, 2));
	fs.writeFileSync(path.join(resultsDir, smoke ? 'latest-smoke.md' : 'latest.md'), markdown);
	process.stdout.write(`\n${markdown}\n`);
	log(`results: bench/results/${name}.json and .md`);
	// A part that failed fails the run (its error is in the JSON and the table): every part must pass.
	if (results.n8n?.error) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

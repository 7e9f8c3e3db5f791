// @ts-check
'use strict';
/**
 * Shared pieces of the benchmark suite: statistics, fresh child processes that report one JSON
 * result, the simulator host, memory sampling, and the typical Issue workload (the same items,
 * parameters and wire Data for the node and for every baseline).
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const BENCH = path.resolve(__dirname, '..');
const RESULT_PREFIX = 'BENCH_RESULT ';

/** @type {{ merchantId: string, hashKey: string, hashIV: string }[]} */
const SEEDED = require('../../simulator/merchants.json');
/** The test merchant the simulator seeds (simulator/merchants.json). */
const MERCHANT = SEEDED[0];

/** Every batch runs the node and its floor at this concurrency (the node's default, set explicitly). */
const CONCURRENCY = 5;
/** The node's smallest poll interval (seconds); the floor sleeps exactly as long between rounds. */
const POLL_INTERVAL_S = 1;
/** The simulator's issuance job: short, so a batch is dominated by work, not by sleeping. */
const ISSUE_DELAY_MS = 500;

/** @param {number[]} values */
function median(values) {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** @param {number[]} values */
function spread(values) {
	const finite = values.filter((v) => Number.isFinite(v));
	return finite.length ? { min: Math.min(...finite), max: Math.max(...finite) } : { min: NaN, max: NaN };
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a bench script in a fresh Node process (so memory peaks never mix) and returns the JSON it
 * printed on its last `BENCH_RESULT ` line. Its stderr (progress) is passed on with `progress`,
 * all its output with BENCH_VERBOSE=1.
 * @param {string} script path relative to bench/
 * @param {string[]} args
 * @param {{ nodeArgs?: string[], env?: NodeJS.ProcessEnv, timeoutMs?: number, progress?: boolean }} [options]
 * @returns {Promise<any>}
 */
function runChild(script, args = [], options = {}) {
	const { nodeArgs = [], env = {}, timeoutMs = 300_000, progress = false } = options;
	const verbose = !!process.env.BENCH_VERBOSE;
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, path.join(BENCH, script), ...args], {
			cwd: ROOT,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => {
			stdout += d;
			if (verbose) process.stderr.write(d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (verbose || progress) process.stderr.write(d);
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const line = stdout.split('\n').reverse().find((l) => l.startsWith(RESULT_PREFIX));
			if (code === 0 && line) return resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
			reject(new Error(`${script} ${args.join(' ')} failed (${signal ?? code}):\n${(stderr || stdout).slice(-2000)}`));
		});
	});
}

/** What a measurement child prints as its result. @param {unknown} result */
function report(result) {
	process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/**
 * The simulator in its own process (its CPU and memory are shared by node and floor alike, and
 * kept out of their memory peaks). Returns its URL, reset, stop and a reader of its control paths.
 * @param {{ issueDelayMs?: number, issueOrder?: 'fifo' | 'random' | 'waves', issueWaveMs?: number, latencyMs?: number, seed?: number }} [config]
 *   simulator config (simulator/config.ts); issueDelayMs defaults to ISSUE_DELAY_MS
 */
function startSimulatorProcess(config = {}) {
	const settings = { issueDelayMs: ISSUE_DELAY_MS, ...config };
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(BENCH, 'simulator-host.js'), JSON.stringify(settings)], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (d) => {
			out += d;
			const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
			if (line) {
				const { url } = JSON.parse(line.slice(RESULT_PREFIX.length));
				resolve({
					url,
					pid: child.pid,
					/** GET one of its /_simulator/ paths (stats, issuance, health). @param {string} name */
					control: async (name) => {
						const r = await fetch(`${url}/_simulator/${name}`);
						if (!r.ok) throw new Error(`simulator ${name}: HTTP ${r.status}`);
						return r.json();
					},
					reset: async () => {
						const r = await fetch(`${url}/_simulator/reset`, { method: 'POST' });
						if (!r.ok) throw new Error(`simulator reset: HTTP ${r.status}`);
					},
					stop: () =>
						new Promise((done) => {
							if (child.exitCode !== null) return done(undefined);
							child.once('exit', () => done(undefined));
							child.kill('SIGTERM');
						}),
				});
			}
		});
		child.on('exit', (code) => reject(new Error(`simulator exited (${code})`)));
	});
}

/**
 * Samples RSS and heap every few ms; `stop()` returns the peaks. resourceUsage().maxRSS is the
 * kernel's own peak and catches what sampling misses.
 */
function memorySampler(intervalMs = 20) {
	let peakRss = 0;
	let peakHeap = 0;
	const sample = () => {
		const m = process.memoryUsage();
		if (m.rss > peakRss) peakRss = m.rss;
		if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
	};
	sample();
	const timer = setInterval(sample, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			sample();
			return { peakRssMB: mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024)), peakHeapMB: mb(peakHeap) };
		},
	};
}

/** A baseline after a full GC, before the measured work starts. */
function baselineMemory() {
	if (typeof global.gc === 'function') {
		global.gc();
		global.gc();
	}
	const m = process.memoryUsage();
	return { rssMB: mb(m.rss), heapMB: mb(m.heapUsed) };
}

const mb = (/** @type {number} */ bytes) => Math.round((bytes / 1048576) * 10) / 10;

/* ---------------------------------------------------------------- the typical Issue workload */

const TICKET_LINES = [
	{ itemNo: 'VQT04959', ticketAmount: 2 },
	{ itemNo: 'VNS21400', ticketAmount: 1 },
];

/**
 * One input item per order of a campaign: what a shop system hands the workflow.
 * @param {number} count
 * @param {string} tag makes the order numbers unique to this run
 */
function campaignItems(count, tag) {
	const items = new Array(count);
	for (let i = 0; i < count; i++) {
		items[i] = {
			orderNo: `B${tag}${String(i).padStart(5, '0')}`.slice(0, 25),
			name: '王小明',
			phone: `09${String(10000000 + i).slice(-8)}`,
			email: `buyer${i}@example.com`,
		};
	}
	return items;
}

/** The node's parameters for the campaign: Electronic tickets, fields mapped from each item. */
function issueParameters({ wait = true } = {}) {
	return {
		resource: 'ticket',
		operation: 'issue',
		issueType: '3',
		apiMode: 'escrow',
		orderKind: 'pickup',
		merchantTradeNo: '={{ $json.orderNo }}',
		isImmediate: '1',
		operator: 'campaign',
		customerName: '={{ $json.name }}',
		customerPhone: '={{ $json.phone }}',
		customerEmail: '={{ $json.email }}',
		ticketsInput: 'fields',
		tickets: { line: TICKET_LINES },
		waitForIssuance: wait,
		options: { concurrency: CONCURRENCY, pollInterval: POLL_INTERVAL_S },
	};
}

/**
 * The business Data the node sends for one item, field for field and in the same order
 * (credential adds MerchantID first). What every baseline sends too.
 * @param {{ orderNo: string, name: string, phone: string, email: string }} item
 */
function issueData(item) {
	return {
		MerchantID: MERCHANT.merchantId,
		MerchantTradeNo: item.orderNo,
		IssueType: '3',
		IsImmediate: '1',
		Operator: 'campaign',
		CustomerName: item.name,
		CustomerPhone: item.phone,
		CustomerEmail: item.email,
		TicketInfo: TICKET_LINES.map((l) => ({ ItemNo: l.itemNo, TicketAmount: l.ticketAmount })),
	};
}

/** Parses `--name value` / `--flag` arguments. @param {string[]} argv */
function parseArgs(argv) {
	/** @type {Record<string, string | boolean>} */
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
		if (!m) continue;
		if (m[2] !== undefined) args[m[1]] = m[2];
		else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[m[1]] = argv[++i];
		else args[m[1]] = true;
	}
	return args;
}

module.exports = {
	ROOT,
	BENCH,
	MERCHANT,
	CONCURRENCY,
	POLL_INTERVAL_S,
	ISSUE_DELAY_MS,
	TICKET_LINES,
	median,
	spread,
	sleep,
	runChild,
	report,
	startSimulatorProcess,
	memorySampler,
	baselineMemory,
	mb,
	campaignItems,
	issueParameters,
	issueData,
	parseArgs,
};

// @ts-check
'use strict';
/**
 * The queue-mode suite: this package on n8n's queue mode (Postgres + Redis, one main, two workers,
 * two webhook processors; scripts/queue.sh) against the local simulator as ECPay.
 *   bash scripts/queue-suite.sh            (prints "ok   - …"/"FAIL - …", figures, "N passed, M failed")
 * 1. Issue across workers: 1,000 shop orders POSTed to both webhook processors, each issued by
 *    the package's node with Wait for Issuance on a worker; the simulator holds each order once.
 * 2. A worker SIGKILLed mid-batch: no order issued twice, none silently lost; what n8n did.
 * 3. Throughput with one worker and with two (reported, not asserted: 2 shared cores).
 * 4. Notifications (notify.js): bursts of 100 and 1,000 ECPay events (refunds: each told to both
 *    notify URLs), all at once through a load balancer in front of both webhook processors, then
 *    all resent; the trigger's Main Instance URL is main: every delivery acknowledged in ECPay's
 *    format, exactly one execution per event, none by a resend; acknowledgement latency, CPU,
 *    profiles of wh1 and main.
 * 5. Key rotation (rotation.js): the credential's keys changed through n8n's REST API (and at the
 *    simulator): workers, webhook processors and main use the new keys within the README's time.
 * Sizes (for a quick try): ECTICKET_QUEUE_ORDERS, _KILL_ORDERS, _THROUGHPUT_ORDERS, _BURSTS ("100,1000");
 * ECTICKET_QUEUE_PHASES=issue,kill,notifications,rotation picks parts.
 */
require('ts-node').register({ transpileOnly: true });
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const { ROOT, PORTS, Stack, cpuSeconds, sessionMembers } = require('./stack');
const { startCli } = require('../../simulator/cliProcess');
const { checklist } = require('../lib/checks');
const { startAckProxy, percentile } = require('./measure');
const { IDS, PATHS, credentialFile, issueWorkflow, issueNotifyWorkflow, triggerWorkflow } = require('./workflows');
const { notificationBursts } = require('./notify');
const { keyRotation } = require('./rotation');
const { Codec } = require('../../protocol/crypto');
const { sealRequest, openResponse } = require('../../protocol/envelope');
const { ENDPOINTS } = require('../../protocol/rules/endpoints');
/** @type {{ merchantId: string, hashKey: string, hashIV: string }} */
const merchant = require('../../simulator/merchants.json')[0];

const env = process.env;
const SIM_PORT = Number(env.ECTICKET_QUEUE_SIM_PORT ?? 7971);
/** The load balancer in front of both webhook processors: ECPay's notify URLs point at it. */
const LB_PORT = Number(env.ECTICKET_QUEUE_LB_PORT ?? 5992);
/** Calls the load balancer passes to one webhook processor at once (0: no limit); the rest wait in its queue. */
const LB_MAX_PER_PROCESSOR = Number(env.ECTICKET_QUEUE_LB_MAXCONN ?? 16);
const INSPECT_PORT = Number(env.ECTICKET_QUEUE_INSPECT_PORT ?? 5994);
const INSPECT_MAIN_PORT = Number(env.ECTICKET_QUEUE_INSPECT_MAIN_PORT ?? 5995);
/**
 * Bursts up to this many events must have every acknowledgement within ECPay's 10 s; above it the
 * latency is reported (measured: 2 shared cores cannot; README "Running at scale").
 */
const ACK_GOAL_ASSERTED_UP_TO = Number(env.ECTICKET_QUEUE_ACK_GOAL_UP_TO ?? 100);
const SIM = `http://127.0.0.1:${SIM_PORT}`;
const SIZES = {
	orders: Number(env.ECTICKET_QUEUE_ORDERS ?? 1000),
	kill: Number(env.ECTICKET_QUEUE_KILL_ORDERS ?? 200),
	throughput: Number(env.ECTICKET_QUEUE_THROUGHPUT_ORDERS ?? 200),
	bursts: String(env.ECTICKET_QUEUE_BURSTS ?? '100,1000').split(',').map(Number),
};
/** Shop orders in flight at once (client side). */
const CONCURRENCY = 16;
/** In flight for the throughput batches: more than two workers' 10 execution slots each. */
const THROUGHPUT_CONCURRENCY = 24;
/** The parts to run (all by default): issue, kill (with throughput), notifications. */
const PHASES = new Set(String(env.ECTICKET_QUEUE_PHASES ?? 'issue,kill,notifications,rotation').split(','));
/** The simulator's issuance job: 2 s here (ECPay's takes up to 5 minutes); the node polls every second. */
const ISSUE_DELAY_S = 2;
/** ECPay resends unacknowledged notifications 5–15 minutes later; the simulator, this many seconds later. */
const RETRY_DELAY_S = 5;
const OUT = path.join(ROOT, '.e2e/queue');
const WEBHOOKS = [PORTS.wh1, PORTS.wh2];
const ISSUE_WORKFLOW = IDS.issue;

const { results, check, assert } = checklist({ lines: 8 });
/** @type {Record<string, any>} */
const report = { figures: {}, timings: {} };
const note = (/** @type {string} */ line) => console.log(`# ${line}`);
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
const firstLine = (/** @type {string} */ text) => text.trim().split('\n')[0].slice(0, 160);
const round1 = (/** @type {number} */ v) => Math.round(v * 10) / 10;
/** @param {Record<string, number>} counts */
const countsText = (counts) => Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
/** @param {string[]} values */
function tally(values) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
	return counts;
}

// ---------------------------------------------------------------- the simulator as ECPay

/** @param {string} method @param {string} urlPath @param {unknown} [body] */
async function sim(method, urlPath, body) {
	const response = await fetch(`${SIM}${urlPath}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(120_000) });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${urlPath}: HTTP ${response.status} ${text.slice(0, 300)}`);
	return JSON.parse(text);
}

const codec = new Codec({ hashKey: merchant.hashKey, hashIV: merchant.hashIV });
/** What the simulator holds for an order: a signed QueryIssueResult, as the node would ask. @param {string} no */
async function queryIssue(no) {
	const body = sealRequest(codec, { merchantId: merchant.merchantId }, { MerchantID: merchant.merchantId, MerchantTradeNo: no });
	const response = await fetch(`${SIM}${ENDPOINTS.queryIssueResult}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return openResponse(codec, await response.json()).data;
}

/** An order's tickets as the simulator holds them (QueryOrderInfo, page 1: up to 200 tickets). @param {string} no */
async function queryTickets(no) {
	const body = sealRequest(codec, { merchantId: merchant.merchantId }, { MerchantID: merchant.merchantId, MerchantTradeNo: no, PageNum: 1 });
	const response = await fetch(`${SIM}${ENDPOINTS.queryOrderInfo}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return /** @type {any[]} */ (openResponse(codec, await response.json()).data.TicketList ?? []);
}

/** @param {string[]} nos @returns {Promise<Map<string, any>>} */
async function queryAll(nos) {
	const held = new Map();
	let next = 0;
	await Promise.all(Array.from({ length: 10 }, async () => {
		while (next < nos.length) {
			const no = nos[next++];
			held.set(no, await queryIssue(no));
		}
	}));
	return held;
}

/**
 * The simulator's request log keeps its last 5,000 calls: read it every few seconds during a
 * batch and keep every Issue and QueryIssueResult call (a call is its time, path, codes and Data).
 */
class RequestLog {
	constructor() {
		/** @type {Map<string, any>} */
		this.calls = new Map();
		this.mayHaveMissed = false;
		/** @type {NodeJS.Timeout | undefined} */
		this.timer = undefined;
		this.busy = false;
	}

	/** Reads the log now (after a read already under way, so that nothing sent before the call is missed). */
	async poll() {
		while (this.busy) await sleep(50);
		this.busy = true;
		try {
			/** @type {any[]} */
			const list = await sim('GET', '/_simulator/requests');
			const keyOf = (/** @type {any} */ r) => `${r.time}|${r.path}|${r.httpStatus}|${r.rtnCode}|${JSON.stringify(r.data ?? null)}`;
			if (list.length >= 5000 && this.calls.size && !this.calls.has(keyOf(list[0]))) this.mayHaveMissed = true;
			for (const r of list) {
				if (r.path !== ENDPOINTS.issue && r.path !== ENDPOINTS.queryIssueResult) continue;
				const key = keyOf(r);
				if (!this.calls.has(key)) this.calls.set(key, r);
			}
		} finally {
			this.busy = false;
		}
	}

	start() {
		this.timer = setInterval(() => {
			if (!this.busy) this.poll().catch(() => {});
		}, 3000);
	}

	async stop() {
		clearInterval(this.timer);
		while (this.busy) await sleep(50);
		await this.poll();
	}

	/** Issue calls per MerchantTradeNo: how many were sent and how many accepted (RtnCode 1). @param {string} prefix */
	issuesBy(prefix) {
		/** @type {Map<string, { sent: number, accepted: number, queried: number }>} */
		const by = new Map();
		for (const r of this.calls.values()) {
			const no = r.data?.MerchantTradeNo;
			if (typeof no !== 'string' || !no.startsWith(prefix)) continue;
			const entry = by.get(no) ?? { sent: 0, accepted: 0, queried: 0 };
			if (r.path === ENDPOINTS.issue) {
				entry.sent++;
				if (r.rtnCode === 1) entry.accepted++;
			} else entry.queried++;
			by.set(no, entry);
		}
		return by;
	}
}

// ---------------------------------------------------------------- shop orders through n8n

/**
 * POSTs one order per number to the webhook processors in turn (even → wh1, odd → wh2), at most
 * `concurrency` in flight; every answer with its time.
 * @param {string[]} nos
 * @param {{ path?: string, concurrency?: number, body?: (no: string, i: number) => object, timeoutMs?: number }} [options]
 */
async function postOrders(nos, options = {}) {
	const { path: webhookPath = PATHS.issue, concurrency = CONCURRENCY, body = (no) => ({ orderNo: no }), timeoutMs } = options;
	/** @type {any[]} */
	const answers = new Array(nos.length);
	let next = 0;
	const t0 = performance.now();
	const lane = async () => {
		while (next < nos.length) {
			const i = next++;
			const wh = i % 2;
			const start = performance.now();
			try {
				const { status, text } = await post(WEBHOOKS[wh], `/webhook/${webhookPath}`, JSON.stringify(body(nos[i], i)), timeoutMs);
				let json;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				answers[i] = { no: nos[i], wh: `wh${wh + 1}`, status, json, text: text.slice(0, 400), ms: performance.now() - start, at: performance.now() };
			} catch (error) {
				answers[i] = { no: nos[i], wh: `wh${wh + 1}`, status: 0, text: String(error instanceof Error ? error.message : error), ms: performance.now() - start, at: performance.now() };
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, lane));
	return { answers, seconds: (performance.now() - t0) / 1000 };
}

/**
 * One POST on its own connection (no keep-alive pool: an idle pooled socket the server is closing
 * fails the next request, and open sockets hold up n8n's shutdown).
 * @param {number} port @param {string} urlPath @param {string} body @param {number} [timeoutMs] @returns {Promise<{ status: number, text: string }>}
 */
function post(port, urlPath, body, timeoutMs = 280_000) {
	return new Promise((resolve, reject) => {
		const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'POST', agent: false, timeout: timeoutMs,
			headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
		req.on('error', reject);
		req.end(body);
	});
}

/** The webhook's answer says the order is issued (the Issue node's item, Wait for Issuance done). @param {any} a */
const answeredIssued = (a) => a.status === 200 && a.json?.RtnCode === 1 && a.json?.MerchantTradeNo === a.no && a.json?.issuance?.state === 'issued';

const stack = new Stack();
const roles = ['main', 'w1', 'w2', 'wh1', 'wh2'];
/** CPU seconds per process of the stack and the simulator, to compare before/after a phase. */
function cpuSnapshot(/** @type {import('node:child_process').ChildProcess} */ simulator) {
	/** @type {Record<string, number>} */
	const snap = {};
	for (const role of roles) snap[role] = cpuSeconds(stack.pid(role));
	snap.postgres = cpuSeconds(stack.postmasterPid());
	snap.redis = cpuSeconds(stack.pid('redis'));
	snap.simulator = cpuSeconds(simulator.pid);
	return snap;
}
/** CPU ms per execution of each process between two snapshots. */
function cpuPer(/** @type {Record<string, number>} */ a, /** @type {Record<string, number>} */ b, /** @type {number} */ n) {
	return Object.fromEntries(Object.keys(b).map((k) => [k, Math.round(((b[k] - (a[k] ?? 0)) * 1000) / n)]));
}

const maxExecutionId = () => Number(stack.sql('SELECT coalesce(max(id), 0) AS id FROM execution_entity')[0].id);

/** The executions of a workflow after `afterId`, with the order number their data holds. @param {string} workflowId @param {number} afterId @param {string} noPattern */
function executionsOf(workflowId, afterId, noPattern) {
	return stack.sql(`SELECT e.id, e.status, e.mode, e."createdAt", e."startedAt", e."stoppedAt",
		substring(d.data from '${noPattern}') AS no
		FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		WHERE e."workflowId" = '${workflowId}' AND e.id > ${afterId} ORDER BY e.id`);
}

/**
 * Waits until the executions of the workflow after `afterId` have settled: none new or running
 * and their number still for 3 s with at least `expected` of them; or nothing running and no
 * count moving for 20 s (fewer rows, or `new` rows n8n will never run: webhook processors
 * create the rows after they answered, and under overload some are never enqueued). Gives up
 * after `timeoutMs`.
 * @returns {Promise<{ settled: boolean, total: number, statuses: Record<string, number> }>}
 */
async function drained(/** @type {string} */ workflowId, /** @type {number} */ afterId, /** @type {number} */ expected, /** @type {number} */ timeoutMs) {
	const end = Date.now() + timeoutMs;
	let last = '';
	let since = Date.now();
	/** @type {Record<string, number>} */
	let statuses = {};
	let total = 0;
	while (Date.now() < end) {
		const rows = stack.sql(`SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = '${workflowId}' AND id > ${afterId} GROUP BY status ORDER BY status`);
		statuses = Object.fromEntries(rows.map((r) => [r.status, r.n]));
		total = rows.reduce((sum, r) => sum + r.n, 0);
		const state = JSON.stringify(statuses);
		if (state !== last) {
			last = state;
			since = Date.now();
		}
		const still = Date.now() - since;
		if (!statuses.new && !statuses.running && total >= expected && still >= 3000) return { settled: true, total, statuses };
		if (!statuses.running && still >= 20_000) return { settled: true, total, statuses };
		await sleep(1000);
	}
	return { settled: false, total, statuses };
}

/** Which worker ran each execution: `Worker started execution <id>` lines of each worker's log. */
function workerOfExecutions() {
	/** @type {Map<string, string>} */
	const by = new Map();
	for (const w of ['w1', 'w2']) {
		for (const line of stack.log(w)) {
			const m = /^Worker started execution (\d+) /.exec(line.message);
			if (m) by.set(m[1], w);
		}
	}
	return by;
}

/** The enqueuer's view (webhook processors, N8N_LOG_FORMAT=json): `Execution <id> … finished` with metadata.workerId. */
function enqueuerWorkerIds() {
	/** @type {Map<string, string>} */
	const by = new Map();
	for (const wh of ['wh1', 'wh2']) {
		for (const line of stack.log(wh)) {
			const m = /^Execution (\d+) \(job \d+\) finished/.exec(line.message);
			if (m) by.set(m[1], line.metadata?.workerId ?? '?');
		}
	}
	return by;
}

/** Orders/s, latencies and the Postgres view of one batch. */
function batchFigures(/** @type {any[]} */ answers, /** @type {number} */ secs, /** @type {any[]} */ executions) {
	const ms = answers.map((a) => a.ms);
	const times = (/** @type {string} */ k) => executions.map((e) => Date.parse(e[k])).filter(Number.isFinite);
	const created = times('createdAt');
	const stopped = times('stoppedAt');
	const wait = executions.filter((e) => e.startedAt).map((e) => Date.parse(e.startedAt) - Date.parse(e.createdAt));
	const run = executions.filter((e) => e.stoppedAt && e.startedAt).map((e) => Date.parse(e.stoppedAt) - Date.parse(e.startedAt));
	const avg = (/** @type {number[]} */ v) => (v.length ? Math.round(v.reduce((s, x) => s + x, 0) / v.length) : NaN);
	return {
		orders: answers.length,
		seconds: round1(secs),
		perSecond: Math.round((answers.length / secs) * 10) / 10,
		p50: Math.round(percentile(ms, 0.5)),
		p99: Math.round(percentile(ms, 0.99)),
		max: Math.round(Math.max(...ms)),
		postgresSpanS: created.length && stopped.length ? round1((Math.max(...stopped) - Math.min(...created)) / 1000) : NaN,
		avgQueueWaitMs: avg(wait),
		avgRunMs: avg(run),
	};
}

/** @param {string} label @param {any} f */
function printBatch(label, f) {
	note(`${label}: ${f.orders} orders in ${f.seconds} s = ${f.perSecond} orders/s; latency p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms; ` +
		`Postgres: first created → last stopped ${f.postgresSpanS} s, queue wait avg ${f.avgQueueWaitMs} ms, run avg ${f.avgRunMs} ms`);
	if (f.cpuMsPerExecution) note(`${label}: CPU ms per execution — ${countsText(f.cpuMsPerExecution)}`);
}

// ---------------------------------------------------------------- the phases

/**
 * @typedef {{
 *   simulator: import('node:child_process').ChildProcess,
 *   requestLog: RequestLog,
 *   orderNos: (tag: string, n: number) => string[],
 *   noPattern: string,
 *   prefix: string,
 *   proxies: Array<Awaited<ReturnType<typeof startAckProxy>>>,
 * }} Context
 */

/** One batch of electronic-ticket orders, with its figures. @param {Context} ctx @param {string} tag @param {number} n @param {number} concurrency */
async function issueBatch(ctx, tag, n, concurrency) {
	const nos = ctx.orderNos(tag, n);
	const before = maxExecutionId();
	const cpu0 = cpuSnapshot(ctx.simulator);
	const { answers, seconds: secs } = await postOrders(nos, { concurrency });
	const cpu1 = cpuSnapshot(ctx.simulator);
	const executions = executionsOf(ISSUE_WORKFLOW, before, ctx.noPattern);
	/** @type {Record<string, any>} */
	const f = {
		...batchFigures(answers, secs, executions),
		concurrency,
		cpuMsPerExecution: cpuPer(cpu0, cpu1, nos.length),
		issued: answers.filter(answeredIssued).length,
		failures: answers.filter((a) => !answeredIssued(a)).map((a) => `${a.no} ${a.wh} HTTP ${a.status} ${a.text.slice(0, 200)}`),
	};
	return { nos, answers, executions, f };
}

/** 1. Issue across workers. @param {Context} ctx */
async function issueAcrossWorkers(ctx) {
	const { nos, answers, executions, f } = await issueBatch(ctx, 'A', SIZES.orders, CONCURRENCY);
	await ctx.requestLog.poll();
	report.figures.issueAcrossWorkers = f;
	printBatch(`${SIZES.orders} orders, 2 workers, ${CONCURRENCY} in flight`, f);
	await check(`${SIZES.orders} orders over both webhook processors: every reply reports the order issued`, () => {
		assert(f.failures.length === 0, `${f.failures.length} not issued, e.g. ${f.failures.slice(0, 3).join(' | ')}`);
	});
	await check(`the simulator holds exactly ${SIZES.orders} orders, each MerchantTradeNo accepted once and issued`, async () => {
		const issues = ctx.requestLog.issuesBy(`${ctx.prefix}A`);
		const sum = (/** @type {'sent' | 'accepted' | 'queried'} */ k) => [...issues.values()].reduce((s, e) => s + e[k], 0);
		const notOnce = [...issues].filter(([, e]) => e.accepted !== 1 || e.sent !== 1);
		const held = await queryAll(nos);
		const notIssued = nos.filter((no) => held.get(no)?.RtnCode !== 1 || held.get(no)?.Status !== 1);
		f.simulator = { orders: issues.size, issueSent: sum('sent'), issueAccepted: sum('accepted'), queryIssueResult: sum('queried'), issuedByQuery: nos.length - notIssued.length };
		note(`simulator: ${issues.size} MerchantTradeNos received an Issue, ${sum('accepted')} accepted of ${sum('sent')} sent, ${sum('queried')} QueryIssueResult calls (the node's polling); ` +
			`asked afterwards, it holds ${nos.length - notIssued.length} of ${nos.length} as issued`);
		assert(!ctx.requestLog.mayHaveMissed, 'the request log may have dropped calls between two reads');
		assert(issues.size === nos.length, `${issues.size} order numbers received an Issue`);
		assert(notOnce.length === 0, `not exactly one Issue sent and accepted: ${notOnce.slice(0, 5).map(([no, e]) => `${no} ${JSON.stringify(e)}`).join(', ')}`);
		assert(notIssued.length === 0, `${notIssued.length} not issued at the simulator, e.g. ${notIssued.slice(0, 3).join(', ')}`);
	});
	await check('executions ran on both workers (worker logs, enqueuer workerId, Postgres execution_entity)', () => {
		const byWorker = workerOfExecutions();
		const byEnqueuer = enqueuerWorkerIds();
		const ids = executions.map((e) => String(e.id));
		const split = tally(ids.map((id) => byWorker.get(id) ?? 'unknown'));
		const splitEnq = tally(ids.map((id) => byEnqueuer.get(id) ?? 'unknown'));
		const statuses = tally(executions.map((e) => `${e.mode}/${e.status}`));
		f.split = { workerLogs: split, enqueuer: splitEnq, postgres: statuses };
		note(`executions per worker (worker logs "Worker started execution"): ${countsText(split)}`);
		note(`executions per workerId (webhook processors' "Execution … finished"): ${countsText(splitEnq)}`);
		note(`Postgres execution_entity (${ISSUE_WORKFLOW}): ${countsText(statuses)}`);
		assert(executions.length === nos.length, `${executions.length} executions recorded for ${nos.length} orders`);
		assert(statuses['webhook/success'] === nos.length, 'not every execution succeeded');
		assert(new Set(executions.map((e) => e.no)).size === nos.length, 'executions and orders do not pair one to one');
		assert((split.w1 ?? 0) > 0 && (split.w2 ?? 0) > 0 && split.unknown === undefined, 'not both workers ran executions');
		assert(Object.keys(splitEnq).length === 2 && splitEnq['worker-ecticket-w1'] && splitEnq['worker-ecticket-w2'], 'the workers do not report two distinct hostIds');
	});
}

/**
 * 2. A worker dies mid-batch, and 3a. throughput with the one worker left (measured while n8n
 * has not yet given up on the killed worker's jobs, which takes it about 100 s).
 * @param {Context} ctx
 */
async function workerDies(ctx) {
	const nos = ctx.orderNos('K', SIZES.kill);
	const before = maxExecutionId();
	const idsIn = (/** @type {string} */ w, /** @type {RegExp} */ re) => new Set(stack.log(w).flatMap((l) => re.exec(l.message)?.[1] ?? []).filter((id) => Number(id) > before));
	const startedOn = (/** @type {string} */ w) => idsIn(w, /^Worker started execution (\d+) /);
	const finishedOn = (/** @type {string} */ w) => idsIn(w, /^Worker (?:finished|errored while running) execution (\d+)/);
	const batch = postOrders(nos);
	const w1 = /** @type {number} */ (stack.pid('w1'));
	let killedAt = 0;
	for (let i = 0; i < 600 && !killedAt; i++) {
		const started = startedOn('w1');
		const finished = finishedOn('w1');
		const running = [...started].filter((id) => !finished.has(id));
		if (started.size >= Math.min(40, SIZES.kill / 5) && running.length >= 3) {
			process.kill(w1, 'SIGKILL');
			killedAt = performance.now();
		} else await sleep(100);
	}
	assert(killedAt, 'worker 1 never had executions running');
	const killedAtIso = new Date().toISOString();
	await sleep(300);
	const finishedAfter = finishedOn('w1');
	const inFlight = [...startedOn('w1')].filter((id) => !finishedAfter.has(id));
	note(`SIGKILL worker 1 (pid ${w1}) at ${killedAtIso} with ${inFlight.length} executions running on it (${inFlight.join(', ')}); worker 2 keeps running`);
	await sleep(3000);
	const orphans = sessionMembers(w1);
	note(orphans.length
		? `worker 1's session 3 s later: ${orphans.map((o) => `${o.pid} ${o.cmd}`).join('; ')} — its task-runner child outlived it; the suite SIGKILLs it`
		: "worker 1's task-runner child exited with it");
	for (const o of orphans) {
		try {
			process.kill(o.pid, 'SIGKILL');
		} catch {
			// gone
		}
	}

	// While n8n has not given up on the lost jobs yet: throughput with the one worker left.
	for (let i = 0; i < 1200; i++) {
		const done = new Set(stack.log('w2').flatMap((l) => /^Worker (?:finished|errored while running) execution (\d+)/.exec(l.message)?.[1] ?? []).filter((id) => Number(id) > before)).size;
		if (done + inFlight.length + finishedAfter.size >= nos.length) break;
		await sleep(250);
	}
	const one = await issueBatch(ctx, 'T', SIZES.throughput, THROUGHPUT_CONCURRENCY);
	printBatch(`throughput, 1 worker (worker 2), ${THROUGHPUT_CONCURRENCY} in flight`, one.f);

	const { answers, seconds: secs } = await batch;
	await ctx.requestLog.poll();
	const lost = new Set(inFlight);
	// (n8n replaces the run data of a failed job by the error: those rows name no order any more)
	const executions = executionsOf(ISSUE_WORKFLOW, before, ctx.noPattern).filter((e) => String(e.no).startsWith(`${ctx.prefix}K`) || lost.has(String(e.id)));
	const byNo = new Map(executions.map((e) => [e.no, e]));
	const held = await queryAll(nos);
	const issues = ctx.requestLog.issuesBy(`${ctx.prefix}K`);
	const rows = answers.map((a) => ({ ...a, issued: answeredIssued(a), execution: byNo.get(a.no), simHolds: held.get(a.no)?.RtnCode === 1 }));
	const errored = rows.filter((r) => !r.issued);
	const callerAnswers = tally(errored.map((r) => `HTTP ${r.status} ${r.text.replace(/\s+/g, ' ').slice(0, 90)}`));
	const delays = errored.map((r) => (r.at - killedAt) / 1000);
	const statuses = tally(executions.map((e) => e.status));
	const lostStatuses = tally(executions.filter((e) => lost.has(String(e.id))).map((e) => e.status));
	const logLines = (/** @type {string} */ role, /** @type {RegExp} */ re) =>
		stack.log(role).filter((l) => l.level !== 'info' && re.test(l.message)).map((l) => `${role} ${l.metadata?.timestamp ?? ''} ${l.level}: ${firstLine(l.message)}`);
	const lostRe = new RegExp(`execution (${inFlight.join('|') || 'none'})\\b|maxStalledCount|failed before a response`, 'i');
	const lines = [...logLines('wh1', lostRe), ...logLines('wh2', lostRe), ...logLines('w2', /stalled|crashed|recover/i), ...logLines('main', /stalled|crashed|recover|dangling/i)];
	const messages = stack.sql(`SELECT e.id, e.status, substring(d.data from '"([^"]*(?:stalled|crashed|too many times)[^"]*)"') AS message
		FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		WHERE e."workflowId" = '${ISSUE_WORKFLOW}' AND e.id > ${before} AND e.status <> 'success' ORDER BY e.id`);
	report.figures.workerKill = {
		orders: nos.length, inFlightOnKilledWorker: inFlight, answeredIssued: rows.length - errored.length, answeredError: errored.length, callerAnswers,
		secondsFromKillToErrorAnswers: errored.length ? { min: round1(Math.min(...delays)), max: round1(Math.max(...delays)) } : null,
		executionStatuses: statuses, statusesOfLostExecutions: lostStatuses, executionMessages: tally(messages.map((m) => `${m.status}: ${m.message ?? ''}`)), logLines: lines.slice(0, 40),
		batch: batchFigures(answers, secs, executions),
	};
	note(`worker kill: ${rows.length - errored.length} of ${nos.length} callers got "issued", ${errored.length} got ${countsText(callerAnswers)}`);
	if (errored.length) note(`worker kill: those answers came ${round1(Math.min(...delays))}–${round1(Math.max(...delays))} s after the SIGKILL`);
	note(`worker kill: Postgres statuses of the batch: ${countsText(statuses)}; of the executions that were running on worker 1: ${countsText(lostStatuses)}`);
	for (const [m, n] of Object.entries(report.figures.workerKill.executionMessages)) note(`worker kill: ${n} × execution ${m.slice(0, 220)}`);
	for (const line of lines.slice(0, 6)) note(`worker kill log: ${line}`);

	await check('worker killed mid-batch: no order issued twice, no Issue sent twice (one accepted Issue per MerchantTradeNo)', () => {
		note(`worker kill: Issue calls per order — ${countsText(tally([...issues.values()].map((e) => `${e.sent} sent/${e.accepted} accepted`)))}`);
		assert(!ctx.requestLog.mayHaveMissed, 'the request log may have dropped calls between two reads');
		const twice = [...issues].filter(([, e]) => e.accepted > 1);
		const resent = [...issues].filter(([, e]) => e.sent > 1);
		assert(twice.length === 0, `issued twice: ${twice.map(([no]) => no).join(', ')}`);
		assert(resent.length === 0, `Issue sent again for: ${resent.map(([no]) => no).join(', ')}`);
	});
	await check('worker killed mid-batch: each order is issued and answered so, or its caller got an error and its execution is not "success" (none silently lost)', () => {
		const lies = rows.filter((r) => r.issued && !r.simHolds);
		const silent = rows.filter((r) => !r.issued && (r.status === 200 || r.execution?.status === 'success'));
		const unknown = rows.filter((r) => !r.issued && r.simHolds);
		report.figures.workerKill.heldButAnsweredError = unknown.length;
		note(`worker kill: ${unknown.length} of the orders answered with an error are held by the simulator (issued before the worker died: "unknown" to the caller until asked again)`);
		assert(lies.length === 0, `answered issued but not held: ${lies.map((r) => r.no).join(', ')}`);
		assert(silent.length === 0, `not issued without an error answer: ${silent.map((r) => `${r.no} HTTP ${r.status} ${r.execution?.status}`).join(', ')}`);
		assert(rows.every((r) => r.issued || r.status >= 400 || r.status === 0), 'an order neither issued nor answered with an error');
	});
	await check('worker killed mid-batch: sending the orders that got an error again issues each exactly once', async () => {
		const again = errored.map((r) => r.no);
		if (!again.length) return note('worker kill: no order to send again');
		const { answers: second } = await postOrders(again, { concurrency: 8 });
		await ctx.requestLog.poll();
		const after = ctx.requestLog.issuesBy(`${ctx.prefix}K`);
		const heldAfter = await queryAll(nos);
		// An order ECPay already holds is output with issuedBefore: true, ECPay's refusal (RtnCode 3006)
		// kept as it gave it, and the held order's issuance state.
		const issuedBefore = (/** @type {any} */ a) => a.status === 200 && a.json?.issuedBefore === true && a.json?.MerchantTradeNo === a.no && a.json?.issuance?.state === 'issued';
		const ok = (/** @type {any} */ a) => answeredIssued(a) || issuedBefore(a);
		const before = second.filter(issuedBefore).length;
		report.figures.workerKill.sentAgain = { orders: again.length, issued: second.filter(ok).length, issuedBefore: before };
		note(`worker kill: sent those ${again.length} again: ${second.filter(ok).length} answered issued, ${before} of them issuedBefore (ECPay refused the Issue as a used number; the node found the same order and its issuance)`);
		assert(second.every(ok), `not issued on the second try: ${second.filter((a) => !ok(a)).map((a) => `${a.no} ${a.text.slice(0, 160)}`).join(' | ')}`);
		assert(nos.every((no) => (after.get(no)?.accepted ?? 0) === 1), 'not exactly one accepted Issue per order');
		assert(nos.every((no) => heldAfter.get(no)?.Status === 1), 'not every order issued at the simulator');
	});
	return one;
}

/** 3b. Restart the killed worker; throughput with two workers. @param {Context} ctx @param {any} one */
async function throughput(ctx, one) {
	const tRestart = Date.now();
	stack.start('w1');
	const k = report.figures.workerKill;
	const restartLines = stack.log('w1').filter((l) => /crash|recover|active workflows|unfinished/i.test(l.message)).map((l) => firstLine(l.message));
	k.afterRestart = {
		seconds: (Date.now() - tRestart) / 1000,
		w1Lines: restartLines,
		statusesOfLostExecutions: tally(k.inFlightOnKilledWorker.length ? stack.sql(`SELECT status FROM execution_entity WHERE id IN (${k.inFlightOnKilledWorker.join(',')})`).map((r) => r.status) : []),
	};
	note(`worker 1 restarted in ${round1(k.afterRestart.seconds)} s; its log at start: ${restartLines.join(' | ') || 'nothing about the lost executions'}; ` +
		`the lost executions are now ${countsText(k.afterRestart.statusesOfLostExecutions)}`);
	const two = await issueBatch(ctx, 'U', SIZES.throughput, THROUGHPUT_CONCURRENCY);
	printBatch(`throughput, 2 workers, ${THROUGHPUT_CONCURRENCY} in flight`, two.f);
	report.figures.throughput = { oneWorker: one.f, twoWorkers: two.f };
	await check(`throughput batches (${SIZES.throughput} orders each): every order issued with one worker and with two`, () => {
		const bad = [...one.f.failures, ...two.f.failures];
		assert(bad.length === 0, `issued: 1 worker ${one.f.issued}, 2 workers ${two.f.issued}; e.g. ${bad.slice(0, 3).join(' | ')}`);
	});
}

/** What the proofs in notify.js and rotation.js use of this file. */
function helpers() {
	return {
		ROOT, OUT, PORTS, SIM, SIZES, LB_PORT, LB_MAX_PER_PROCESSOR, INSPECT_PORT, INSPECT_MAIN_PORT, RETRY_DELAY_S, ACK_GOAL_ASSERTED_UP_TO,
		merchant, stack, report, note, check, assert, sleep, round1, countsText, tally, percentile,
		sim, post, postOrders, answeredIssued, queryTickets, drained, maxExecutionId, executionsOf, workerOfExecutions, cpuSnapshot, cpuPer,
	};
}

// ---------------------------------------------------------------- main

async function main() {
	const t0 = Date.now();
	fs.mkdirSync(OUT, { recursive: true });
	const fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'ecticket-queue-fx-'));
	fs.mkdirSync(path.join(fixtures, 'workflows'));
	fs.writeFileSync(path.join(fixtures, 'credentials.json'), JSON.stringify(credentialFile(merchant, SIM)));
	for (const wf of [issueWorkflow(), issueNotifyWorkflow(), triggerWorkflow(`http://127.0.0.1:${PORTS.main}`)]) fs.writeFileSync(path.join(fixtures, 'workflows', `${wf.id}.json`), JSON.stringify(wf));

	const simulator = await startCli(['--port', String(SIM_PORT), '--issue-delay', String(ISSUE_DELAY_S), '--notify-interval', '0', '--notify-retry-delay', String(RETRY_DELAY_S)]);
	const runId = Date.now().toString(36).toUpperCase();
	/** @type {Context} */
	const ctx = {
		simulator,
		requestLog: new RequestLog(),
		orderNos: (tag, n) => Array.from({ length: n }, (_, i) => `Q${runId}${tag}${String(i).padStart(4, '0')}`),
		noPattern: `Q${runId}[A-Z][0-9]{4}`,
		prefix: `Q${runId}`,
		proxies: [],
	};
	let cleaned = false;
	const cleanup = async () => {
		if (cleaned) return;
		cleaned = true;
		await Promise.all(ctx.proxies.map((p) => p.close()));
		stack.down();
		await simulator.stop();
		fs.rmSync(fixtures, { recursive: true, force: true });
	};
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
		process.once(signal, () => {
			console.log(`# ${signal}: taking the stack down`);
			cleanup().finally(() => process.exit(130));
		});
	}
	const phase = async (/** @type {string} */ name, /** @type {() => Promise<any>} */ fn) => {
		const t = Date.now();
		try {
			return await fn();
		} finally {
			report.timings[name] = (Date.now() - t) / 1000;
		}
	};
	try {
		await phase('up', async () => stack.up({ ECTICKET_QUEUE_FIXTURES: fixtures, ECTICKET_QUEUE_PUBLISH: Object.values(IDS).join(' '), ECTICKET_QUEUE_INSPECT_PORT: String(INSPECT_PORT), ECTICKET_QUEUE_INSPECT_MAIN_PORT: String(INSPECT_MAIN_PORT) }));
		ctx.requestLog.start();
		if (PHASES.has('issue')) await phase('issueAcrossWorkers', () => issueAcrossWorkers(ctx));
		if (PHASES.has('kill')) {
			const one = await phase('workerKill', () => workerDies(ctx));
			await phase('throughput', () => throughput(ctx, one));
		}
		await ctx.requestLog.stop();
		if (PHASES.has('notifications')) await phase('notifications', () => notificationBursts(ctx, helpers()));
		if (PHASES.has('rotation')) await phase('keyRotation', () => keyRotation(ctx, helpers()));
	} catch (error) {
		results.push({ name: 'suite', ok: false });
		console.log(`FAIL - the suite stopped: ${error instanceof Error ? error.stack : error}`);
	} finally {
		await phase('down', cleanup);
	}
	report.timings.total = (Date.now() - t0) / 1000;
	report.results = results;
	fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(report, null, 2));
	closingNote();
	const passed = results.filter((r) => r.ok).length;
	console.log(`# timings (s): ${JSON.stringify(report.timings)}; figures in ${path.relative(ROOT, path.join(OUT, 'results.json'))}`);
	console.log(`${passed} passed, ${results.length - passed} failed`);
	process.exit(results.length && passed === results.length ? 0 : 1);
}

/** What n8n did, in words, from the figures. */
function closingNote() {
	const k = report.figures.workerKill;
	if (k) {
		note('closing note — a worker SIGKILLed mid-batch:');
		note(`  ${k.inFlightOnKilledWorker.length} executions were running on it. n8n 2.41.1 runs Bull with maxStalledCount 0: a job whose worker died is never run again.`);
		note(`  Their callers waited, then got ${countsText(k.callerAnswers)}${k.secondsFromKillToErrorAnswers ? ` ${k.secondsFromKillToErrorAnswers.min}–${k.secondsFromKillToErrorAnswers.max} s after the kill (Bull: job lock 60 s, stalled check every 30 s)` : ''};`);
		note(`  the executions are ${countsText(k.statusesOfLostExecutions)} in Postgres ("job stalled more than maxStalledCount"), not "crashed", and stay so after the worker restarts.`);
		note(`  ${k.heldButAnsweredError ?? '?'} of those orders were already issued; sent again, ${k.sentAgain ? `${k.sentAgain.issued} of ${k.sentAgain.orders} came back issued (${k.sentAgain.issuedBefore} issuedBefore)` : 'n/a'}; no order was issued twice.`);
	}
	const t = report.figures.throughput;
	if (t) note(`throughput: 1 worker ${t.oneWorker.perSecond} orders/s, 2 workers ${t.twoWorkers.perSecond} orders/s (${t.oneWorker.concurrency} in flight; each execution waits ~2 s for issuance, so a worker's 10 execution slots set the pace)`);
	for (const [events, n] of Object.entries(report.figures.notifications ?? {})) {
		note(`notifications, ${events} events (${n.deliveries} deliveries at once, then resent): acknowledgements p50 ${n.firstRound.p50}, p99 ${n.firstRound.p99}, max ${n.firstRound.max} ` +
			`(${n.firstRound.withinPatience} of ${n.firstRound.deliveries} within 10 s); resend p50 ${n.resendRound.p50}, p99 ${n.resendRound.p99}; executions per event ${countsText(n.executionsPerEvent)}`);
	}
	const r = report.figures.keyRotation;
	if (r) note(`key rotation: old keys refused at the latest ${Math.max(...Object.values(r.oldKeysWithoutNewTraffic).map((o) => Number(o.firstRefusedSentS ?? Infinity)))} s after the change (bound ${r.ttlSeconds} s); new keys: Issue at once, notifications at once`);
}

main().catch((error) => {
	console.error(error);
	console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
	process.exit(1);
});

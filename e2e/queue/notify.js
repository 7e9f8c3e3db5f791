// @ts-check
'use strict';
/**
 * Proof 2 of the queue-mode suite: ECPay's notifications across both webhook processors.
 * N distinct events (refunds: ECPay tells each to both notify URLs, /refund and /use-status)
 * are delivered all at once through a load balancer (measure.js) that hands the calls to wh1 and
 * wh2 in turn, then every one is sent again (ECPay resends one whose acknowledgement it did not
 * get). The trigger's Main Instance URL is main's own address, so each event starts one execution
 * on main's side. Asserted: every delivery acknowledged in ECPay's format in the end, exactly one
 * execution per event, none started by a resend; reported: the acknowledgement latency of the
 * first round and of the resend round, timeouts, CPU per process, profiles of wh1 and main.
 */
const fs = require('node:fs');
const path = require('node:path');

const { startAckProxy, connectProfiler, percentile, seconds } = require('./measure');
const { IDS, PATHS, TRIGGER_WEBHOOK_ID } = require('./workflows');
const { summarize, breakdown, callers } = require('../../bench/lib/profile');

const TICKETS_PER_ORDER = 10;
/** ECPay's patience with one delivery (the simulator's default --notify-timeout). */
const PATIENCE_MS = 10_000;
/** The resend round's records in the load balancer. */
const RESEND_ROUND = 100;

/** @typedef {Record<string, any>} Helpers what run.js's helpers() gives */

/**
 * The trigger's output item of each stored execution of the trigger workflow after `afterId`
 * (flatted run data; before the run the item is on the execution stack).
 * @param {Helpers} h @param {number} afterId
 * @returns {Array<{ id: number, status: string, ticketNo?: string, dedupKey?: string, notification?: string }>}
 */
function triggerItems(h, afterId) {
	const { parse } = require(path.join(path.dirname(path.dirname(h.stack.n8nBin())), 'flatted'));
	const rows = h.stack.sql(`SELECT e.id, e.status, d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		WHERE e."workflowId" = '${IDS.trigger}' AND e.id > ${afterId} ORDER BY e.id`);
	return rows.map((/** @type {any} */ r) => {
		let item;
		try {
			const data = parse(r.data);
			item = data?.resultData?.runData?.['ECPay ECTicket Trigger']?.[0]?.data?.main?.[0]?.[0]?.json ?? data?.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0]?.[0]?.json;
		} catch {
			item = undefined;
		}
		return { id: r.id, status: r.status, ticketNo: item?.TicketNo, dedupKey: item?.dedupKey, notification: item?.notification };
	});
}

/** Latency figures of a set of load-balancer records. @param {Helpers} h @param {any[]} records */
function latencyOf(h, records) {
	const ms = records.map((r) => (r.t1 !== undefined && r.gaveUp === undefined ? r.t1 - r.t0 : Infinity));
	const answered = ms.filter(Number.isFinite);
	return {
		deliveries: records.length,
		withinPatience: ms.filter((v) => v < PATIENCE_MS).length,
		p50: seconds(percentile(ms, 0.5)),
		p99: seconds(percentile(ms, 0.99)),
		max: seconds(Math.max(...ms)),
		answered: { n: answered.length, p50: seconds(percentile(answered, 0.5)), p99: seconds(percentile(answered, 0.99)) },
		statuses: h.tally(records.map((r) => (r.gaveUp !== undefined ? 'simulator gave up' : String(r.status ?? r.error ?? '?')))),
		byProcessor: h.tally(records.map((r) => (r.target === h.PORTS.wh1 ? 'wh1' : 'wh2'))),
	};
}

/**
 * What the simulator retries after a round (ECPay: 5–15 minutes later; here as soon as n8n is
 * quiet and the retry delay passed), until nothing of `ids` is pending or 5 rounds were sent.
 * @param {Helpers} h @param {any} lb @param {Set<string>} ids @param {number} before @param {Map<string, any>} attempts @param {number} round the first retry's round
 */
async function retryRounds(h, lb, ids, before, attempts, round) {
	for (let r = round; ; r++) {
		const ours = (await h.sim('GET', '/_simulator/notifications')).notifications.filter((/** @type {any} */ n) => ids.has(n.id));
		if (!ours.some((/** @type {any} */ n) => n.state === 'pending' || n.state === 'delivering') || r - round >= 4) return { retries: r - round, ours };
		const waitFrom = Date.now();
		await h.drained(IDS.trigger, before, 0, 300_000);
		await h.sleep(Math.max(0, h.RETRY_DELAY_S * 1000 + 200 - (Date.now() - waitFrom)));
		await deliver(h, lb, ids, attempts, r);
	}
}

/** One delivery round of everything due; its attempts are kept by id. @param {Helpers} h @param {any} lb @param {Set<string>} ids @param {Map<string, any>} attempts @param {number} round */
async function deliver(h, lb, ids, attempts, round) {
	lb.round = round;
	const { attempts: sent } = await h.sim('POST', '/_simulator/notifications/deliver');
	for (const a of sent) if (ids.has(a.notificationId)) attempts.set(a.id, a);
}

const PROFILE_BUCKETS = /** @type {Array<[string, RegExp]>} */ ([
	['expressions (an isolate per webhook call, vendor libraries, dispose)', /evalClosureSync|createContext|acquireIsolate|^dispose |^Isolate |isolated-vm|expression-runtime|\/expression\.js/],
	['the package (trigger: verify, decrypt, relay, acknowledge)', /\/node_modules\/n8n-nodes-ecpay-ecticket\//],
	['database (TypeORM, pg)', /@n8n\/typeorm|\/node_modules\/pg\/|pg-protocol|@n8n\/db\//],
	['Redis / Bull', /ioredis|\/node_modules\/bull\//],
	['HTTP client (axios)', /\/node_modules\/axios\//],
	['n8n webhook handling and executions (other)', /\/node_modules\/(n8n|n8n-core|n8n-workflow|@n8n\/[^/]+)\//],
]);

/** @param {Helpers} h @param {string} role @param {number} events @param {object} raw */
function profileFigures(h, role, events, raw) {
	const file = path.join(h.OUT, `${role}-burst-${events}.cpuprofile`);
	fs.writeFileSync(file, JSON.stringify(raw));
	const s = summarize(file, 12);
	const buckets = breakdown(file, PROFILE_BUCKETS, 'other (V8, GC, Node internals)');
	h.note(`profile of ${role} during the first round (${path.relative(h.ROOT, file)}): busy ${h.round1(s.busyMs / 1000)} s, idle ${h.round1(s.idleMs / 1000)} s`);
	h.note(`  by what it was doing (stack-inclusive): ${buckets.map((x) => `${x.name} ${x.pct}%`).join(', ')}`);
	h.note(`  top self time: ${s.top.slice(0, 8).map((t) => `${t.fn} ${t.pct}%`).join(', ')}`);
	return { file: path.relative(h.ROOT, file), busyMs: s.busyMs, idleMs: s.idleMs, breakdown: buckets, areas: s.areas.slice(0, 8), top: s.top, expressionCallers: callers(file, /^(Isolate|eval|createContext) /, 3) };
}

/**
 * Orders whose notify URLs are the load balancer's /refund and /use-status, issued through n8n,
 * then `events` of their tickets refunded at the simulator: the notification ids (2 per event).
 * @param {any} ctx @param {Helpers} h @param {string} tag @param {number} events @param {string} base
 */
async function refundEvents(ctx, h, tag, events, base) {
	const nos = ctx.orderNos(tag, Math.ceil(events / TICKETS_PER_ORDER));
	const { answers } = await h.postOrders(nos, {
		path: PATHS.issueNotify,
		concurrency: 8,
		timeoutMs: 60_000,
		body: (/** @type {string} */ no) => ({ orderNo: no, tickets: TICKETS_PER_ORDER, refundNotifyUrl: `${base}/refund`, useStatusNotifyUrl: `${base}/use-status` }),
	});
	// Setup only: an order whose answer did not come (n8n 2.41.1 leaves a webhook call unanswered
	// now and then, its execution finished) is read from the simulator instead.
	const unanswered = answers.filter((a) => !(a.status === 200 && Array.isArray(a.json)));
	for (const a of unanswered) a.json = await h.queryTickets(a.no);
	if (unanswered.length) h.note(`orders for the notifications: ${unanswered.length} of ${nos.length} unanswered by n8n (${h.countsText(h.tally(unanswered.map((a) => `HTTP ${a.status} ${String(a.text).slice(0, 60)}`)))}); their tickets read from the simulator`);
	const tickets = answers.flatMap((a) => (Array.isArray(a.json) ? a.json : [])).slice(0, events);
	if (tickets.length < events) throw new Error(`${tickets.length} tickets issued for ${events} events; e.g. ${unanswered[0]?.text}`);
	/** @type {string[]} */
	const ids = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: 8 }, async () => {
			while (next < tickets.length) {
				const t = tickets[next++];
				ids.push(...(await h.sim('POST', '/_simulator/tickets/refund', { TicketNo: t.TicketNo })).notificationIds);
			}
		}),
	);
	return { ids, ticketNos: new Set(tickets.map((t) => String(t.TicketNo))) };
}

/** The load balancer in front of both webhook processors (started once). @param {any} ctx @param {Helpers} h */
async function loadBalancer(ctx, h) {
	if (!ctx.proxies.length) ctx.proxies.push(await startAckProxy(h.LB_PORT, [h.PORTS.wh1, h.PORTS.wh2], { maxPerTarget: h.LB_MAX_PER_PROCESSOR }));
	return ctx.proxies[0];
}

/**
 * 2. Notification bursts: for each size N, N refunds (2N deliveries) at once, then all resent.
 * @param {any} ctx @param {Helpers} h
 */
async function notificationBursts(ctx, h) {
	const lb = await loadBalancer(ctx, h);
	const base = `http://127.0.0.1:${h.LB_PORT}/webhook/${TRIGGER_WEBHOOK_ID}`;
	h.report.figures.notifications = {};
	for (const [b, events] of h.SIZES.bursts.entries()) {
		const name = `burst of ${events} events`;
		let made;
		try {
			made = await refundEvents(ctx, h, String.fromCharCode(78 + b), events, base);
		} catch (error) {
			await h.check(`${name}: orders with the trigger's URLs issued through n8n, their tickets refunded`, () => h.assert(false, String(error instanceof Error ? error.message : error)));
			continue;
		}
		const { ids, ticketNos } = made;
		const idSet = new Set(ids);
		const before = h.maxExecutionId();
		const profile = b === h.SIZES.bursts.length - 1;
		const profilers = profile
			? await Promise.all(
					/** @type {Array<[string, number]>} */ ([['wh1', h.INSPECT_PORT], ['main', h.INSPECT_MAIN_PORT]]).map(async ([role, port]) => ({
						role,
						p: await connectProfiler(port).catch((e) => void h.note(`profiler of ${role}: ${e.message}`)),
					})),
				)
			: [];
		const cpu0 = h.cpuSnapshot(ctx.simulator);
		lb.records.length = 0;
		/** @type {Map<string, any>} */
		const attempts = new Map();
		await Promise.all(profilers.map(({ p }) => p?.start()));
		const t0 = performance.now();
		await deliver(h, lb, idSet, attempts, 1);
		const firstRoundS = (performance.now() - t0) / 1000;
		const raws = await Promise.all(profilers.map(async ({ role, p }) => ({ role, raw: await p?.stop() })));
		profilers.forEach(({ p }) => p?.close());
		const retried = await retryRounds(h, lb, idSet, before, attempts, 2);
		const settled = await h.drained(IDS.trigger, before, events, 300_000);
		const firstPhaseS = (performance.now() - t0) / 1000;
		const lastBeforeResend = h.maxExecutionId();
		// ECPay sends every one again, as it would had the acknowledgements been lost on their way back.
		const { resent } = await h.sim('POST', '/_simulator/notifications/resend', { ids });
		const tResend = performance.now();
		await deliver(h, lb, idSet, attempts, RESEND_ROUND);
		const resendRoundS = (performance.now() - tResend) / 1000;
		const retriedResend = await retryRounds(h, lb, idSet, before, attempts, RESEND_ROUND + 1);
		const done = await h.drained(IDS.trigger, before, events, 120_000);
		const cpu1 = h.cpuSnapshot(ctx.simulator);

		const ours = retriedResend.ours;
		const ourAttempts = [...attempts.values()];
		const runs = triggerItems(h, before);
		const perTicket = h.tally(runs.map((r) => r.ticketNo ?? '(none)'));
		const strangers = runs.filter((r) => !r.ticketNo || !ticketNos.has(r.ticketNo));
		const byRound = (/** @type {number} */ round) => lb.records.filter((r) => r.round === round);
		/** @type {Record<string, any>} */
		const fig = {
			events,
			deliveries: ids.length,
			firstRound: { seconds: h.round1(firstRoundS), ...latencyOf(h, byRound(1)) },
			resendRound: { resent: resent.length, seconds: h.round1(resendRoundS), ...latencyOf(h, byRound(RESEND_ROUND)) },
			retryRounds: { first: retried.retries, resend: retriedResend.retries },
			perRound: [...new Set(lb.records.map((r) => r.round))].map((round) => {
				const rs = byRound(round);
				return `${round >= RESEND_ROUND ? `resend+${round - RESEND_ROUND}` : round}: ${rs.filter((r) => r.t1 !== undefined && r.gaveUp === undefined && r.t1 - r.t0 < PATIENCE_MS).length}/${rs.length}`;
			}),
			untilExecutionsSettledSeconds: h.round1(firstPhaseS),
			attemptsByResult: h.tally(ourAttempts.map((a) => (a.accepted ? `accepted (${a.ackFormat})` : String(a.reason).slice(0, 50)))),
			finalStates: h.tally(ours.map((/** @type {any} */ n) => n.state)),
			executions: runs.length,
			executionStatuses: done.statuses,
			executionsPerEvent: h.tally([...ticketNos].map((t) => String(perTicket[t] ?? 0))),
			executionsNamingNoEventOfTheBurst: strangers.length,
			executionsCreatedAfterTheResend: runs.filter((r) => r.id > lastBeforeResend).length,
			distinctDedupKeys: new Set(runs.map((r) => r.dedupKey)).size,
			cpuMsPerEvent: h.cpuPer(cpu0, cpu1, events),
		};
		for (const { role, raw } of raws) if (raw) fig[`profile_${role}`] = profileFigures(h, role, events, raw);
		h.report.figures.notifications[events] = fig;
		const f = fig.firstRound;
		const r = fig.resendRound;
		h.note(`${name}: ${ids.length} deliveries at once through the load balancer (${h.countsText(f.byProcessor)}); first round ${f.seconds} s; ${retried.retries} retry round(s); executions settled after ${fig.untilExecutionsSettledSeconds} s`);
		h.note(`${name}: acknowledgement latency, first round: p50 ${f.p50}, p99 ${f.p99}, max ${f.max}; within ${PATIENCE_MS / 1000} s: ${f.withinPatience} of ${f.deliveries} (${h.countsText(f.statuses)})`);
		h.note(`${name}: resend of all ${r.resent}: round ${r.seconds} s, p50 ${r.p50}, p99 ${r.p99}, max ${r.max}; within ${PATIENCE_MS / 1000} s: ${r.withinPatience} of ${r.deliveries}; ${retriedResend.retries} retry round(s)`);
		h.note(`${name}: ${ourAttempts.length} attempts in all: ${h.countsText(fig.attemptsByResult)}; final: ${h.countsText(fig.finalStates)}; answered in time per round: ${fig.perRound.join(', ')}`);
		h.note(`${name}: executions ${runs.length} (${h.countsText(done.statuses)}); per event: ${h.countsText(fig.executionsPerEvent)}; created after the resend: ${fig.executionsCreatedAfterTheResend}; naming no event of the burst: ${strangers.length}`);
		h.note(`${name}: CPU ms per event, all rounds and executions — ${h.countsText(fig.cpuMsPerEvent)}`);

		await h.check(`${name}: every delivery (${ids.length} at once, then ${resent.length} resent) acknowledged in ECPay's format (signed envelope, RtnCode 1) in the end`, () => {
			const notAcked = ours.filter((/** @type {any} */ n) => n.state !== 'delivered');
			const acceptedPer = h.tally(ourAttempts.filter((a) => a.accepted).map((a) => a.notificationId));
			h.assert(ours.length === ids.length, `${ours.length} notifications queued for ${ids.length}`);
			h.assert(notAcked.length === 0, `${notAcked.length} not acknowledged after 5 attempts: ${h.countsText(h.tally(notAcked.map((/** @type {any} */ n) => `${n.state}: ${String(n.lastReason).slice(0, 70)}`)))}`);
			h.assert(resent.length === ids.length, `${resent.length} resent of ${ids.length}`);
			h.assert(ids.every((id) => acceptedPer[id] === 2), `not every notification acknowledged once before and once after the resend: ${h.countsText(h.tally(ids.map((id) => String(acceptedPer[id] ?? 0))))}`);
			h.assert(ourAttempts.filter((a) => a.accepted).every((a) => a.ackFormat === 'envelope'), 'an acceptance that is not an envelope');
		});
		await h.check(`${name}: exactly one execution per event (by TicketNo), all successful, none started by a resend`, () => {
			h.assert(settled.settled && done.settled, `executions still running after the wait: ${h.countsText(done.statuses)}`);
			h.assert(!done.statuses.new, `${done.statuses.new} executions left "new" (never run)`);
			h.assert(strangers.length === 0, `${strangers.length} executions carry no event of this burst (e.g. ${JSON.stringify(strangers.slice(0, 2))})`);
			h.assert([...ticketNos].every((t) => perTicket[t] === 1), `executions per event: ${h.countsText(fig.executionsPerEvent)}`);
			h.assert(runs.length === events && fig.distinctDedupKeys === events, `${runs.length} executions, ${fig.distinctDedupKeys} event keys for ${events} events`);
			h.assert(fig.executionsCreatedAfterTheResend === 0, `${fig.executionsCreatedAfterTheResend} executions created after the resend`);
			h.assert(Object.keys(done.statuses).every((st) => st === 'success'), `statuses ${h.countsText(done.statuses)}`);
		});
		const goal = `${name}: every acknowledgement within ECPay's patience (${PATIENCE_MS / 1000} s), first round and resend`;
		const met = f.withinPatience === f.deliveries && r.withinPatience === r.deliveries;
		if (events <= h.ACK_GOAL_ASSERTED_UP_TO) {
			await h.check(goal, () => h.assert(met, `first round ${f.withinPatience} of ${f.deliveries} in time (max ${f.max}), resend ${r.withinPatience} of ${r.deliveries} (max ${r.max})`));
		} else {
			fig.goalMet = met;
			h.note(`${goal}: ${met ? 'met' : `NOT MET on this machine (reported, not asserted above ${h.ACK_GOAL_ASSERTED_UP_TO} events): first round ${f.withinPatience} of ${f.deliveries} in time, resend ${r.withinPatience} of ${r.deliveries}`}`);
		}
	}
}

module.exports = { notificationBursts, refundEvents, deliver, loadBalancer };

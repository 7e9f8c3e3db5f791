// @ts-check
'use strict';
/**
 * Proof 4 of the queue-mode suite: the merchant's keys change — at ECPay (the simulator's
 * POST /_simulator/merchants/keys) and in n8n, through n8n's REST API as the editor saves a
 * credential — and every process uses the new ones within the time the README states:
 * workers sign their Issue calls with them at once; webhook processors and main accept
 * notifications signed with them at once, and refuse old-key ones at the latest CREDENTIAL_TTL
 * after the change (a process refuses them as soon as it has seen one with the new keys).
 * The keys are random, never printed.
 */
const crypto = require('node:crypto');

const { Codec } = require('../../protocol/crypto');
const { sealRequest, openResponse } = require('../../protocol/envelope');
const { CREDENTIAL_TTL_MS } = require('../../nodes/EcPayEcTicketTrigger/credentialCache');
const { CREDENTIAL, IDS, TRIGGER_WEBHOOK_ID } = require('./workflows');
const { deliver, loadBalancer, refundEvents } = require('./notify');

const OWNER = { email: 'owner@ecticket.test', password: 'EcTicket2026!' };
const PROBE_EVERY_MS = 2000;

/** 16 random ASCII letters and digits. */
const randomKey = () => crypto.randomBytes(24).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16);

/** @param {string} base @returns {Promise<(method: string, path: string, body?: unknown) => Promise<any>>} */
async function restClient(base) {
	const login = await fetch(`${base}/rest/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }) });
	if (!login.ok) throw new Error(`login failed: HTTP ${login.status} ${(await login.text()).slice(0, 200)}`);
	const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
	return async (method, path, body) => {
		const response = await fetch(`${base}/rest${path}`, { method, headers: { 'content-type': 'application/json', cookie, 'browser-id': 'ecticket-queue' }, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
		return JSON.parse(text).data;
	};
}

/**
 * Two changes of keys. The first (old → new) shows how long old keys are still accepted when
 * nothing has told the processes of the change: only old-key notifications are sent until every
 * process refuses them, then new-key ones. The second (new → newer) shows the other order:
 * newer-key notifications right after the change, then the now old ones.
 * @param {any} ctx @param {import('./notify').Helpers} h
 */
async function keyRotation(ctx, h) {
	const merchant = h.merchant;
	const sender = { merchantId: merchant.merchantId };
	let seq = 0;
	/** A distinct refund event, as ECPay would notify it, sealed with `codec`. @param {Codec} codec */
	const notice = (codec) => {
		const no = `${ctx.prefix}ROT${String(++seq).padStart(3, '0')}`;
		return sealRequest(codec, sender, { MerchantID: merchant.merchantId, MerchantTradeNo: no, TicketTradeNo: '2026120700000001', TicketNo: `R${no}`.slice(-16), RefundAmount: 680, RefundDate: '2026/12/07 10:00:00', Remark: '' });
	};
	const path = `/webhook/${TRIGGER_WEBHOOK_ID}/refund`;
	/** Posts a notification; `acked` when answered 200 with an envelope that opens with `codec` and says RtnCode 1. @param {string} role @param {Codec} codec */
	const probe = async (role, codec) => {
		const sentAt = Date.now();
		const { status, text } = await h.post(h.PORTS[role], path, JSON.stringify(notice(codec)));
		let acked = false;
		try {
			acked = status === 200 && openResponse(codec, text).data.RtnCode === 1;
		} catch {
			acked = false;
		}
		return { role, sentAt, answeredAt: Date.now(), status, acked, text: acked ? '' : text.slice(0, 100) };
	};
	/** @type {Array<'wh1' | 'wh2' | 'main'>} */
	const roles = ['wh1', 'wh2', 'main'];
	const rest = await restClient(`http://127.0.0.1:${h.PORTS.main}`);
	/** Changes the keys at ECPay (the simulator) and in n8n's credential, as the editor saves it; the time n8n answered. @param {{ hashKey: string, hashIV: string }} keys */
	const change = async (keys) => {
		await h.sim('POST', '/_simulator/merchants/keys', { merchantId: merchant.merchantId, ...keys });
		await rest('PATCH', `/credentials/${CREDENTIAL.id}`, {
			name: CREDENTIAL.name,
			type: CREDENTIAL.type,
			data: { environment: 'custom', baseUrl: h.SIM, merchantId: merchant.merchantId, hashKeySecret: keys.hashKey, hashIvSecret: keys.hashIV },
		});
		return Date.now();
	};
	/** Orders sent while the keys change; issued only if the workers sign with the keys ECPay now holds. @param {string} tag */
	const issueOrders = async (tag) => {
		const before = h.maxExecutionId();
		const nos = ctx.orderNos(tag, 20);
		const { answers } = await h.postOrders(nos, { concurrency: 10 });
		const byWorker = h.workerOfExecutions();
		const executions = h.executionsOf(IDS.issue, before, ctx.noPattern);
		return {
			orders: nos.length,
			issued: answers.filter(h.answeredIssued).length,
			workers: h.tally(executions.map((/** @type {any} */ e) => byWorker.get(String(e.id)) ?? 'unknown')),
			failure: answers.find((a) => !h.answeredIssued(a))?.text.slice(0, 200),
		};
	};

	const A = new Codec({ hashKey: merchant.hashKey, hashIV: merchant.hashIV });
	const keysB = { hashKey: randomKey(), hashIV: randomKey() };
	const keysC = { hashKey: randomKey(), hashIV: randomKey() };
	const B = new Codec(keysB);
	const C = new Codec(keysC);

	// Before: every process has used the old keys (its trigger remembers them), and a
	// notification waits at the simulator, to be sealed after the change.
	const warm = await Promise.all(roles.map((role) => probe(role, A)));
	const base = `http://127.0.0.1:${h.LB_PORT}/webhook/${TRIGGER_WEBHOOK_ID}`;
	const lb = await loadBalancer(ctx, h);
	const pending = await refundEvents(ctx, h, 'P', 1, base);

	// 1. A → B; old-key notifications only, every 2 s, until every process refuses them.
	const t0 = await change(keysB);
	const issuing1 = issueOrders('W');
	/** @type {Record<string, Array<Awaited<ReturnType<typeof probe>>>>} */
	const old = { wh1: [], wh2: [], main: [] };
	const refusing = (/** @type {string} */ role) => old[role].at(-1)?.acked === false;
	while (Date.now() < t0 + CREDENTIAL_TTL_MS + 15_000 && !roles.every(refusing)) {
		const round = Date.now();
		await Promise.all(roles.filter((role) => !refusing(role)).map(async (role) => old[role].push(await probe(role, A))));
		await h.sleep(Math.max(0, PROBE_EVERY_MS - (Date.now() - round)));
	}
	const newAfter = await Promise.all(roles.map((role) => probe(role, B)));
	// The notification queued before the change, sealed by the simulator with the new keys, through the load balancer.
	/** @type {Map<string, any>} */
	const attempts = new Map();
	await deliver(h, lb, new Set(pending.ids), attempts, 200);
	const simulatorAttempts = [...attempts.values()];
	const issued1 = await issuing1;

	// 2. B → C; newer-key notifications at once, then the now old ones.
	const t1 = await change(keysC);
	const issuing2 = issueOrders('X');
	const newAtOnce = await Promise.all(roles.map((role) => probe(role, C)));
	const oldAfterNew = await Promise.all(roles.map((role) => probe(role, B)));
	const issued2 = await issuing2;

	const s = (/** @type {number} */ at, /** @type {number} */ from) => h.round1((at - from) / 1000);
	const oldKeys = Object.fromEntries(
		roles.map((role) => {
			const probes = old[role];
			const accepted = probes.filter((p) => p.acked);
			const refused = probes.find((p) => !p.acked);
			return [role, { probes: probes.length, lastAcceptedSentS: accepted.length ? s(accepted[accepted.length - 1].sentAt, t0) : null, firstRefusedSentS: refused ? s(refused.sentAt, t0) : null, refusal: refused ? `HTTP ${refused.status} ${refused.text}` : null }];
		}),
	);
	const fig = {
		ttlSeconds: CREDENTIAL_TTL_MS / 1000,
		issuedAfterFirstChange: issued1,
		issuedAfterSecondChange: issued2,
		oldKeysWithoutNewTraffic: oldKeys,
		newKeysAfterTheOldWereRefused: newAfter.map((p) => `${p.role} ${p.acked ? 'acknowledged' : `HTTP ${p.status} ${p.text}`}`),
		simulatorNotificationSealedWithNewKeys: simulatorAttempts.map((a) => (a.accepted ? 'accepted' : a.reason)),
		newerKeysRightAfterSecondChange: newAtOnce.map((p) => `${p.role} ${p.acked ? `acknowledged ${s(p.answeredAt, t1)} s after the change` : `HTTP ${p.status} ${p.text}`}`),
		olderKeysThen: oldAfterNew.map((p) => `${p.role} ${p.acked ? 'ACCEPTED' : `refused (HTTP ${p.status})`}`),
	};
	h.report.figures.keyRotation = fig;
	h.note(`key rotation 1 (old → new, only old-key notifications until refused): ${Object.entries(oldKeys).map(([role, o]) => `${role} last accepted ${o.lastAcceptedSentS ?? '–'} s, first refused ${o.firstRefusedSentS ?? 'never'} s after the change`).join('; ')}`);
	h.note(`key rotation 1: then new-key notifications: ${fig.newKeysAfterTheOldWereRefused.join(', ')}; the simulator's, sealed with the new keys: ${fig.simulatorNotificationSealedWithNewKeys.join(', ')}`);
	h.note(`key rotation 2 (new → newer, newer-key notifications at once): ${fig.newerKeysRightAfterSecondChange.join(', ')}; then the older keys: ${fig.olderKeysThen.join(', ')}`);
	h.note(`key rotation: orders sent right after each change: ${issued1.issued} / ${issued1.orders} and ${issued2.issued} / ${issued2.orders} issued (workers ${h.countsText(issued1.workers)}; ${h.countsText(issued2.workers)})`);

	await h.check('key rotation: every Issue sent right after a change is signed with the new keys (issued), on both workers', () => {
		h.assert(warm.every((p) => p.acked), `a process did not accept the old keys before the change: ${warm.map((p) => `${p.role} HTTP ${p.status}`).join(', ')}`);
		for (const issued of [issued1, issued2]) {
			h.assert(issued.issued === issued.orders, `${issued.issued} of ${issued.orders} issued; e.g. ${issued.failure}`);
			h.assert((issued.workers.w1 ?? 0) > 0 && (issued.workers.w2 ?? 0) > 0, `workers: ${h.countsText(issued.workers)}`);
		}
	});
	await h.check('key rotation: notifications signed with the new keys are acknowledged (with them) by both webhook processors and main at once, ECPay\'s (the simulator\'s) too', () => {
		h.assert([...newAfter, ...newAtOnce].every((p) => p.acked), `not acknowledged: ${[...newAfter, ...newAtOnce].filter((p) => !p.acked).map((p) => `${p.role} HTTP ${p.status} ${p.text}`).join(', ')}`);
		h.assert(simulatorAttempts.length === pending.ids.length && simulatorAttempts.every((a) => a.accepted), `simulator: ${fig.simulatorNotificationSealedWithNewKeys.join(', ')}`);
	});
	await h.check(`key rotation: old-key notifications refused at the latest ${CREDENTIAL_TTL_MS / 1000} s after the change, at once after a process heard the new keys`, () => {
		const lateAccepted = roles.flatMap((role) => old[role]).filter((p) => p.acked && p.sentAt >= t0 + CREDENTIAL_TTL_MS);
		h.assert(lateAccepted.length === 0, `${lateAccepted.length} accepted although sent ${CREDENTIAL_TTL_MS / 1000} s or more after the change`);
		h.assert(roles.every(refusing) && roles.every((role) => Number(old[role].at(-1)?.status) >= 400), `still accepted at the end: ${JSON.stringify(oldKeys)}`);
		h.assert(oldAfterNew.every((p) => !p.acked && p.status >= 400), `accepted after the newer keys were heard: ${fig.olderKeysThen.join(', ')}`);
	});
}

module.exports = { keyRotation };

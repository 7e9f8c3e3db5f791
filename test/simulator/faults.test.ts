import { Codec } from '../../protocol/crypto';
import {
	EnvelopeError,
	openResponse,
	readResponseEnvelope,
	sealRequest,
	type BusinessData,
	type ResponseEnvelope,
} from '../../protocol/envelope';
import { ENDPOINTS } from '../../protocol/rules/endpoints';
import { FAULT_KINDS, FaultInjector, faultedAnswer, otherKeys, readFaultPlan, type FaultPlan } from '../../simulator/faults';
import { RTN_CODES, TRANS_CODES } from '../../simulator/rtnCodes';
import { TicketStore } from '../../simulator/store';
import examplePlan from '../../simulator/faults.example.json';
import { codec, MERCHANT, MERCHANT_ID, orders, startTestSimulator, type TestSimulator } from './client';
import { startCli } from '../../simulator/cliProcess';

let sim: TestSimulator;
beforeEach(async () => {
	sim = await startTestSimulator({ notifyIntervalMs: 0 });
});
afterEach(() => sim.close());

/** The request envelope of `data`, sealed as the test merchant would. */
const sealed = (data: BusinessData) =>
	JSON.stringify(sealRequest(codec, { merchantId: MERCHANT_ID }, data, Math.floor(sim.clock.ms / 1000)));

/** Posts an envelope without judging the answer. */
const post = (path: string, data: BusinessData, signal?: AbortSignal) =>
	fetch(sim.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: sealed(data), signal });

const escrowDay = (signal?: AbortSignal) => post(ENDPOINTS.escrowDay, { MerchantID: MERCHANT_ID }, signal);

/** PUT / GET / DELETE /_simulator/faults. */
const faults = async (method: 'GET' | 'PUT' | 'DELETE', plan?: unknown) => {
	const response = await fetch(`${sim.url}/_simulator/faults`, {
		method,
		headers: plan === undefined ? {} : { 'Content-Type': 'application/json' },
		body: plan === undefined ? undefined : JSON.stringify(plan),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const usePlan = async (plan: FaultPlan) => {
	const answer = await faults('PUT', plan);
	expect(answer.status).toBe(200);
};

/** How a rejected fetch looks: the error, and the cause Node's fetch (undici) attaches. */
async function fetchFailure(request: Promise<Response>) {
	const error = (await request.then(
		() => undefined,
		(e: unknown) => e,
	)) as (Error & { cause?: Error & { code?: string } }) | undefined;
	if (!error) throw new Error('the request succeeded');
	return { name: error.name, message: error.message, cause: error.cause && { name: error.cause.name, code: error.cause.code } };
}

/** What opening an answer throws, as `check`. */
function envelopeFailure(open: () => unknown): string {
	try {
		open();
	} catch (error) {
		return error instanceof EnvelopeError ? error.check : `not an EnvelopeError: ${String(error)}`;
	}
	throw new Error('the envelope opened');
}

const orderOf = (no: string) => sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' });
const issueEntries = () => sim.simulator.requests.filter((r) => r.path === ENDPOINTS.issue);

describe('connection faults (Node fetch sees them as TypeError "fetch failed")', () => {
	it('resetBefore: the connection is reset and nothing is recorded; the number stays free', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.issue, fault: 'resetBefore', nth: [1] }] });
		const data = orders.electronic();
		expect(await fetchFailure(post(ENDPOINTS.issue, data))).toEqual({
			name: 'TypeError',
			message: 'fetch failed',
			cause: { name: 'Error', code: 'ECONNRESET' },
		});
		expect(orderOf(String(data.MerchantTradeNo))).toBeUndefined();
		expect((await sim.queryIssueResult({ MerchantTradeNo: data.MerchantTradeNo })).RtnCode).toBe(RTN_CODES.orderNotFound.code);
		expect(issueEntries()).toEqual([
			{ time: expect.any(String), method: 'POST', path: ENDPOINTS.issue, httpStatus: 0, merchantId: MERCHANT_ID, fault: 'resetBefore' },
		]);
		// The retry is the endpoint's second call: no fault, and the number was never used.
		expect((await sim.issue(data)).RtnCode).toBe(1);
	});

	it('resetAfter: the order is recorded, then the connection is reset; a retry finds the number used', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.issue, fault: 'resetAfter', nth: [1] }] });
		const data = orders.electronic();
		expect(await fetchFailure(post(ENDPOINTS.issue, data))).toMatchObject({
			message: 'fetch failed',
			cause: { code: 'ECONNRESET' },
		});
		expect(orderOf(String(data.MerchantTradeNo))).toBeDefined();
		expect(await sim.queryIssueResult({ MerchantTradeNo: data.MerchantTradeNo })).toMatchObject({ RtnCode: 1, Status: 3 });
		expect(issueEntries()[0]).toMatchObject({ httpStatus: 0, transCode: 1, rtnCode: 1, fault: 'resetAfter', data });
		expect((await sim.issue(data)).RtnCode).toBe(RTN_CODES.tradeNoUsed.code);
	});

	it('timeout: the order is recorded and no answer comes; the client gives up (TimeoutError)', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.issue, fault: 'timeout' }] });
		const data = orders.paper();
		const started = Date.now();
		expect(await fetchFailure(post(ENDPOINTS.issue, data, AbortSignal.timeout(300)))).toEqual({
			name: 'TimeoutError',
			message: 'The operation was aborted due to timeout',
			cause: undefined,
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
		expect(orderOf(String(data.MerchantTradeNo))?.tickets).toHaveLength(20);
		expect(issueEntries()[0]).toMatchObject({ httpStatus: 0, rtnCode: 1, fault: 'timeout' });
	});

	it('timeout: a held connection ends when the simulator closes', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.escrowDay, fault: 'timeout' }] });
		const held = fetchFailure(escrowDay());
		while (sim.simulator.requests.length === 0) await sim.control('GET', 'health');
		await sim.close();
		expect(await held).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'UND_ERR_SOCKET' } });
		sim = await startTestSimulator();
	});
});

describe('HTTP status faults: answered without processing', () => {
	it.each([
		['http500', 500, /500 - Internal server error/],
		['http503', 503, /Service Unavailable/],
		['http403', 403, /403 - Forbidden[\s\S]*30 minutes/],
	] as const)('%s answers %i with an HTML page and records nothing', async (fault, status, page) => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.issue, fault }] });
		const data = orders.paper();
		const response = await post(ENDPOINTS.issue, data);
		expect(response.status).toBe(status);
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const text = await response.text();
		expect(text).toMatch(page);
		expect(() => JSON.parse(text)).toThrow(SyntaxError);
		expect(orderOf(String(data.MerchantTradeNo))).toBeUndefined();
		expect(issueEntries()).toEqual([
			{ time: expect.any(String), method: 'POST', path: ENDPOINTS.issue, httpStatus: status, merchantId: MERCHANT_ID, fault },
		]);
	});
});

describe('body faults', () => {
	it('truncated: the order is recorded and the first half of the JSON arrives', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.issue, fault: 'truncated', nth: [1] }] });
		const data = orders.paper();
		const response = await post(ENDPOINTS.issue, data);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		const text = await response.text();
		expect(text.startsWith('{"PlatformID":null,"MerchantID":"3085676"')).toBe(true);
		expect(() => JSON.parse(text)).toThrow(SyntaxError);
		expect(envelopeFailure(() => readResponseEnvelope(text))).toBe('shape');
		expect(orderOf(String(data.MerchantTradeNo))).toBeDefined();
		expect(issueEntries()[0]).toMatchObject({ httpStatus: 200, rtnCode: 1, fault: 'truncated' });
	});

	it('notJson: the order is recorded and an HTML page arrives with 200', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.issue, fault: 'notJson' }] });
		const data = orders.paper();
		const response = await post(ENDPOINTS.issue, data);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const text = await response.text();
		expect(text).toMatch(/^<!DOCTYPE html>/);
		expect(envelopeFailure(() => readResponseEnvelope(text))).toBe('shape');
		expect(orderOf(String(data.MerchantTradeNo))).toBeDefined();
	});

	it('transCode: a refused envelope (TransCode 9999 by default), nothing recorded', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.issue, fault: 'transCode' }] });
		const data = orders.paper();
		const response = await post(ENDPOINTS.issue, data);
		expect(response.status).toBe(200);
		const body = (await response.json()) as ResponseEnvelope;
		expect(body).toMatchObject({ MerchantID: MERCHANT_ID, TransCode: TRANS_CODES.injected.code, Data: '', CheckMacValue: '' });
		expect(body.TransMsg).toMatch(/Injected fault/);
		expect(envelopeFailure(() => readResponseEnvelope(body))).toBe('transCode');
		expect(orderOf(String(data.MerchantTradeNo))).toBeUndefined();
		expect(issueEntries()[0]).toMatchObject({ httpStatus: 200, merchantId: MERCHANT_ID, transCode: 9999, fault: 'transCode' });
		expect(issueEntries()[0].rtnCode).toBeUndefined();
	});

	it('transCode: the rule may name the TransCode', async () => {
		await usePlan({ rules: [{ fault: 'transCode', transCode: 10100050 }] });
		expect(((await (await escrowDay()).json()) as ResponseEnvelope).TransCode).toBe(10100050);
	});

	it('wrongCheckMac: the order is recorded; the answer decrypts but its CheckMacValue is wrong', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.issue, fault: 'wrongCheckMac' }] });
		const data = orders.paper();
		const body = (await (await post(ENDPOINTS.issue, data)).json()) as ResponseEnvelope;
		expect(body.TransCode).toBe(1);
		expect(body.CheckMacValue).toMatch(/^[0-9A-F]{64}$/);
		expect(envelopeFailure(() => openResponse(codec, body))).toBe('checkMacValue');
		expect(JSON.parse(codec.open(body.Data))).toMatchObject({ RtnCode: 1 });
		expect(orderOf(String(data.MerchantTradeNo))).toBeDefined();
		expect(issueEntries()[0]).toMatchObject({ httpStatus: 200, rtnCode: 1, fault: 'wrongCheckMac' });
	});

	it('wrongKey: the order is recorded; the answer is sealed with other keys and does not open', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.issue, fault: 'wrongKey' }] });
		const checks = new Set<string>();
		for (let i = 0; i < 8; i++) {
			const data = orders.paper();
			const body = (await (await post(ENDPOINTS.issue, data)).json()) as ResponseEnvelope;
			expect(body.TransCode).toBe(1);
			checks.add(envelopeFailure(() => openResponse(codec, body)));
			expect(openResponse(new Codec(otherKeys(MERCHANT)), body).data).toMatchObject({ RtnCode: 1 });
			expect(orderOf(String(data.MerchantTradeNo))).toBeDefined();
		}
		// AES with another key nearly always fails on the padding; the rare rest fails later.
		for (const check of checks) expect(['decrypt', 'urlDecode', 'checkMacValue']).toContain(check);
		expect(checks.has('decrypt')).toBe(true);
	});

	it('wrongCheckMac leaves an answer that is no accepted envelope as it was', async () => {
		await usePlan({ rules: [{ fault: 'wrongCheckMac' }] });
		const wrong = new Codec({ hashKey: MERCHANT.hashIV, hashIV: MERCHANT.hashKey });
		const body = await sim.send(ENDPOINTS.escrowDay, { MerchantID: MERCHANT_ID }, { codec: wrong });
		expect(body).toMatchObject({ TransCode: TRANS_CODES.decrypt.code, CheckMacValue: '' });
		expect(sim.simulator.requests.at(-1)).toMatchObject({ transCode: TRANS_CODES.decrypt.code, fault: 'wrongCheckMac' });
	});
});

describe('latency', () => {
	it('delays the answer, which is otherwise normal', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.escrowDay, fault: 'latency', latencyMs: 200 }] });
		const started = Date.now();
		const response = await escrowDay();
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		expect(openResponse(codec, await response.json()).data).toMatchObject({ RtnCode: 1, EscrowDay: 30 });
		expect(sim.simulator.requests.at(-1)).toMatchObject({ httpStatus: 200, rtnCode: 1, fault: 'latency', latencyMs: 200 });
	});

	it('adds up with other latency rules and combines with another fault, which decides the answer', async () => {
		await usePlan({
			rules: [
				{ fault: 'latency', latencyMs: 100 },
				{ fault: 'http503', latencyMs: 50 },
				{ fault: 'latency', latencyMs: 60 },
			],
		});
		const started = Date.now();
		expect((await escrowDay()).status).toBe(503);
		expect(Date.now() - started).toBeGreaterThanOrEqual(200);
		expect(sim.simulator.requests.at(-1)).toMatchObject({ httpStatus: 503, fault: 'http503', latencyMs: 210 });
		expect((await faults('GET')).body).toMatchObject({ fired: [1, 1, 1], counts: { latency: 2, http503: 1 } });
	});

	it('a client that gives up during the delay gets nothing, and the simulator carries on', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.issue, fault: 'latency', latencyMs: 400 }] });
		const data = orders.paper();
		expect((await fetchFailure(post(ENDPOINTS.issue, data, AbortSignal.timeout(100)))).name).toBe('TimeoutError');
		// The order was recorded on arrival; only the answer was late.
		expect(orderOf(String(data.MerchantTradeNo))).toBeDefined();
		expect((await sim.call(ENDPOINTS.escrowDay, { MerchantID: MERCHANT_ID })).RtnCode).toBe(1);
	});
});

describe('choosing the calls', () => {
	const statuses = async (n: number, call: () => Promise<Response>) => {
		const result: number[] = [];
		for (let i = 0; i < n; i++) {
			const response = await call();
			await response.arrayBuffer();
			result.push(response.status);
		}
		return result;
	};
	const queryItem = () => post(ENDPOINTS.queryItemInfo, { MerchantID: MERCHANT_ID, ItemNo: 'VQT04959' });

	it('nth counts the calls of the rule’s endpoint only', async () => {
		await usePlan({ rules: [{ endpoint: '/api/ticket/queryiteminfo', fault: 'http500', nth: [2, 4] }] });
		expect(await statuses(2, queryItem)).toEqual([200, 500]);
		expect(await statuses(3, escrowDay)).toEqual([200, 200, 200]);
		expect(await statuses(3, queryItem)).toEqual([200, 500, 200]);
		expect((await faults('GET')).body).toMatchObject({
			fired: [2],
			calls: { total: 8, byEndpoint: { [ENDPOINTS.queryItemInfo]: 5, [ENDPOINTS.escrowDay]: 3 } },
		});
	});

	it('nth of a rule without endpoint counts every API call', async () => {
		await usePlan({ rules: [{ fault: 'http503', nth: [2, 3] }] });
		expect([...(await statuses(1, queryItem)), ...(await statuses(2, escrowDay)), ...(await statuses(1, queryItem))]).toEqual([
			200, 503, 503, 200,
		]);
	});

	it('targets one endpoint and leaves the others alone', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.queryItemInfo, fault: 'http403' }] });
		expect(await statuses(2, queryItem)).toEqual([403, 403]);
		expect(await statuses(2, escrowDay)).toEqual([200, 200]);
	});

	it('times caps the firings', async () => {
		await usePlan({ rules: [{ fault: 'http503', times: 2 }] });
		expect(await statuses(4, escrowDay)).toEqual([503, 503, 200, 200]);
	});

	it('the first fault rule that fires wins; later ones do not fire for that call', async () => {
		await usePlan({ rules: [{ fault: 'http500', nth: [1] }, { fault: 'http503' }] });
		expect(await statuses(2, escrowDay)).toEqual([500, 503]);
		expect((await faults('GET')).body).toMatchObject({ fired: [1, 1], counts: { http500: 1, http503: 1 } });
	});

	it('probability uses the seed: the same plan faults the same calls again', async () => {
		const plan = { seed: 7, rules: [{ endpoint: ENDPOINTS.escrowDay, fault: 'http503' as const, probability: 0.3 }] };
		await usePlan(plan);
		const first = await statuses(40, escrowDay);
		const fired = first.filter((s) => s === 503).length;
		expect(fired).toBeGreaterThan(4);
		expect(fired).toBeLessThan(24);
		expect((await faults('GET')).body).toMatchObject({ fired: [fired], counts: { http503: fired } });

		await usePlan(plan); // PUT restarts the PRNG and the counters
		expect(await statuses(40, escrowDay)).toEqual(first);
		await usePlan({ ...plan, seed: 8 });
		expect(await statuses(40, escrowDay)).not.toEqual(first);
	});

	it('probability 0 never fires, 1 always; with nth only those calls are candidates', async () => {
		await usePlan({ rules: [{ fault: 'http500', probability: 0 }, { fault: 'http503', probability: 1, nth: [2, 3] }] });
		expect(await statuses(4, escrowDay)).toEqual([200, 503, 503, 200]);
	});

	it('POST /_simulator/reset keeps the plan and restarts its counting', async () => {
		await usePlan({ seed: 3, rules: [{ fault: 'http503', nth: [1] }, { fault: 'latency', latencyMs: 1, probability: 0.5 }] });
		const first = await statuses(3, escrowDay);
		const latencies = sim.simulator.requests.map((r) => r.latencyMs);
		await sim.control('POST', 'reset');
		expect((await faults('GET')).body).toMatchObject({ plan: { seed: 3 }, fired: [0, 0], calls: { total: 0 } });
		expect(await statuses(3, escrowDay)).toEqual(first);
		expect(sim.simulator.requests.map((r) => r.latencyMs)).toEqual(latencies);
	});
});

describe('FaultInjector (pure)', () => {
	const plan: FaultPlan = {
		seed: 123,
		rules: [
			{ fault: 'latency', latencyMs: 10, probability: 0.5 },
			{ endpoint: ENDPOINTS.issue, fault: 'resetAfter', probability: 0.2 },
			{ fault: 'http503', probability: 0.1 },
		],
	};
	const run = () => {
		const injector = new FaultInjector(plan);
		const decisions = Array.from({ length: 200 }, (_x, i) =>
			injector.decide(i % 3 === 0 ? ENDPOINTS.issue : ENDPOINTS.queryIssueResult),
		);
		return { decisions, report: injector.report() };
	};

	it('decides the same faults for the same plan and calls', () => {
		const a = run();
		const b = run();
		expect(a.decisions).toEqual(b.decisions);
		expect(a.report.counts).toEqual(b.report.counts);
		expect(a.report.counts.latency).toBeGreaterThan(60);
		expect(a.report.counts.resetAfter).toBeGreaterThan(3);
		expect(a.report.counts.http503).toBeGreaterThan(3);
		expect(a.report.calls).toEqual({ total: 200, byEndpoint: { [ENDPOINTS.issue]: 67, [ENDPOINTS.queryIssueResult]: 133 } });
	});

	it('says whether the endpoint runs', () => {
		const injector = new FaultInjector({
			rules: FAULT_KINDS.map((fault, i) => ({ fault, nth: [i + 1], ...(fault === 'latency' ? { latencyMs: 5 } : {}) })),
		});
		const decided = FAULT_KINDS.map(() => injector.decide(ENDPOINTS.issue));
		expect(Object.fromEntries(FAULT_KINDS.map((kind, i) => [kind, decided[i].process]))).toEqual({
			latency: true,
			http500: false,
			http503: false,
			http403: false,
			resetBefore: false,
			resetAfter: true,
			timeout: true,
			truncated: true,
			notJson: true,
			transCode: false,
			wrongCheckMac: true,
			wrongKey: true,
		});
		expect(decided[0]).toEqual({ process: true, delayMs: 5, latency: true });
	});

	it('truncates to the first half of the body', () => {
		const decision = { fault: 'truncated' as const, process: true, delayMs: 0, latency: false };
		const answer = { status: 200, body: '{"TransCode":1,"Data":"abcd"}', contentType: 'application/json' };
		expect(faultedAnswer(decision, { answer }).body).toBe('{"TransCode":1');
	});

	it('makes other keys that differ in every character', () => {
		const other = otherKeys(MERCHANT);
		expect([...other.hashKey].every((c, i) => c !== MERCHANT.hashKey[i])).toBe(true);
		expect(otherKeys({ hashKey: '~'.repeat(16), hashIV: '!'.repeat(16) })).toEqual({ hashKey: '!'.repeat(16), hashIV: '"'.repeat(16) });
	});
});

describe('/_simulator/faults', () => {
	it('GET shows the plan, the firings per rule, the counts per fault and the calls', async () => {
		expect((await faults('GET')).body).toEqual({
			plan: { seed: 1, rules: [] },
			fired: [],
			counts: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])),
			calls: { total: 0, byEndpoint: {} },
		});
	});

	it('PUT replaces the plan, spelling endpoints as the spec does; DELETE removes it', async () => {
		const put = await faults('PUT', { rules: [{ endpoint: '/API/TICKET/ISSUE', fault: 'resetAfter', nth: [1] }] });
		expect(put).toEqual({
			status: 200,
			body: expect.objectContaining({ plan: { seed: 1, rules: [{ endpoint: ENDPOINTS.issue, fault: 'resetAfter', nth: [1] }] } }),
		});
		await fetchFailure(post(ENDPOINTS.issue, orders.paper()));
		expect((await faults('GET')).body).toMatchObject({ fired: [1], counts: { resetAfter: 1 }, calls: { total: 1 } });
		expect((await faults('DELETE')).body).toMatchObject({ plan: { rules: [] }, fired: [], calls: { total: 0 } });
		expect((await sim.issue(orders.paper())).RtnCode).toBe(1);
	});

	it.each([
		['no rules', {}, /rules must be a list/],
		['an array', [], /must be a JSON object/],
		['an unknown plan field', { rules: [], sed: 1 }, /Unknown field "sed"/],
		['a fractional seed', { seed: 1.5, rules: [] }, /seed/],
		['an unknown fault', { rules: [{ fault: 'explode' }] }, /rules\[0\]: fault must be one of latency, http500/],
		['an unknown endpoint', { rules: [{ fault: 'http500', endpoint: '/api/Ticket/Nope' }] }, /endpoint must be a simulated/],
		['a probability over 1', { rules: [{ fault: 'http500', probability: 1.5 }] }, /probability/],
		['nth 0', { rules: [{ fault: 'http500', nth: [0] }] }, /nth/],
		['an empty nth', { rules: [{ fault: 'http500', nth: [] }] }, /nth/],
		['latency without latencyMs', { rules: [{ fault: 'latency' }] }, /needs latencyMs/],
		['a negative latencyMs', { rules: [{ fault: 'http500', latencyMs: -1 }] }, /latencyMs/],
		['times 0', { rules: [{ fault: 'http500', times: 0 }] }, /times/],
		['TransCode 1', { rules: [{ fault: 'transCode', transCode: 1 }] }, /other than 1/],
		['a transCode on another fault', { rules: [{ fault: 'http500', transCode: 5 }] }, /transCode rules only/],
		['a misspelt rule field', { rules: [{ fault: 'http500', propability: 0.5 }] }, /unknown field "propability"/],
	])('PUT answers 400 for %s and keeps the plan', async (_case, plan, message) => {
		await usePlan({ rules: [{ fault: 'http503', nth: [99] }] });
		const answer = await faults('PUT', plan);
		expect(answer.status).toBe(400);
		expect(answer.body.error).toMatch(message);
		expect((await faults('GET')).body).toMatchObject({ plan: { rules: [{ fault: 'http503' }] } });
	});

	it('answers 405 with the methods it takes', async () => {
		const response = await fetch(`${sim.url}/_simulator/faults`, { method: 'POST', body: '{}' });
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('GET, PUT, DELETE');
	});

	it('control paths and unknown paths are never faulted or counted', async () => {
		await usePlan({ rules: [{ fault: 'http500' }, { fault: 'latency', latencyMs: 1 }] });
		expect((await sim.control('GET', 'health')).status).toBe(200);
		expect((await sim.control('POST', 'clock', { advanceMs: 0 })).status).toBe(200);
		expect((await fetch(`${sim.url}/api/Ticket/Nope`, { method: 'POST' })).status).toBe(404);
		expect((await fetch(`${sim.url}/api/Period/QueryOrderInfo`, { method: 'POST' })).status).toBe(501);
		expect((await faults('GET')).body).toMatchObject({ fired: [0, 0], calls: { total: 0 } });
		expect((await escrowDay()).status).toBe(500);
	});

	it('every API call counts, whatever it asks: a GET on an endpoint can be faulted too', async () => {
		await usePlan({ rules: [{ endpoint: ENDPOINTS.escrowDay, fault: 'http503', nth: [2] }] });
		expect((await fetch(sim.url + ENDPOINTS.escrowDay)).status).toBe(405);
		expect((await fetch(sim.url + ENDPOINTS.escrowDay)).status).toBe(503);
	});
});

describe('configuring a plan at start', () => {
	it('startSimulator({ faults }) starts with the plan', async () => {
		await sim.close();
		sim = await startTestSimulator({ faults: { rules: [{ endpoint: ENDPOINTS.escrowDay, fault: 'http403', nth: [1] }] } });
		expect((await escrowDay()).status).toBe(403);
		expect((await escrowDay()).status).toBe(200);
	});

	it('an invalid plan is refused at start', async () => {
		await expect(startTestSimulator({ faults: { rules: [{ fault: 'nope' }] } as unknown as FaultPlan })).rejects.toThrow(
			/rules\[0\]: fault must be one of/,
		);
	});

	it('simulator/faults.example.json is a valid plan', () => {
		expect(readFaultPlan(examplePlan)).toMatchObject({ ok: true });
	});

	it('the CLI reads --faults <file.json> (or ECTICKET_SIM_FAULTS) and refuses an invalid one', async () => {
		const cli = await startCli(['--port', '0', '--notify-interval', '0', '--faults', 'simulator/faults.example.json']);
		try {
			expect(cli.output()).toMatch(/Fault plan: 7 rules/);
			const report = (await (await fetch(`${cli.url}/_simulator/faults`)).json()) as { plan: unknown };
			expect(report.plan).toEqual(examplePlan);
		} finally {
			await cli.stop();
		}
		await expect(
			startCli(['--port', '0'], { ECTICKET_SIM_FAULTS: 'simulator/merchants.json' }),
		).rejects.toThrow(/simulator\/merchants\.json: The fault plan must be a JSON object/);
	});
});

describe('order numbers stay unique under faults', () => {
	it('retries and concurrent calls with one number record one order, whatever the faults', async () => {
		await usePlan({
			seed: 11,
			rules: [
				{ endpoint: ENDPOINTS.issue, fault: 'resetAfter', nth: [1, 6] },
				{ endpoint: ENDPOINTS.issue, fault: 'timeout', nth: [2, 7] },
				{ endpoint: ENDPOINTS.issue, fault: 'truncated', nth: [3] },
				{ endpoint: ENDPOINTS.issue, fault: 'resetBefore', nth: [4] },
				{ endpoint: ENDPOINTS.issue, fault: 'latency', latencyMs: 30, probability: 0.5 },
			],
		});
		const data = orders.electronic();
		const attempt = () =>
			post(ENDPOINTS.issue, data, AbortSignal.timeout(1000)).then(
				async (response) => response.status,
				() => 'failed',
			);
		// Five retries one after the other, then ten at once.
		const outcomes: Array<number | string> = [];
		for (let i = 0; i < 5; i++) outcomes.push(await attempt());
		outcomes.push(...(await Promise.all(Array.from({ length: 10 }, attempt))));
		expect(outcomes.slice(0, 5)).toEqual(['failed', 'failed', 200, 'failed', 200]);

		const key = `MerchantTradeNo:${data.MerchantTradeNo}`;
		const book = sim.simulator.store.ordersByNumber(MERCHANT_ID);
		expect([...book.keys()].filter((k) => k === key)).toHaveLength(1);
		expect(book.size).toBe(1);
		const entries = issueEntries();
		expect(entries).toHaveLength(15);
		expect(entries.filter((e) => e.rtnCode === 1)).toHaveLength(1);
		expect(entries.filter((e) => e.rtnCode === RTN_CODES.tradeNoUsed.code)).toHaveLength(13);
		expect(entries.filter((e) => e.fault === 'resetBefore')).toHaveLength(1);
		expect(entries[0]).toMatchObject({ rtnCode: 1, fault: 'resetAfter' });
	});

	it('the store itself refuses to record a number twice', () => {
		const store = new TicketStore(() => 0, 0);
		const draft = {
			merchantId: MERCHANT_ID,
			merchantTradeNo: 'A1',
			freeTradeNo: '',
			issueType: '2' as const,
			printType: '2',
			isImmediate: '1',
			storeId: '',
			operator: '',
			customer: { name: '', phone: '', email: '', address: '' },
			refundNotifyUrl: '',
			useStatusNotifyUrl: '',
			lines: [],
		};
		store.accept(draft);
		expect(() => store.accept(draft)).toThrow(/MerchantTradeNo:A1 of merchant 3085676 is already recorded/);
		expect([...store.ordersByNumber(MERCHANT_ID).keys()]).toEqual(['MerchantTradeNo:A1']);
	});
});

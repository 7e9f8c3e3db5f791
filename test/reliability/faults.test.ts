import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../protocol/rules/endpoints';
import {
	CONTINUE,
	MERCHANT,
	errorOf,
	issueParams,
	outputOf,
	queryParams,
	requests,
	run,
	startSim,
	tradeNo,
	type Sim,
} from '../node/fixtures';

/**
 * The node under faults (simulator/faults.ts): it must never issue twice, never report a
 * success it did not get, never lose a result. Deterministic: the fault plans are seeded.
 */
const ISSUE = ENDPOINTS.issue;
const QUERY = ENDPOINTS.queryIssueResult;
const faultsOf = (sim: Sim, endpoint: string) => requests(sim, endpoint).filter((r) => r.fault && r.fault !== 'latency');

describe('a randomized fault run: 1,000 Issue calls under mixed faults', () => {
	let sim: Sim;
	const ITEMS = 1000;
	const run_ = `${Date.now().toString(36).toUpperCase()}`;
	const numbers = Array.from({ length: ITEMS }, (_, i) => `FLT${run_}${i}`);
	let output: IDataObject[] = [];

	beforeAll(async () => {
		sim = await startSim({
			faults: {
				seed: 20261125,
				rules: [
					{ endpoint: ISSUE, fault: 'latency', latencyMs: 20, probability: 0.2 },
					{ endpoint: ISSUE, fault: 'resetBefore', probability: 0.06 },
					{ endpoint: ISSUE, fault: 'resetAfter', probability: 0.06 },
					{ endpoint: ISSUE, fault: 'timeout', probability: 0.03 },
					{ endpoint: ISSUE, fault: 'http500', probability: 0.04 },
					{ endpoint: ISSUE, fault: 'http503', probability: 0.04 },
					{ endpoint: ISSUE, fault: 'truncated', probability: 0.04 },
					{ endpoint: ISSUE, fault: 'notJson', probability: 0.03 },
					{ endpoint: QUERY, fault: 'http503', probability: 0.1 },
					{ endpoint: QUERY, fault: 'resetBefore', probability: 0.05 },
				],
			},
		});
		const result = await run(
			sim,
			issueParams('2', { merchantTradeNo: '={{ $json.no }}', options: { concurrency: 20, timeout: 1 } }),
			{ items: numbers.map((no) => ({ no })), onError: CONTINUE },
		);
		output = (result.output ?? []).map((i) => i.json);
	}, 240_000);
	afterAll(async () => sim.close());

	it('faults really happened, of every kind planned', () => {
		const kinds = new Set(faultsOf(sim, ISSUE).map((r) => r.fault));
		expect([...kinds].sort()).toEqual(['http500', 'http503', 'notJson', 'resetAfter', 'resetBefore', 'timeout', 'truncated']);
		expect(faultsOf(sim, ISSUE).length).toBeGreaterThan(200);
	});

	it('the simulator holds at most one order per number: nothing was issued twice', () => {
		const accepted = requests(sim, ISSUE).filter((r) => r.rtnCode === 1).map((r) => String(r.data?.MerchantTradeNo));
		expect(new Set(accepted).size).toBe(accepted.length);
		const orders = sim.simulator.store.ordersByNumber(MERCHANT.merchantId);
		for (const no of numbers) expect(orders.has(`MerchantTradeNo:${no}`) ? 1 : 0).toBeLessThanOrEqual(1);
	});

	it('every item ends issued with the real TicketTradeNo, or failed with a clear error: none lost', () => {
		expect(output).toHaveLength(ITEMS);
		const orders = sim.simulator.store.ordersByNumber(MERCHANT.merchantId);
		let issued = 0;
		numbers.forEach((no, i) => {
			const item = output[i];
			const order = orders.get(`MerchantTradeNo:${no}`);
			if (item.error === undefined) {
				issued++;
				expect(item).toMatchObject({ RtnCode: 1, MerchantTradeNo: no, issuance: { state: expect.stringMatching(/^(received|issued)$/) } });
				expect(order?.ticketTradeNo).toBe(item.TicketTradeNo);
			} else {
				expect({ no, error: String(item.error) }).toEqual({ no, error: expect.stringMatching(/^Item \d+: /) });
				// A failed item whose order ECPay holds must say that it could not be confirmed.
				if (order) expect(String(item.description)).toMatch(/could not be confirmed|does hold an order under this number/);
			}
		});
		expect(issued).toBeGreaterThan(ITEMS * 0.95);
	});

	it('an ambiguous failure was followed by QueryIssueResult before any re-send', () => {
		const log = [...requests(sim, ISSUE), ...requests(sim, QUERY)].sort((a, b) => a.time.localeCompare(b.time));
		for (const ambiguous of requests(sim, ISSUE).filter((r) => r.fault === 'resetAfter' || r.fault === 'timeout')) {
			const no = ambiguous.data?.MerchantTradeNo;
			const later = log.filter((r) => r.time >= ambiguous.time && r !== ambiguous && r.data?.MerchantTradeNo === no);
			const nextIssue = later.findIndex((r) => r.path === ISSUE);
			const firstQuery = later.findIndex((r) => r.path === QUERY);
			expect(firstQuery).toBeGreaterThanOrEqual(0);
			if (nextIssue >= 0) expect(firstQuery).toBeLessThan(nextIssue);
		}
	});
});

describe('rate limiting (HTTP 403)', () => {
	it('stops the batch with a rate-limited error that says to wait, and sends nothing more', async () => {
		const sim = await startSim({ faults: { seed: 1, rules: [{ endpoint: ISSUE, fault: 'http403', nth: [3] }] } });
		try {
			const items = Array.from({ length: 12 }, () => ({ no: tradeNo('RL') }));
			const error = errorOf(await run(sim, issueParams('2', { merchantTradeNo: '={{ $json.no }}', options: { concurrency: 1 } }), { items }));
			expect(error.message).toMatch(/rate limiting this merchant \(HTTP 403\)/);
			expect(String(error.description)).toMatch(/Wait before running the workflow again/);
			expect((error as unknown as { failure?: { cause?: string } }).failure?.cause).toBe('rate-limited');
			expect(requests(sim, ISSUE)).toHaveLength(3);
		} finally {
			await sim.close();
		}
	});

	it('with Continue On Fail still stops the batch: later items say they were not sent', async () => {
		const sim = await startSim({ faults: { seed: 1, rules: [{ endpoint: ISSUE, fault: 'http403', nth: [2] }] } });
		try {
			const items = Array.from({ length: 5 }, () => ({ no: tradeNo('RLC') }));
			const output = outputOf(await run(sim, issueParams('2', { merchantTradeNo: '={{ $json.no }}', options: { concurrency: 1 } }), { items, onError: CONTINUE }));
			expect(output.map((o) => o.json.error === undefined)).toEqual([true, false, false, false, false]);
			expect(String(output[1].json.error)).toMatch(/HTTP 403/);
			expect(String(output[4].json.error)).toMatch(/Not sent/);
			expect(requests(sim, ISSUE)).toHaveLength(2);
		} finally {
			await sim.close();
		}
	});
});

describe('answers that fail verification are never success', () => {
	let sim: Sim;
	afterEach(async () => sim.close());

	it.each(['wrongCheckMac', 'wrongKey', 'transCode'] as const)('Issue answered with %s: the item fails naming the check', async (fault) => {
		sim = await startSim({ faults: { seed: 1, rules: [{ endpoint: ISSUE, fault }] } });
		const no = tradeNo('TMP');
		const error = errorOf(await run(sim, issueParams('2', { merchantTradeNo: no })));
		const check = { wrongCheckMac: 'checkMacValue', wrongKey: /decrypt|checkMacValue/, transCode: 'TransCode' }[fault] as string | RegExp;
		expect(error.message).toMatch(check);
		expect(requests(sim, ISSUE)).toHaveLength(1);
		if (fault !== 'transCode') expect(String(error.description)).toMatch(/ECPay does hold an order under this number \(TicketTradeNo \d{16}\): do not issue it again/);
	});

	it.each(['wrongCheckMac', 'wrongKey', 'transCode'] as const)('Get Issuance Result answered with %s: fails naming the check, not retried', async (fault) => {
		sim = await startSim({ faults: { seed: 1, rules: [{ endpoint: QUERY, fault }] } });
		const error = errorOf(await run(sim, queryParams({ merchantTradeNo: 'ANYORDER1' })));
		expect(error.message).toMatch(fault === 'transCode' ? /TransCode/ : /failed verification \((checkMacValue|decrypt)\)/);
		expect(requests(sim, QUERY)).toHaveLength(1);
	});
});

describe('read operations retry transient faults with back-off', () => {
	it('recovers from two server errors and a reset', async () => {
		const sim = await startSim({ faults: { seed: 1, rules: [
			{ endpoint: QUERY, fault: 'http503', nth: [1] },
			{ endpoint: QUERY, fault: 'resetBefore', nth: [2] },
			{ endpoint: QUERY, fault: 'http500', nth: [3] },
		] } });
		try {
			const no = tradeNo('RTR');
			await run(sim, issueParams('2', { merchantTradeNo: no }));
			const output = outputOf(await run(sim, queryParams({ merchantTradeNo: no })));
			expect(output[0].json).toMatchObject({ RtnCode: 1, MerchantTradeNo: no, StatusLabel: 'issued' });
			expect(requests(sim, QUERY).map((r) => r.fault ?? 'ok')).toEqual(['http503', 'resetBefore', 'http500', 'ok']);
		} finally {
			await sim.close();
		}
	});

	it('gives up after four attempts with a clear error', async () => {
		const sim = await startSim({ faults: { seed: 1, rules: [{ endpoint: QUERY, fault: 'http503' }] } });
		try {
			const error = errorOf(await run(sim, queryParams({ merchantTradeNo: 'ANYORDER2' })));
			expect(error.message).toMatch(/ECPay answered HTTP 503/);
			expect(String(error.description)).toMatch(/Tried 4 times/);
			expect(requests(sim, QUERY)).toHaveLength(4);
		} finally {
			await sim.close();
		}
	});

	it('an Issue whose answer was lost is confirmed, not re-sent', async () => {
		const sim = await startSim({ faults: { seed: 1, rules: [{ endpoint: ISSUE, fault: 'resetAfter', nth: [1] }] } });
		try {
			const no = tradeNo('LOST');
			const output = outputOf(await run(sim, issueParams('2', { merchantTradeNo: no })));
			expect(output[0].json).toMatchObject({ RtnCode: 1, MerchantTradeNo: no });
			expect(output[0].json.TicketData).toEqual(requests(sim, ISSUE)[0].data?.TicketInfo);
			expect(String(output[0].json.confirmedAfter)).toMatch(/The connection to ECPay was cut before its answer arrived/);
			expect(requests(sim, ISSUE)).toHaveLength(1);
		} finally {
			await sim.close();
		}
	});

	it('an Issue that never arrived is sent again, once ECPay said it has no such order', async () => {
		const sim = await startSim({ faults: { seed: 1, rules: [{ endpoint: ISSUE, fault: 'resetBefore', nth: [1] }] } });
		try {
			const no = tradeNo('RSND');
			const output = outputOf(await run(sim, issueParams('2', { merchantTradeNo: no })));
			expect(output[0].json).toMatchObject({ RtnCode: 1, MerchantTradeNo: no });
			expect(requests(sim, ISSUE).map((r) => r.fault ?? r.rtnCode)).toEqual(['resetBefore', 1]);
			expect(requests(sim, QUERY).map((r) => r.rtnCode)).toEqual([3007]);
		} finally {
			await sim.close();
		}
	});
});

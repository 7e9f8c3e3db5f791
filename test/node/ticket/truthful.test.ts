import type { INodeParameters } from 'n8n-workflow';

import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import type { FaultPlan } from '../../../simulator/faults';
import { PRODUCTS } from '../../../simulator/products';
import { RTN_CODES } from '../../../simulator/rtnCodes';
import {
	CONTINUE,
	errorOf,
	issueCalls,
	issueParams,
	opParams,
	orderNoOf,
	outputOf,
	paperOrder,
	requests,
	run,
	startSim,
	ticketsOf,
	tradeNo,
	useSimulator,
	type Sim,
} from '../fixtures';

/**
 * Every output matches what ECPay holds (issue 14): a reused number is "issued before" only for
 * the same order, "received" is not "issued", a write whose answer was lost is checked before it
 * is sent again, and error items carry the facts a workflow branches on.
 */
const sim = useSimulator();

describe('Issue: a number ECPay already holds', () => {
	it('used by ANOTHER order: the item fails, ECPay\'s RtnCode and RtnMsg kept, and the other order untouched', async () => {
		const no = tradeNo('OTHER');
		outputOf(await run(sim, issueParams('2', { merchantTradeNo: no, tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 1 }] } })));
		const result = await run(sim, issueParams('2', { merchantTradeNo: no, tickets: { line: [{ itemNo: 'VNS21400', ticketAmount: 3 }] } }), { onError: CONTINUE });
		const [item] = outputOf(result);
		expect(item.json).toMatchObject({
			error: `Item 0: Merchant Trade No ${no} is already used by another order`,
			kind: 'refused',
			RtnCode: RTN_CODES.tradeNoUsed.code,
			RtnMsg: expect.stringContaining('already used'),
		});
		expect(String(item.json.description)).toContain('tickets: asked VNS21400 × 3, ECPay holds VQT04959 × 1');
		expect(item.json).not.toHaveProperty('issuedBefore');
		expect(ticketsOf(sim, no)).toHaveLength(1);
	});

	it('used by another customer\'s order of the same products: still another order', async () => {
		const no = tradeNo('CUST');
		const base = { merchantTradeNo: no, tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 1 }] } };
		outputOf(await run(sim, issueParams('3', { ...base, customerEmail: 'first@example.com', waitForIssuance: true })));
		const error = errorOf(await run(sim, issueParams('3', { ...base, customerEmail: 'second@example.com' })));
		expect(error.message).toBe(`Item 0: Merchant Trade No ${no} is already used by another order`);
		expect(error.description).toContain('CustomerEmail: asked second@example.com, ECPay holds first@example.com');
	});

	it('whose issuance FAILED earlier: issued before, with the real state failed and ECPay\'s Remark — never reported issued', async () => {
		const no = tradeNo('FAILED');
		const params = issueParams('3', { merchantTradeNo: no, tickets: { line: [{ itemNo: 'FAILS001', ticketAmount: 1 }] }, waitForIssuance: true });
		const first = outputOf(await run(sim, params));
		expect(first[0].json.issuance).toMatchObject({ state: 'failed' });
		const again = outputOf(await run(sim, params));
		expect(again[0].json).toMatchObject({
			RtnCode: RTN_CODES.tradeNoUsed.code,
			issuedBefore: true,
			issuance: { state: 'failed', Status: 2, Remark: PRODUCTS.find((p) => p.itemNo === 'FAILS001')?.failsIssuance },
		});
		// The same shape as a fresh issuance's: the Status code's label beside it.
		expect(Object.keys(again[0].json.issuance as object)).toEqual(Object.keys(first[0].json.issuance as object).filter((k) => k !== 'waitedSeconds'));
		expect(again[0].json.issuance).toMatchObject({ StatusLabel: 'failed' });
	});
});

describe('Issue: received is not issued', () => {
	let slow: Sim;
	beforeAll(async () => {
		slow = await startSim({ issueDelayMs: 1500 });
	});
	afterAll(() => slow.close());

	it('by default waits until ECPay says issued (Wait for Issuance is on unless turned off)', async () => {
		const no = tradeNo('DEF');
		const parameters: INodeParameters = { ...issueParams('3', { merchantTradeNo: no }) };
		delete parameters.waitForIssuance;
		const output = outputOf(await run(slow, parameters));
		expect(output[0].json.issuance).toMatchObject({ state: 'issued', Status: 1 });
	});

	it('the same order sent again while ECPay still processes it: issued before, state processing, and the wait follows it to issued', async () => {
		const no = tradeNo('PROC');
		const first = outputOf(await run(slow, issueParams('3', { merchantTradeNo: no })));
		expect(first[0].json.issuance).toEqual({ state: 'received' });
		const again = outputOf(await run(slow, issueParams('3', { merchantTradeNo: no, waitForIssuance: true })));
		expect(again[0].json).toMatchObject({ issuedBefore: true, issuance: { state: 'issued', Status: 1 } });
		expect(issueCalls(slow).filter((r) => orderNoOf(r) === no)).toHaveLength(2);
	});
});

describe('writes whose answer is lost are checked, never blindly re-sent', () => {
	const faulted = async (fault: 'resetAfter' | 'resetBefore', endpoint: string, extra: FaultPlan['rules'] = []) =>
		startSim({ faults: { seed: 7, rules: [{ endpoint, fault, nth: [1] }, ...extra] } });

	it.each([
		['redeem', 'WriteOff', 'redeemed'],
		['refund', 'Refund', 'refunded'],
	] as const)('%s: ECPay acted but the answer was lost → success with confirmedAfter, sent once', async (operation, name, label) => {
		const endpoint = ENDPOINTS[name === 'WriteOff' ? 'writeOff' : 'refund'];
		const lossy = await faulted('resetAfter', endpoint);
		try {
			const { tickets } = await paperOrder(lossy, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
			const parameters = operation === 'redeem' ? { writeOffNo: tickets[0].WriteOffNo } : { ticketNo: tickets[0].TicketNo };
			const [item] = outputOf(await run(lossy, opParams('ticket', operation, parameters)));
			expect(item.json).toMatchObject({ RtnCode: 1, TicketNo: tickets[0].TicketNo, UseStatusLabel: label });
			expect(String(item.json.confirmedAfter)).toMatch(/connection to ECPay was cut/);
			expect(requests(lossy, endpoint).map((r) => [r.fault, r.rtnCode])).toEqual([['resetAfter', 1]]);
			expect(requests(lossy, ENDPOINTS.queryTicketStatus)).toHaveLength(1);
		} finally {
			await lossy.close();
		}
	});

	it('cancel redemption: the answer lost, the redemption is confirmed undone, not cancelled twice', async () => {
		const lossy = await faulted('resetAfter', ENDPOINTS.writeOff, []);
		try {
			const { tickets } = await paperOrder(lossy, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
			expect(lossy.redeem({ WriteOffNo: tickets[0].WriteOffNo }).ok).toBe(true);
			const [item] = outputOf(await run(lossy, opParams('ticket', 'cancelRedemption', { writeOffNo: tickets[0].WriteOffNo })));
			expect(item.json).toMatchObject({ UseStatusLabel: 'unused', confirmedAfter: expect.any(String) });
			expect(requests(lossy, ENDPOINTS.writeOff)).toHaveLength(1);
		} finally {
			await lossy.close();
		}
	});

	it('a write that never reached ECPay is sent again after ECPay shows the ticket unchanged', async () => {
		const lossy = await faulted('resetBefore', ENDPOINTS.writeOff);
		try {
			const { tickets } = await paperOrder(lossy, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
			const [item] = outputOf(await run(lossy, opParams('ticket', 'redeem', { writeOffNo: tickets[0].WriteOffNo })));
			expect(item.json).toMatchObject({ RtnCode: 1, UseStatusLabel: 'redeemed' });
			expect(item.json).not.toHaveProperty('confirmedAfter');
			expect(requests(lossy, ENDPOINTS.writeOff).map((r) => r.fault ?? r.rtnCode)).toEqual(['resetBefore', 1]);
		} finally {
			await lossy.close();
		}
	});

	it('when ECPay\'s ticket status cannot be read either, the item fails saying it could not be confirmed, and nothing is re-sent', async () => {
		const lossy = await faulted('resetAfter', ENDPOINTS.writeOff, [{ endpoint: ENDPOINTS.queryTicketStatus, fault: 'http503' }]);
		try {
			const { tickets } = await paperOrder(lossy, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
			const error = errorOf(await run(lossy, opParams('ticket', 'redeem', { writeOffNo: tickets[0].WriteOffNo })));
			expect(error.description).toMatch(/Whether ECPay acted could not be confirmed/);
			expect(requests(lossy, ENDPOINTS.writeOff)).toHaveLength(1);
		} finally {
			await lossy.close();
		}
	});
});

describe('error items carry what a workflow branches on (Continue On Fail)', () => {
	it.each([
		['validation', { ticketNo: 'ABCDEFGH123456789' }, [], { kind: 'validation', field: 'TicketNo', rule: 'length' }],
		['refused (RtnCode)', { ticketNo: 'ZZZZ9999ZZZZ9999' }, [], { kind: 'refused', RtnCode: RTN_CODES.ticketNotFound.code, RtnMsg: expect.any(String) }],
		['refused (TransCode)', { ticketNo: 'ZZZZ9999ZZZZ9999' }, [{ endpoint: ENDPOINTS.queryTicketStatus, fault: 'transCode', transCode: 9876 }], { kind: 'refused', TransCode: 9876, TransMsg: expect.any(String) }],
		['rate-limited (HTTP 403)', { ticketNo: 'ZZZZ9999ZZZZ9999' }, [{ endpoint: ENDPOINTS.queryTicketStatus, fault: 'http403' }], { kind: 'rate-limited', httpCode: 403 }],
		['unverifiable', { ticketNo: 'ZZZZ9999ZZZZ9999' }, [{ endpoint: ENDPOINTS.queryTicketStatus, fault: 'wrongCheckMac' }], { kind: 'unverifiable', check: 'checkMacValue' }],
		['network (HTTP 5xx)', { ticketNo: 'ZZZZ9999ZZZZ9999' }, [{ endpoint: ENDPOINTS.queryTicketStatus, fault: 'http500' }], { kind: 'network', httpCode: 500 }],
		['network (connection reset)', { ticketNo: 'ZZZZ9999ZZZZ9999' }, [{ endpoint: ENDPOINTS.queryTicketStatus, fault: 'resetBefore' }], { kind: 'network', networkCode: 'ECONNRESET' }],
	] as const)('%s', async (_name, parameters, rules, facts) => {
		const faulty = await startSim({ faults: { seed: 3, rules: [...rules] } });
		try {
			const [item] = outputOf(await run(faulty, opParams('ticket', 'get', parameters), { onError: CONTINUE }));
			expect(item.json).toMatchObject({ error: expect.stringMatching(/^Item 0: /), ...facts });
		} finally {
			await faulty.close();
		}
	});
});

describe('Wait for Issuance under ECPay\'s rate limit', () => {
	it('an HTTP 403 during the wait stops every question at once: the pending orders say processing and when to check again', async () => {
		const limited = await startSim({ issueDelayMs: 60_000, faults: { seed: 5, rules: [{ endpoint: ENDPOINTS.queryIssueResult, fault: 'http403', nth: [2] }] } });
		try {
			const items = Array.from({ length: 6 }, () => ({ no: tradeNo('RLW') }));
			const result = await run(limited, issueParams('3', { merchantTradeNo: '={{ $json.no }}', waitForIssuance: true, options: { pollInterval: 1 } }), { items });
			const output = outputOf(result);
			expect(output).toHaveLength(6);
			for (const item of output) {
				expect(item.json.issuance).toMatchObject({ state: 'processing', rateLimited: true, checkAgainAfter: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
			}
			// One question found the first order processing, the next one was refused: nothing after it.
			expect(requests(limited, ENDPOINTS.queryIssueResult).map((r) => r.fault ?? r.rtnCode)).toEqual([1, 'http403']);
			expect(result.hints).toEqual([expect.stringMatching(/rate limit \(HTTP 403\) stopped the wait: 6 order\(s\) were not confirmed.*after \d{4}-\d{2}-\d{2}T/)]);
		} finally {
			await limited.close();
		}
	});
});

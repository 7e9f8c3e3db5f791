import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { PRODUCTS } from '../../../simulator/products';
import { RTN_CODES } from '../../../simulator/rtnCodes';
import {
	CONTINUE,
	DIALECT,
	errorOf,
	issueParams,
	MERCHANT,
	orderNoOf,
	outputOf,
	queryCalls,
	queryParams,
	requests,
	run,
	taiwanDay,
	tradeNo,
	useSimulator,
} from '../fixtures';

const ISSUE_DELAY_MS = 3000;

/** The simulator's clock: it only moves when a test lets the scheduled issuance job run. */
let clock = Date.now();
const runScheduledJob = () => {
	clock += ISSUE_DELAY_MS;
};

const sim = useSimulator({ issueDelayMs: ISSUE_DELAY_MS, now: () => clock });

/** The TicketTradeNo QueryIssueResult answers, if this run's dialect answers one (alt does not: the node must not invent it). */
const asAnswered = (ticketTradeNo: unknown) => (DIALECT.issueResultHasTicketTradeNo ? { TicketTradeNo: ticketTradeNo } : {});

/** Issues an order through the node and returns its TicketTradeNo. */
async function issued(parameters: Parameters<typeof issueParams>[1], issueType: '1' | '2' | '3' = '2') {
	const output = outputOf(await run(sim, issueParams(issueType, parameters)));
	expect(output[0].json.RtnCode).toBe(1);
	return output[0].json.TicketTradeNo;
}

describe('Get Issuance Result', () => {
	it('by Merchant Trade No: Status and StatusLabel of an issued paper order', async () => {
		const no = tradeNo('QP');
		const ticketTradeNo = await issued({ merchantTradeNo: no });
		const output = outputOf(await run(sim, queryParams({ merchantTradeNo: no })));

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			FreeTradeNo: '',
			...asAnswered(ticketTradeNo),
			Status: 1,
			StatusLabel: 'issued',
			Remark: '',
			...DIALECT.unknown,
		});
		const [call] = queryCalls(sim).filter((r) => orderNoOf(r) === no);
		expect(call.data).toEqual({ MerchantID: MERCHANT.merchantId, MerchantTradeNo: no });
	});

	it('by Free Trade No: processing first, issued after the scheduled job', async () => {
		const no = tradeNo('QG');
		const ticketTradeNo = await issued(
			{
				orderKind: 'gift',
				freeTradeNo: no,
				tickets: { line: [{ itemNo: 'GIFT0001', ticketAmount: 1, expireDate: taiwanDay(60).dashed }] },
			},
			'3',
		);
		const parameters = queryParams({ orderKind: 'gift', freeTradeNo: no });

		const processing = outputOf(await run(sim, parameters));
		expect(processing[0].json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: '',
			FreeTradeNo: no,
			...asAnswered(ticketTradeNo),
			Status: 3,
			StatusLabel: 'processing',
			Remark: '',
			...DIALECT.unknown,
		});

		runScheduledJob();
		const done = outputOf(await run(sim, parameters));
		expect(done[0].json.Status).toBe(1);
		expect(done[0].json.StatusLabel).toBe('issued');

		const calls = queryCalls(sim).filter((r) => orderNoOf(r) === no);
		expect(calls).toHaveLength(2);
		for (const call of calls) expect(call.data).toEqual({ MerchantID: MERCHANT.merchantId, FreeTradeNo: no });
	});

	it('shows a failed issuance with its Remark', async () => {
		const no = tradeNo('QF');
		await issued({ merchantTradeNo: no, tickets: { line: [{ itemNo: 'FAILS001', ticketAmount: 1 }] } }, '3');
		runScheduledJob();
		const output = outputOf(await run(sim, queryParams({ merchantTradeNo: no })));
		expect(output[0].json.Status).toBe(2);
		expect(output[0].json.StatusLabel).toBe('failed');
		expect(output[0].json.Remark).toBe(PRODUCTS.find((p) => p.itemNo === 'FAILS001')?.failsIssuance);
	});

	it('answers several items, each from its own expression, in input order', async () => {
		const nos = [tradeNo('QM1'), tradeNo('QM2'), tradeNo('QM3')];
		for (const no of nos) await issued({ merchantTradeNo: no });
		const output = outputOf(
			await run(sim, queryParams({ merchantTradeNo: '={{ $json.order }}', options: { concurrency: 2 } }), {
				items: nos.map((order) => ({ order })),
			}),
		);
		expect(output.map((o) => o.json.MerchantTradeNo)).toEqual(nos);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output.every((o) => o.json.Status === 1)).toBe(true);
	});

	it('fails with RtnCode and RtnMsg for an unknown order', async () => {
		const no = tradeNo('QX');
		const error = errorOf(await run(sim, queryParams({ merchantTradeNo: no })));
		const [logged] = queryCalls(sim).filter((r) => orderNoOf(r) === no);
		expect(logged.rtnCode).toBe(RTN_CODES.orderNotFound.code);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain(String(logged.rtnMsg));
		expect(error.message).toContain(`RtnCode ${RTN_CODES.orderNotFound.code}`);
		expect(error.description).toContain(ENDPOINTS.queryIssueResult);
	});

	it('with Continue On Fail outputs {error, RtnCode, RtnMsg} for an unknown order and answers the others', async () => {
		const known = tradeNo('QK');
		await issued({ merchantTradeNo: known });
		const unknown = tradeNo('QU');
		const output = outputOf(
			await run(sim, queryParams({ merchantTradeNo: '={{ $json.order }}' }), {
				items: [{ order: unknown }, { order: known }],
				onError: CONTINUE,
			}),
		);
		expect(output).toHaveLength(2);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toEqual({
			error: expect.stringContaining(`RtnCode ${RTN_CODES.orderNotFound.code}`),
			description: expect.stringContaining(ENDPOINTS.queryIssueResult),
			RtnCode: RTN_CODES.orderNotFound.code,
			RtnMsg: `MerchantTradeNo: no order ${unknown}`,
			kind: 'refused',
		});
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[1].json.Status).toBe(1);
	});

	it.each([
		['a Merchant Trade No with a dash', { merchantTradeNo: 'AB-12' }, 'Item 0: Merchant Trade No (MerchantTradeNo) may only contain English letters and digits (A-Z, a-z, 0-9)'],
		['a Merchant Trade No of 26 characters', { merchantTradeNo: 'A'.repeat(26) }, 'Item 0: Merchant Trade No (MerchantTradeNo) must be at most 25 characters long'],
		['an empty Merchant Trade No', { merchantTradeNo: '={{ "" }}' }, 'Item 0: Merchant Trade No (MerchantTradeNo) is required'],
		['a Gift Voucher Order No of 21 characters', { orderKind: 'gift', freeTradeNo: 'G'.repeat(21) }, 'Item 0: Gift Voucher Order No (FreeTradeNo) must be at most 20 characters long'],
		['an empty Gift Voucher Order No', { orderKind: 'gift', freeTradeNo: '={{ "" }}' }, 'Item 0: Gift Voucher Order No (FreeTradeNo) is required'],
	])('refuses %s before any request', async (_name, parameters, message) => {
		const before = requests(sim).length;
		const error = errorOf(await run(sim, queryParams(parameters)));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(message);
		expect(error.description).toContain('Nothing was sent to ECPay');
		expect(requests(sim).length).toBe(before);
	});

	it('refuses a batch with one invalid number before asking about the valid ones', async () => {
		const before = requests(sim).length;
		const error = errorOf(
			await run(sim, queryParams({ merchantTradeNo: '={{ $json.order }}' }), {
				items: [{ order: tradeNo('QV') }, { order: 'NOT VALID' }],
			}),
		);
		expect(error.message).toBe('Item 1: Merchant Trade No (MerchantTradeNo) may only contain English letters and digits (A-Z, a-z, 0-9)');
		expect(requests(sim).length).toBe(before);
	});
});

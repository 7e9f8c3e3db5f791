import type { INodeParameters } from 'n8n-workflow';

import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { REPORT_TYPE } from '../../../protocol/rules/codes';
import { ORDER_DETAIL_INTERVAL_SECONDS } from '../../../protocol/rules/timing';
import { RTN_CODES, RULE_RTN_CODES } from '../../../simulator/rtnCodes';
import {
	CONTINUE,
	DIALECT,
	errorOf,
	lastCall,
	MERCHANT,
	opParams,
	outputOf,
	paperOrder,
	requests,
	run,
	startSim,
	taiwanDay,
	type Sim,
} from '../fixtures';

const ORDER_COLUMNS =
	'MerchantTradeNo,FreeTradeNo,TicketTradeNo,IssueDate,IssueType,PrintType,StoreID,Operator,TicketCount,TradeAmount,UnusedCount,RedeemedCount,RefundedCount,ExpiredCount,RefundedAmount,EscrowExpiredDate';
const TICKET_COLUMNS =
	'MerchantTradeNo,FreeTradeNo,TicketTradeNo,IssueDate,TicketNo,WriteOffNo,ItemNo,ItemName,TicketType,TicketAmount,UseStatus,StartDate,ExpiredDate,WriteOffDate,RefundDate';

let sim: Sim;
/** Two paper orders issued today: 2 + 1 tickets and 3 tickets. */
let orders: Array<Awaited<ReturnType<typeof paperOrder>>>;
beforeAll(async () => {
	sim = await startSim();
	orders = [
		await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 2 }, { itemNo: 'VNS21400', ticketAmount: 1 }]),
		await paperOrder(sim, [{ itemNo: 'BR103218', ticketAmount: 3 }], { operator: 'clerk9' }),
	];
	expect(sim.redeem({ WriteOffNo: orders[0].tickets[0].WriteOffNo }).ok).toBe(true);
	expect(sim.refund({ TicketNo: orders[0].tickets[2].TicketNo }).ok).toBe(true);
});
afterAll(() => sim.close());

/** One report a minute per merchant: each test starts a minute after the last report (simulator clock). */
beforeEach(() => {
	sim.advanceClock((ORDER_DETAIL_INTERVAL_SECONDS + 1) * 1000);
});

// Yesterday to tomorrow (Taiwan), so that the moved simulator clock never leaves the range.
const BEGIN = taiwanDay(-1);
const END = taiwanDay(1);

const report = (overrides: INodeParameters = {}) =>
	opParams('order', 'downloadDetailReport', { reportType: REPORT_TYPE.orders, beginDate: BEGIN.dashed, endDate: END.dashed, ...overrides });
const reportCalls = () => requests(sim, ENDPOINTS.orderDetail);

describe('Order › Download Detail Report', () => {
	it('the order report as a CSV file in binary field "data": name, mime type, one row per order', async () => {
		const output = outputOf(await run(sim, report()));
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const fileName = `ECTicket_Orders_${MERCHANT.merchantId}_${BEGIN.wire}_${END.wire}.csv`;
		expect(output[0].json).toEqual({
			FileName: fileName,
			ReportType: REPORT_TYPE.orders,
			BeginDate: BEGIN.wire,
			EndDate: END.wire,
			rowCount: 2,
		});
		const binary = output[0].binary?.data;
		expect(binary).toMatchObject({ fileName, mimeType: 'text/csv', fileExtension: 'csv' });
		const text = Buffer.from(String(binary?.data), 'base64').toString('utf8');
		const lines = text.split('\r\n');
		expect(lines[0]).toBe(ORDER_COLUMNS);
		expect(lines).toHaveLength(4); // header, two orders, the empty string after the last CRLF
		expect(lines[3]).toBe('');
		expect(lines[1].split(',').slice(0, 2)).toEqual([orders[0].no, '']);
		expect(lines[2].startsWith(`${orders[1].no},`)).toBe(true);
		expect(lastCall(sim, ENDPOINTS.orderDetail).data).toEqual({
			MerchantID: MERCHANT.merchantId,
			ReportType: REPORT_TYPE.orders,
			BeginDate: BEGIN.wire,
			EndDate: END.wire,
		});
	});

	it('the ticket report as rows: one item per ticket with the column names as fields', async () => {
		const output = outputOf(await run(sim, report({ reportType: REPORT_TYPE.tickets, output: 'rows', beginDate: BEGIN.wire, endDate: END.wire })));
		const tickets = orders.flatMap((o) => o.tickets);
		expect(output).toHaveLength(tickets.length);
		expect(output.map((o) => o.pairedItem)).toEqual(Array.from({ length: tickets.length }, () => ({ item: 0 })));
		expect(Object.keys(output[0].json)).toEqual(TICKET_COLUMNS.split(','));
		expect(output.map((o) => o.json.TicketNo)).toEqual(tickets.map((t) => t.TicketNo));
		// CSV cells are text: the node gives them as ECPay wrote them.
		expect(output[0].json).toMatchObject({
			MerchantTradeNo: orders[0].no,
			FreeTradeNo: '',
			ItemNo: 'VQT04959',
			ItemName: '下午茶套餐兌換券',
			TicketType: '1',
			TicketAmount: '680',
			UseStatus: '2',
			WriteOffDate: expect.stringMatching(DIALECT.stamp),
		});
		expect(output[2].json).toMatchObject({ UseStatus: '3', RefundDate: expect.stringMatching(DIALECT.stamp) });
		expect(output[3].json).toMatchObject({ MerchantTradeNo: orders[1].no, ItemNo: 'BR103218', UseStatus: '1' });
		expect(lastCall(sim, ENDPOINTS.orderDetail).data).toMatchObject({ ReportType: REPORT_TYPE.tickets });
	});

	it('the order report as rows: counts and amounts per order', async () => {
		const output = outputOf(await run(sim, report({ output: 'rows' })));
		expect(output.map((o) => o.json)).toEqual([
			expect.objectContaining({
				MerchantTradeNo: orders[0].no,
				TicketCount: '3',
				TradeAmount: String(2 * 680 + 560),
				UnusedCount: '1',
				RedeemedCount: '1',
				RefundedCount: '1',
				RefundedAmount: '560',
				Operator: 'tester',
			}),
			expect.objectContaining({ MerchantTradeNo: orders[1].no, TicketCount: '3', UnusedCount: '3', Operator: 'clerk9' }),
		]);
	});

	it('puts the file in the binary field the user named', async () => {
		const output = outputOf(await run(sim, report({ binaryPropertyName: 'report' })));
		expect(Object.keys(output[0].binary ?? {})).toEqual(['report']);
	});

	it('a date range without orders: the header only, rowCount 0 (file) and no item (rows)', async () => {
		const output = outputOf(await run(sim, report({ beginDate: '2020-01-01', endDate: '2020-01-31' })));
		expect(output[0].json.rowCount).toBe(0);
		expect(Buffer.from(String(output[0].binary?.data.data), 'base64').toString('utf8')).toBe(`${ORDER_COLUMNS}\r\n`);

		sim.advanceClock((ORDER_DETAIL_INTERVAL_SECONDS + 1) * 1000);
		const rows = await run(sim, report({ beginDate: '2020-01-01', endDate: '2020-01-31', output: 'rows' }));
		expect(rows.error).toBeUndefined();
		expect(rows.output ?? []).toEqual([]);
	});

	it('a second execution within the minute is refused by ECPay (RtnCode 3023) and the node says when to retry', async () => {
		outputOf(await run(sim, report()));
		const before = reportCalls().length;
		const error = errorOf(await run(sim, report()));

		expect(reportCalls()).toHaveLength(before + 1);
		const logged = lastCall(sim, ENDPOINTS.orderDetail);
		expect(logged.rtnCode).toBe(RTN_CODES.orderDetailTooSoon.code);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(`Item 0: ECPay refused the request: ${String(logged.rtnMsg)} (RtnCode ${RTN_CODES.orderDetailTooSoon.code})`);
		expect(error.message).toMatch(/retry at \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} \(in \d+ s\)/);

		// With Continue On Fail the refusal is an item carrying RtnCode and RtnMsg.
		const output = outputOf(await run(sim, report(), { onError: CONTINUE }));
		expect(output).toEqual([
			{
				json: {
					error: expect.stringContaining(`RtnCode ${RTN_CODES.orderDetailTooSoon.code}`),
					description: expect.stringContaining(ENDPOINTS.orderDetail),
					RtnCode: RTN_CODES.orderDetailTooSoon.code,
					RtnMsg: expect.stringContaining('retry at'),
					kind: 'refused',
				},
				pairedItem: { item: 0 },
			},
		]);

		// A minute later (simulator clock) it is answered again.
		sim.advanceClock(ORDER_DETAIL_INTERVAL_SECONDS * 1000);
		expect(outputOf(await run(sim, report()))[0].json.rowCount).toBe(2);
	});

	it('a range of more than 31 days is refused by ECPay (RtnCode 3024) and does not use up the minute', async () => {
		const error = errorOf(await run(sim, report({ beginDate: '2026-01-01', endDate: '2026-02-01' })));
		expect(lastCall(sim, ENDPOINTS.orderDetail).rtnCode).toBe(RTN_CODES.reportRangeTooLong.code);
		expect(error.message).toContain(`RtnCode ${RTN_CODES.reportRangeTooLong.code}`);
		expect(outputOf(await run(sim, report()))[0].json.rowCount).toBe(2);
	});

	it.each([
		['an End Date in another form', { endDate: '25/11/2026' }, 'date', 'End Date (EndDate) must be a date written yyyyMMdd'],
		['an End Date before the Begin Date', { beginDate: '2026-11-25', endDate: '2026-11-24' }, 'dateOrder', 'End Date (EndDate) must not be before the begin date (20261125)'],
	])('sends %s: EndDate is inferred, so ECPay\'s answer decides and a hint says so', async (_name, parameters, rule, hint) => {
		const result = await run(sim, report(parameters), { onError: CONTINUE });
		expect(lastCall(sim, ENDPOINTS.orderDetail).rtnCode).toBe(RULE_RTN_CODES[rule as 'date'].code);
		expect(outputOf(result)[0].json).toMatchObject({ kind: 'refused', RtnCode: RULE_RTN_CODES[rule as 'date'].code });
		expect(result.hints).toEqual([expect.stringContaining(hint)]);
	});

	it.each([
		['a Begin Date that is no date', { beginDate: '2026-02-30' }, 'BeginDate'],
		['an empty Begin Date', { beginDate: '={{ "" }}' }, 'Begin Date (BeginDate) is required'],
	])('refuses %s before any request', async (_name, parameters, text) => {
		const before = requests(sim).length;
		const error = errorOf(await run(sim, report(parameters)));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain(text);
		expect(error.description).toContain('Nothing was sent to ECPay');
		expect(requests(sim).length).toBe(before);
	});
});

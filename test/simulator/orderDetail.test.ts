import { Codec } from '../../protocol/crypto';
import { REFUND_ACTION, REPORT_TYPE, WRITE_OFF_ACTION } from '../../protocol/rules/codes';
import { ORDER_DETAIL_INTERVAL_SECONDS } from '../../protocol/rules/timing';
import { RTN_CODES, RULE_RTN_CODES } from '../../simulator/rtnCodes';
import { DAY, MERCHANT, OTHER_MERCHANT, orders, startTestSimulator, TODAY, tradeNo, type TestSimulator } from './client';

let sim: TestSimulator;
beforeEach(async () => {
	sim = await startTestSimulator();
});
afterEach(() => sim.close());

const rowsOf = (answer: Record<string, unknown>) => {
	const text = answer.FileContent as string;
	expect(text.endsWith('\r\n')).toBe(true);
	return text.slice(0, -2).split('\r\n');
};

describe('OrderDetail', () => {
	it('answers the orders issued in the range as CSV (ReportType 1)', async () => {
		const a = await sim.issued(orders.paper());
		await sim.writeOff({ WriteOffNo: a.tickets[0].WriteOffNo, Action: WRITE_OFF_ACTION.redeem });
		await sim.refund({ TicketNo: a.tickets[19].TicketNo, Action: REFUND_ACTION.refund });
		sim.advance(60_000);
		const b = await sim.issued({ ...orders.paper(), StoreID: 'KHH002' });
		await sim.issue(orders.electronic()); // still processing: not issued, not listed

		const answer = await sim.orderDetail({ ReportType: REPORT_TYPE.orders, BeginDate: TODAY, EndDate: TODAY });
		expect(answer).toMatchObject({ RtnCode: 1, RtnMsg: '成功', FileName: `ECTicket_Orders_${MERCHANT.merchantId}_${TODAY}_${TODAY}.csv` });
		expect(rowsOf(answer)).toEqual([
			'MerchantTradeNo,FreeTradeNo,TicketTradeNo,IssueDate,IssueType,PrintType,StoreID,Operator,TicketCount,TradeAmount,UnusedCount,RedeemedCount,RefundedCount,ExpiredCount,RefundedAmount,EscrowExpiredDate',
			`${a.merchantTradeNo},,${a.ticketTradeNo},2025/06/02 10:00:00,2,2,,AngelaChan,20,12400,18,1,1,0,560,2025/07/02`,
			`${b.merchantTradeNo},,${b.ticketTradeNo},2025/06/02 10:01:00,2,2,KHH002,AngelaChan,20,12400,20,0,0,0,0,2025/07/02`,
		]);
	});

	it('answers one row per ticket (ReportType 2), quoting fields that need it', async () => {
		const order = await sim.issued({
			...orders.serialNumber(),
			TicketInfo: [{ ItemName: 'SPA,課程(雙人)', TicketPrice: 3200, TicketAmount: 2 }],
		});
		await sim.writeOff({ WriteOffNo: order.tickets[1].WriteOffNo, Action: WRITE_OFF_ACTION.redeem });
		const answer = await sim.orderDetail({ ReportType: REPORT_TYPE.tickets, BeginDate: TODAY, EndDate: TODAY });
		expect(answer.FileName).toBe(`ECTicket_Tickets_${MERCHANT.merchantId}_${TODAY}_${TODAY}.csv`);
		const [t1, t2] = order.tickets;
		expect(rowsOf(answer)).toEqual([
			'MerchantTradeNo,FreeTradeNo,TicketTradeNo,IssueDate,TicketNo,WriteOffNo,ItemNo,ItemName,TicketType,TicketAmount,UseStatus,StartDate,ExpiredDate,WriteOffDate,RefundDate',
			`${order.merchantTradeNo},,${order.ticketTradeNo},2025/06/02 10:00:03,${t1.TicketNo},${t1.WriteOffNo},,"SPA,課程(雙人)",1,3200,1,${TODAY},20260602,,`,
			`${order.merchantTradeNo},,${order.ticketTradeNo},2025/06/02 10:00:03,${t2.TicketNo},${t2.WriteOffNo},,"SPA,課程(雙人)",1,3200,2,${TODAY},20260602,2025/06/02 10:00:03,`,
		]);
	});

	it('keeps to the range of Taiwan dates, EndDate defaulting to BeginDate', async () => {
		const first = await sim.issued(orders.paper());
		sim.advance(14 * 3600_000); // 2025-06-03 00:00 in Taiwan
		const second = await sim.issued(orders.paper());
		const day = async (begin: string, end?: string) => {
			const answer = await sim.orderDetail({ ReportType: 1, BeginDate: begin, ...(end ? { EndDate: end } : {}) });
			sim.advance(60_000);
			return rowsOf(answer).slice(1).map((row) => row.split(',')[0]);
		};
		expect(await day('20250602')).toEqual([first.merchantTradeNo]);
		expect(await day('20250603', '20250603')).toEqual([second.merchantTradeNo]);
		expect(await day('20250601', '20250603')).toEqual([first.merchantTradeNo, second.merchantTradeNo]);
		expect(await day('20250604', '20250704')).toEqual([]);
	});

	it(`allows one file every ${ORDER_DETAIL_INTERVAL_SECONDS} s per merchant, by the simulator clock`, async () => {
		const data = { ReportType: 1, BeginDate: TODAY };
		expect((await sim.orderDetail(data)).RtnCode).toBe(1);
		sim.advance(15_000);
		expect(await sim.orderDetail(data)).toEqual({
			RtnCode: RTN_CODES.orderDetailTooSoon.code,
			RtnMsg: 'OrderDetail: one call every 60 s per merchant; retry at 2025/06/02 10:01:00 (in 45 s)',
		});
		sim.advance(44_999);
		expect((await sim.orderDetail(data)).RtnCode).toBe(RTN_CODES.orderDetailTooSoon.code);
		sim.advance(1);
		expect((await sim.orderDetail(data)).RtnCode).toBe(1);
		expect((await sim.orderDetail({ ReportType: 2, BeginDate: TODAY })).RtnCode).toBe(RTN_CODES.orderDetailTooSoon.code);
	});

	it('counts the minute per merchant, and the control clock moves it', async () => {
		const two = await startTestSimulator({ merchants: [MERCHANT, OTHER_MERCHANT] });
		try {
			const other = { codec: new Codec(OTHER_MERCHANT), sender: { merchantId: OTHER_MERCHANT.merchantId } };
			const data = { ReportType: 1, BeginDate: TODAY };
			expect((await two.orderDetail(data)).RtnCode).toBe(1);
			expect((await two.orderDetail({ ...data, MerchantID: OTHER_MERCHANT.merchantId }, other)).RtnCode).toBe(1);
			expect((await two.orderDetail(data)).RtnCode).toBe(RTN_CODES.orderDetailTooSoon.code);
			await two.control('POST', 'clock', { advanceMs: 60_000 });
			expect((await two.orderDetail(data)).RtnCode).toBe(1);
		} finally {
			await two.close();
		}
	});

	it('does not count refused calls against the minute', async () => {
		expect((await sim.orderDetail({ ReportType: 3, BeginDate: TODAY })).RtnCode).toBe(RULE_RTN_CODES.enum.code);
		expect((await sim.orderDetail({ ReportType: 1, BeginDate: TODAY })).RtnCode).toBe(1);
	});

	it.each<[string, Record<string, unknown>, number]>([
		['no ReportType', { BeginDate: TODAY }, RULE_RTN_CODES.required.code],
		['ReportType "1"', { ReportType: '1', BeginDate: TODAY }, RULE_RTN_CODES.type.code],
		['ReportType 3', { ReportType: 3, BeginDate: TODAY }, RULE_RTN_CODES.enum.code],
		['no BeginDate', { ReportType: 1 }, RULE_RTN_CODES.required.code],
		['a BeginDate that is no date', { ReportType: 1, BeginDate: '20250231' }, RULE_RTN_CODES.date.code],
		['an EndDate written with dashes', { ReportType: 1, BeginDate: TODAY, EndDate: '2025-06-02' }, RULE_RTN_CODES.date.code],
		['an EndDate before BeginDate', { ReportType: 1, BeginDate: TODAY, EndDate: '20250601' }, RULE_RTN_CODES.dateOrder.code],
		['a range of 32 days', { ReportType: 1, BeginDate: '20250501', EndDate: '20250601' }, RTN_CODES.reportRangeTooLong.code],
	])('refuses %s', async (_case, data, code) => {
		expect((await sim.orderDetail(data)).RtnCode).toBe(code);
	});

	it('takes a range of 31 days', async () => {
		expect((await sim.orderDetail({ ReportType: 1, BeginDate: '20250502', EndDate: '20250601' })).RtnCode).toBe(1);
	});

	it('lists ticket rows of gift orders with their FreeTradeNo, and expired tickets as 4', async () => {
		const gift = await sim.issued(orders.gift(tradeNo('GFT')));
		sim.advance(213 * DAY); // 2026-01-01
		const answer = await sim.orderDetail({ ReportType: 2, BeginDate: TODAY });
		const rows = rowsOf(answer).slice(1);
		expect(rows).toHaveLength(3);
		expect(rows.every((row) => row.startsWith(`,${gift.freeTradeNo},`))).toBe(true);
		expect(rows.map((row) => row.split(',')[10])).toEqual(['4', '4', '4']);
	});
});

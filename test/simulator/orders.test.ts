import { PAGE_SIZE, TICKET_FIELDS } from '../../protocol/rules/answers';
import { REFUND_ACTION, WRITE_OFF_ACTION } from '../../protocol/rules/codes';
import { RTN_CODES, RULE_RTN_CODES } from '../../simulator/rtnCodes';
import { ISSUED, PROCESSING } from '../../simulator/store';
import { DAY, orders, startTestSimulator, TODAY, tradeNo, type TestSimulator } from './client';

let sim: TestSimulator;
beforeEach(async () => {
	sim = await startTestSimulator();
});
afterEach(() => sim.close());

const redeem = (writeOffNo: string) => sim.writeOff({ WriteOffNo: writeOffNo, Action: WRITE_OFF_ACTION.redeem });
const refund = (ticketNo: string) => sim.refund({ TicketNo: ticketNo, Action: REFUND_ACTION.refund });

describe('QueryOrderInfo', () => {
	it('answers the order, its counts and amounts, TotalCount and its tickets on page 1', async () => {
		const data = { ...orders.paper(), CustomerAddress: '台北市信義區市府路1號' };
		const order = await sim.issued(data);
		await redeem(order.tickets[0].WriteOffNo);
		await refund(order.tickets[10].TicketNo);

		const answer = await sim.queryOrderInfo({ MerchantTradeNo: order.merchantTradeNo, PageNum: 1 });
		const { TicketList, ...fields } = answer;
		expect(fields).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: order.merchantTradeNo,
			FreeTradeNo: '',
			TicketTradeNo: order.ticketTradeNo,
			Status: ISSUED,
			IssueDate: '2025/06/02 10:00:00',
			IssueType: '2',
			PrintType: '2',
			CustomerName: '王珊珊',
			CustomerPhone: '',
			CustomerEmail: '',
			CustomerAddress: '台北市信義區市府路1號',
			EscrowExpiredDate: '2025/07/02',
			TradeAmount: 10 * 680 + 10 * 560,
			UnusedCount: 18,
			RedeemedCount: 1,
			RefundedCount: 1,
			ExpiredCount: 0,
			UnusedAmount: 9 * 680 + 9 * 560,
			RedeemedAmount: 680,
			RefundedAmount: 560,
			ExpiredAmount: 0,
			TotalCount: 20,
		});
		const list = TicketList as Array<Record<string, unknown>>;
		expect(list.map((t) => t.TicketNo)).toEqual(order.tickets.map((t) => t.TicketNo));
		expect(Object.keys(list[0]).sort()).toEqual([...TICKET_FIELDS].sort());
		expect(list[0]).toMatchObject({ UseStatus: 2, WriteOffDate: '2025/06/02 10:00:00', StartDate: TODAY });
		expect(list[10]).toMatchObject({ UseStatus: 3, RefundDate: '2025/06/02 10:00:00' });
	});

	it('answers a gift-voucher order by FreeTradeNo, without escrow', async () => {
		const order = await sim.issued(orders.gift());
		const answer = await sim.queryOrderInfo({ MerchantTradeNo: '', FreeTradeNo: order.freeTradeNo, PageNum: 1 });
		expect(answer).toMatchObject({
			RtnCode: 1,
			FreeTradeNo: order.freeTradeNo,
			EscrowExpiredDate: '',
			TradeAmount: 0,
			UnusedCount: 3,
			TotalCount: 3,
		});
	});

	it('answers an order still processing with an empty TicketList', async () => {
		const no = tradeNo();
		await sim.issue(orders.electronic(no));
		const answer = await sim.queryOrderInfo({ MerchantTradeNo: no, PageNum: 1 });
		expect(answer).toMatchObject({
			RtnCode: 1,
			Status: PROCESSING,
			IssueDate: '',
			EscrowExpiredDate: '',
			TradeAmount: 8 * 680 + 6 * 560,
			UnusedCount: 0,
			TotalCount: 0,
			TicketList: [],
		});
		sim.advance(3000);
		expect(await sim.queryOrderInfo({ MerchantTradeNo: no, PageNum: 1 })).toMatchObject({
			Status: ISSUED,
			IssueDate: '2025/06/02 10:00:03',
			TotalCount: 14,
		});
	});

	it(`holds a whole order on page 1 at the real page size (${PAGE_SIZE}): an order has at most 100 tickets`, async () => {
		const order = await sim.issued({ ...orders.paper(), TicketInfo: [{ ItemNo: 'BR103218', TicketAmount: 100 }] });
		const page1 = await sim.queryOrderInfo({ MerchantTradeNo: order.merchantTradeNo, PageNum: 1 });
		expect(page1.TotalCount).toBe(100);
		expect(page1.TicketList).toHaveLength(100);
		const page2 = await sim.queryOrderInfo({ MerchantTradeNo: order.merchantTradeNo, PageNum: 2 });
		expect(page2.TicketList).toEqual([]);
		expect(page2).not.toHaveProperty('TotalCount');
	});

	it('pages the TicketList at a configured page size, in a stable order, TotalCount on page 1 only', async () => {
		const small = await startTestSimulator({ pageSize: 7 });
		try {
			const order = await small.issued(orders.paper());
			const pageOf = (n: number) => small.queryOrderInfo({ MerchantTradeNo: order.merchantTradeNo, PageNum: n });
			const pages = [await pageOf(1), await pageOf(2), await pageOf(3), await pageOf(4)];
			expect(pages.map((p) => (p.TicketList as unknown[]).length)).toEqual([7, 7, 6, 0]);
			expect(pages.map((p) => p.TotalCount)).toEqual([20, undefined, undefined, undefined]);
			const numbers = pages.flatMap((p) => (p.TicketList as Array<{ TicketNo: string }>).map((t) => t.TicketNo));
			expect(numbers).toEqual(order.tickets.map((t) => t.TicketNo));
			expect(await pageOf(2)).toEqual(pages[1]);
			expect((await pageOf(99)).TicketList).toEqual([]);
		} finally {
			await small.close();
		}
	});

	it.each<[string, Record<string, unknown>, number]>([
		['both numbers', { MerchantTradeNo: 'A1', FreeTradeNo: 'B2', PageNum: 1 }, RTN_CODES.queryOneOf.code],
		['neither number', { MerchantTradeNo: '', PageNum: 1 }, RTN_CODES.queryOneOf.code],
		['no PageNum', { MerchantTradeNo: 'A1' }, RULE_RTN_CODES.required.code],
		['PageNum 0', { MerchantTradeNo: 'A1', PageNum: 0 }, RULE_RTN_CODES.type.code],
		['PageNum "1"', { MerchantTradeNo: 'A1', PageNum: '1' }, RULE_RTN_CODES.type.code],
		['PageNum 1.5', { MerchantTradeNo: 'A1', PageNum: 1.5 }, RULE_RTN_CODES.type.code],
		['a numeric MerchantTradeNo', { MerchantTradeNo: 12, PageNum: 1 }, RULE_RTN_CODES.type.code],
		['an unknown order', { MerchantTradeNo: 'NEVERSENT1', PageNum: 1 }, RTN_CODES.orderNotFound.code],
	])('refuses %s', async (_case, data, code) => {
		expect((await sim.queryOrderInfo(data)).RtnCode).toBe(code);
	});
});

describe('QueryPrintData', () => {
	it('lists the unused tickets of a paper order, BarCode = WriteOffNo', async () => {
		const order = await sim.issued(orders.paper());
		await redeem(order.tickets[0].WriteOffNo);
		await refund(order.tickets[1].TicketNo);
		const answer = await sim.queryPrintData({ MerchantTradeNo: order.merchantTradeNo });
		expect(answer).toMatchObject({ RtnCode: 1, MerchantTradeNo: order.merchantTradeNo, TicketTradeNo: order.ticketTradeNo, PrintType: '2' });
		const list = answer.PrintList as Array<Record<string, unknown>>;
		expect(list).toHaveLength(18);
		const t = order.tickets[2];
		expect(list[0]).toEqual({
			TicketNo: t.TicketNo,
			WriteOffNo: t.WriteOffNo,
			ItemNo: 'VQT04959',
			ItemName: '下午茶套餐兌換券',
			TicketAmount: 680,
			StartDate: TODAY,
			ExpiredDate: '20260602',
			BarCode: t.WriteOffNo,
		});
	});

	it('refuses an order that is not a paper order', async () => {
		const order = await sim.issued(orders.convenienceStore());
		expect(await sim.queryPrintData({ MerchantTradeNo: order.merchantTradeNo })).toEqual({
			RtnCode: RTN_CODES.notPaperOrder.code,
			RtnMsg: expect.stringContaining('IssueType 1'),
		});
	});

	it('refuses a missing or unknown MerchantTradeNo', async () => {
		expect((await sim.queryPrintData({})).RtnCode).toBe(RULE_RTN_CODES.required.code);
		expect((await sim.queryPrintData({ MerchantTradeNo: 'NEVERSENT1' })).RtnCode).toBe(RTN_CODES.orderNotFound.code);
	});
});

describe('expiry by date', () => {
	it('reads an unused pickup voucher as expired from the day after issue date + 1 year', async () => {
		const order = await sim.issued(orders.paper());
		const [kept, used] = order.tickets;
		await redeem(used.WriteOffNo);
		sim.advance(365 * DAY); // 2026-06-02: the last valid day
		expect((await sim.queryTicketStatus({ TicketNo: kept.TicketNo })).UseStatus).toBe(1);
		sim.advance(DAY);
		expect((await sim.queryTicketStatus({ TicketNo: kept.TicketNo })).UseStatus).toBe(4);
		expect((await sim.queryTicketStatus({ TicketNo: used.TicketNo })).UseStatus).toBe(2);
		expect(await redeem(kept.WriteOffNo)).toEqual({
			RtnCode: RTN_CODES.ticketExpired.code,
			RtnMsg: `Ticket ${kept.TicketNo} expired after 2026/06/02 and cannot be redeemed`,
		});
		const info = await sim.queryOrderInfo({ MerchantTradeNo: order.merchantTradeNo, PageNum: 1 });
		expect(info).toMatchObject({ UnusedCount: 0, RedeemedCount: 1, ExpiredCount: 19, ExpiredAmount: 9 * 680 + 10 * 560 });
		expect((await sim.queryPrintData({ MerchantTradeNo: order.merchantTradeNo })).PrintList).toEqual([]);
		expect(kept.UseStatus).toBe(1); // expiry is read from the date, never stored
	});

	it('expires gift vouchers after their ExpireDate, moved by the control clock', async () => {
		const order = await sim.issued(orders.gift()); // ExpireDate 20251231
		const { TicketNo, WriteOffNo } = order.tickets[0];
		const toNewYear = Date.UTC(2025, 11, 31, 16, 0) - sim.clock.ms; // 2026-01-01 00:00 in Taiwan
		expect((await sim.control('POST', 'clock', { advanceMs: toNewYear - 1 })).status).toBe(200);
		expect((await sim.queryTicketStatus({ TicketNo })).UseStatus).toBe(1);
		await sim.control('POST', 'clock', { advanceMs: 1 });
		expect((await sim.queryTicketStatus({ TicketNo })).UseStatus).toBe(4);
		expect((await redeem(WriteOffNo)).RtnCode).toBe(RTN_CODES.ticketExpired.code);
	});

	it('lets a cancelled redemption fall back to expired', async () => {
		const order = await sim.issued(orders.gift());
		const { TicketNo, WriteOffNo } = order.tickets[0];
		await redeem(WriteOffNo);
		sim.advance(250 * DAY);
		expect((await sim.queryTicketStatus({ TicketNo })).UseStatus).toBe(2);
		const answer = await sim.writeOff({ WriteOffNo, Action: WRITE_OFF_ACTION.cancelRedemption });
		expect(answer).toMatchObject({ RtnCode: 1, UseStatus: 4, WriteOffDate: '' });
	});
});

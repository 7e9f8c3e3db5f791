import { REFUND_ACTION, WRITE_OFF_ACTION } from '../../protocol/rules/codes';
import { RTN_CODES, RULE_RTN_CODES } from '../../simulator/rtnCodes';
import { DAY, MERCHANT, orders, startTestSimulator, type TestSimulator } from './client';

let sim: TestSimulator;
beforeEach(async () => {
	sim = await startTestSimulator();
});
afterEach(() => sim.close());

const { refund, cancelRefund } = REFUND_ACTION;
const paperOrder = () => sim.issued(orders.paper());

describe('Refund', () => {
	it('refunds an unused pickup voucher by TicketNo and records the refund', async () => {
		const order = await paperOrder();
		const ticket = order.tickets[12];
		sim.advance(5 * 60_000);
		const answer = await sim.refund({ TicketNo: ticket.TicketNo, Action: refund, CancelReason: '顧客退貨', Operator: 'Op1' });
		expect(answer).toMatchObject({
			RtnCode: 1,
			TicketNo: ticket.TicketNo,
			UseStatus: 3,
			TicketAmount: 560,
			RefundDate: '2025/06/02 10:05:00',
		});
		expect(order.refunds).toEqual([
			expect.objectContaining({ TicketNo: ticket.TicketNo, RefundAmount: 560, RefundDate: '2025/06/02 10:05:00', remark: '顧客退貨' }),
		]);
	});

	it('refunds by WriteOffNo', async () => {
		const order = await paperOrder();
		const answer = await sim.refund({ TicketNo: '', WriteOffNo: order.tickets[0].WriteOffNo, Action: refund });
		expect(answer).toMatchObject({ RtnCode: 1, UseStatus: 3, TicketAmount: 680 });
	});

	it('refuses a gift voucher', async () => {
		const order = await sim.issued(orders.gift());
		const answer = await sim.refund({ TicketNo: order.tickets[0].TicketNo, Action: refund });
		expect(answer).toEqual({ RtnCode: RTN_CODES.giftNotRefundable.code, RtnMsg: expect.stringContaining('gift voucher') });
	});

	it('refuses a gift voucher inside a MerchantTradeNo order but refunds its pickup vouchers', async () => {
		const order = await sim.issued({
			...orders.paper(),
			TicketInfo: [
				{ ItemNo: 'VQT04959', TicketAmount: 1 },
				{ ItemNo: 'CK851236', TicketAmount: 1, ExpireDate: '20251231' },
			],
		});
		expect((await sim.refund({ TicketNo: order.tickets[1].TicketNo, Action: refund })).RtnCode).toBe(
			RTN_CODES.giftNotRefundable.code,
		);
		expect((await sim.refund({ TicketNo: order.tickets[0].TicketNo, Action: refund })).RtnCode).toBe(1);
	});

	it('refuses a redeemed ticket', async () => {
		const order = await paperOrder();
		await sim.writeOff({ WriteOffNo: order.tickets[0].WriteOffNo, Action: WRITE_OFF_ACTION.redeem });
		const answer = await sim.refund({ TicketNo: order.tickets[0].TicketNo, Action: refund });
		expect(answer.RtnCode).toBe(RTN_CODES.redeemedNotRefundable.code);
		expect(order.tickets[0].UseStatus).toBe(2);
	});

	it('refuses a second refund of the same ticket', async () => {
		const order = await paperOrder();
		await sim.refund({ TicketNo: order.tickets[0].TicketNo, Action: refund });
		const again = await sim.refund({ WriteOffNo: order.tickets[0].WriteOffNo, Action: refund });
		expect(again).toEqual({ RtnCode: RTN_CODES.alreadyRefunded.code, RtnMsg: expect.stringContaining('already refunded') });
		expect(order.refunds).toHaveLength(1);
	});

	it('refuses to cancel the refund of a ticket that is not refunded', async () => {
		const order = await paperOrder();
		expect((await sim.refund({ TicketNo: order.tickets[0].TicketNo, Action: cancelRefund })).RtnCode).toBe(
			RTN_CODES.notRefunded.code,
		);
		await sim.writeOff({ WriteOffNo: order.tickets[1].WriteOffNo, Action: WRITE_OFF_ACTION.redeem });
		expect((await sim.refund({ TicketNo: order.tickets[1].TicketNo, Action: cancelRefund })).RtnCode).toBe(
			RTN_CODES.notRefunded.code,
		);
	});

	it('refunds within the escrow days (issue date + 30) and refuses after them', async () => {
		const order = await paperOrder();
		sim.advance(30 * DAY); // 2025-07-02, the last day of escrow
		expect((await sim.refund({ TicketNo: order.tickets[0].TicketNo, Action: refund })).RtnCode).toBe(1);
		sim.advance(DAY);
		expect(await sim.refund({ TicketNo: order.tickets[1].TicketNo, Action: refund })).toEqual({
			RtnCode: RTN_CODES.escrowExpired.code,
			RtnMsg: `Ticket ${order.tickets[1].TicketNo}: the order's escrow period ended on 2025/07/02`,
		});
		expect((await sim.refund({ TicketNo: order.tickets[0].TicketNo, Action: cancelRefund })).RtnCode).toBe(
			RTN_CODES.escrowExpired.code,
		);
		expect(order.tickets[0].UseStatus).toBe(3);
	});

	it('uses the merchant’s own escrow days', async () => {
		const short = await startTestSimulator({ merchants: [{ ...MERCHANT, escrowDays: 3 }] });
		try {
			const order = await short.issued(orders.paper());
			short.advance(4 * DAY);
			expect((await short.refund({ TicketNo: order.tickets[0].TicketNo, Action: refund })).RtnCode).toBe(
				RTN_CODES.escrowExpired.code,
			);
		} finally {
			await short.close();
		}
	});

	it('refuses an expired ticket', async () => {
		const long = await startTestSimulator({ escrowDays: 400 });
		try {
			const order = await long.issued(orders.paper());
			long.advance(366 * DAY); // 2026-06-03: the ticket expired after 2026-06-02
			expect(await long.refund({ TicketNo: order.tickets[0].TicketNo, Action: refund })).toEqual({
				RtnCode: RTN_CODES.ticketExpired.code,
				RtnMsg: expect.stringContaining('expired after 2026/06/02'),
			});
		} finally {
			await long.close();
		}
	});

	it.each<[string, Record<string, unknown>, number]>([
		['both numbers', { TicketNo: 'T', WriteOffNo: 'W' }, RTN_CODES.ticketOneOf.code],
		['neither number', { TicketNo: '', WriteOffNo: '' }, RTN_CODES.ticketOneOf.code],
		['no Action', { Action: undefined }, RULE_RTN_CODES.required.code],
		['Action "0"', { Action: '0' }, RULE_RTN_CODES.enum.code],
		['a CancelReason of 101 characters', { CancelReason: '退'.repeat(101) }, RULE_RTN_CODES.length.code],
		['an Operator with full-width characters', { Operator: 'ＡＢＣ' }, RULE_RTN_CODES.charset.code],
	])('refuses %s', async (_case, change, code) => {
		const order = await paperOrder();
		const { TicketNo, WriteOffNo } = order.tickets[0];
		const data = { TicketNo, Action: refund, ...change };
		if (change.TicketNo === 'T') Object.assign(data, { TicketNo, WriteOffNo });
		expect((await sim.refund(data)).RtnCode).toBe(code);
		expect(order.tickets[0].UseStatus).toBe(1);
	});

	it('refuses an unknown ticket', async () => {
		expect((await sim.refund({ TicketNo: 'ZZZZZ20250602100', Action: refund })).RtnCode).toBe(RTN_CODES.ticketNotFound.code);
	});
});

describe('QueryRefundInfo', () => {
	it('lists the refunds in effect and their total; a cancelled refund is not listed', async () => {
		const order = await paperOrder();
		const [a, b, c] = [order.tickets[0], order.tickets[10], order.tickets[11]];
		await sim.refund({ TicketNo: a.TicketNo, Action: refund });
		sim.advance(60_000);
		await sim.refund({ TicketNo: b.TicketNo, Action: refund });
		await sim.refund({ TicketNo: c.TicketNo, Action: refund });
		await sim.refund({ TicketNo: c.TicketNo, Action: cancelRefund });

		expect(await sim.queryRefundInfo({ MerchantTradeNo: order.merchantTradeNo })).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: order.merchantTradeNo,
			TicketTradeNo: order.ticketTradeNo,
			RefundList: [
				{ TicketNo: a.TicketNo, WriteOffNo: a.WriteOffNo, RefundAmount: 680, RefundDate: '2025/06/02 10:00:00' },
				{ TicketNo: b.TicketNo, WriteOffNo: b.WriteOffNo, RefundAmount: 560, RefundDate: '2025/06/02 10:01:00' },
			],
			TotalRefundAmount: 1240,
		});
	});

	it('answers an empty list for an order without refunds', async () => {
		const order = await paperOrder();
		expect(await sim.queryRefundInfo({ MerchantTradeNo: order.merchantTradeNo })).toMatchObject({
			RtnCode: 1,
			RefundList: [],
			TotalRefundAmount: 0,
		});
	});

	it('refuses a missing or unknown MerchantTradeNo', async () => {
		expect((await sim.queryRefundInfo({})).RtnCode).toBe(RULE_RTN_CODES.required.code);
		expect((await sim.queryRefundInfo({ MerchantTradeNo: 12 })).RtnCode).toBe(RULE_RTN_CODES.type.code);
		expect(await sim.queryRefundInfo({ MerchantTradeNo: 'NEVERSENT1' })).toEqual({
			RtnCode: RTN_CODES.orderNotFound.code,
			RtnMsg: 'MerchantTradeNo: no order NEVERSENT1',
		});
	});
});

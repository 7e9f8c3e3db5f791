import { Codec } from '../../protocol/crypto';
import { ENDPOINTS } from '../../protocol/rules/endpoints';
import { TICKET_FIELDS } from '../../protocol/rules/answers';
import { REFUND_ACTION, WRITE_OFF_ACTION } from '../../protocol/rules/codes';
import { RTN_CODES, RULE_RTN_CODES } from '../../simulator/rtnCodes';
import type { Order } from '../../simulator/store';
import {
	DAY,
	MERCHANT,
	MERCHANT_ID,
	OTHER_MERCHANT,
	orders,
	startTestSimulator,
	TODAY,
	TOMORROW,
	tradeNo,
	type TestSimulator,
} from './client';

let sim: TestSimulator;
beforeEach(async () => {
	sim = await startTestSimulator();
});
afterEach(() => sim.close());

const { redeem, cancelRedemption } = { redeem: WRITE_OFF_ACTION.redeem, cancelRedemption: WRITE_OFF_ACTION.cancelRedemption };

/** A paper order (issued at once): 10 × VQT04959 (680) then 10 × VNS21400 (560). */
const paperOrder = () => sim.issued(orders.paper());
const statusOf = async (writeOffNo: string) => (await sim.queryTicketStatus({ WriteOffNo: writeOffNo })).UseStatus;

describe('QueryTicketStatus', () => {
	it('answers a ticket by TicketNo with the fields of TICKET_FIELDS and its order numbers', async () => {
		const order = await paperOrder();
		const ticket = order.tickets[0];
		const answer = await sim.queryTicketStatus({ TicketNo: ticket.TicketNo, WriteOffNo: '' });
		expect(answer).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: order.merchantTradeNo,
			FreeTradeNo: '',
			TicketTradeNo: order.ticketTradeNo,
			TicketNo: ticket.TicketNo,
			UseStatus: 1,
			ItemNo: 'VQT04959',
			ItemName: '下午茶套餐兌換券',
			TicketType: 1,
			TicketAmount: 680,
			StartDate: TODAY,
			WriteOffDate: '',
			RefundDate: '',
			ExpiredDate: '20260602',
			WriteOffNo: ticket.WriteOffNo,
		});
		expect(Object.keys(answer).sort()).toEqual(
			['RtnCode', 'RtnMsg', 'MerchantTradeNo', 'FreeTradeNo', 'TicketTradeNo', ...TICKET_FIELDS].sort(),
		);
	});

	it('answers a ticket by WriteOffNo, "" counting as absent', async () => {
		const order = await paperOrder();
		const ticket = order.tickets[15];
		const answer = await sim.queryTicketStatus({ TicketNo: '', WriteOffNo: ticket.WriteOffNo });
		expect(answer).toMatchObject({ RtnCode: 1, TicketNo: ticket.TicketNo, ItemNo: 'VNS21400', TicketAmount: 560 });
	});

	it('answers a gift voucher with its FreeTradeNo and ExpireDate', async () => {
		const order = await sim.issued(orders.gift());
		const answer = await sim.queryTicketStatus({ TicketNo: order.tickets[0].TicketNo });
		expect(answer).toMatchObject({
			MerchantTradeNo: '',
			FreeTradeNo: order.freeTradeNo,
			TicketType: 2,
			TicketAmount: 0,
			ExpiredDate: '20251231',
		});
	});

	it.each([
		['both numbers', (no: string, wo: string) => ({ TicketNo: no, WriteOffNo: wo }), 'must be left empty when TicketNo is given'],
		['neither number', () => ({}), 'is required'],
		['two empty numbers', () => ({ TicketNo: '', WriteOffNo: '' }), 'is required'],
		['null numbers', () => ({ TicketNo: null, WriteOffNo: null }), 'is required'],
	])('refuses %s with ticketOneOf', async (_case, data, message) => {
		const { tickets } = await paperOrder();
		const answer = await sim.queryTicketStatus(data(tickets[0].TicketNo, tickets[0].WriteOffNo));
		expect(answer).toEqual({ RtnCode: RTN_CODES.ticketOneOf.code, RtnMsg: expect.stringContaining(message) });
	});

	it.each([
		['a TicketNo of 17 characters', { TicketNo: 'ABCDE202506021000' }, RULE_RTN_CODES.length.code],
		['a TicketNo with a symbol', { TicketNo: 'ABCDE20250602-00' }, RULE_RTN_CODES.charset.code],
		['a WriteOffNo with a dash', { WriteOffNo: '2506020000-0000000' }, RULE_RTN_CODES.charset.code],
		['a WriteOffNo of 19 characters', { WriteOffNo: 'LEU4loiSZ9TDTWAtxLX' }, RULE_RTN_CODES.length.code],
		['a numeric WriteOffNo', { WriteOffNo: 250602000000 }, RULE_RTN_CODES.type.code],
	])('refuses %s', async (_case, data, code) => {
		expect((await sim.queryTicketStatus(data)).RtnCode).toBe(code);
	});

	it('answers ticketNotFound for a number nobody issued', async () => {
		expect(await sim.queryTicketStatus({ WriteOffNo: '999999999999999999' })).toEqual({
			RtnCode: RTN_CODES.ticketNotFound.code,
			RtnMsg: 'WriteOffNo: no ticket 999999999999999999',
		});
		expect((await sim.queryTicketStatus({ TicketNo: 'ZZZZZ20250602100' })).RtnCode).toBe(RTN_CODES.ticketNotFound.code);
	});

	it('does not show one merchant the tickets of another', async () => {
		const two = await startTestSimulator({ merchants: [MERCHANT, OTHER_MERCHANT] });
		try {
			const order = await two.issued(orders.paper());
			const other = { codec: new Codec(OTHER_MERCHANT), sender: { merchantId: OTHER_MERCHANT.merchantId } };
			const answer = await two.queryTicketStatus(
				{ MerchantID: OTHER_MERCHANT.merchantId, TicketNo: order.tickets[0].TicketNo },
				other,
			);
			expect(answer.RtnCode).toBe(RTN_CODES.ticketNotFound.code);
			const writeOff = await two.writeOff(
				{ MerchantID: OTHER_MERCHANT.merchantId, WriteOffNo: order.tickets[0].WriteOffNo, Action: redeem },
				other,
			);
			expect(writeOff.RtnCode).toBe(RTN_CODES.ticketNotFound.code);
			expect(order.tickets[0].UseStatus).toBe(1);
		} finally {
			await two.close();
		}
	});

	it('refuses Data naming another merchant', async () => {
		const { tickets } = await paperOrder();
		const answer = await sim.queryTicketStatus({ MerchantID: '2000132', TicketNo: tickets[0].TicketNo });
		expect(answer.RtnCode).toBe(RTN_CODES.merchantMismatch.code);
	});
});

describe('WriteOff and the ticket lifecycle', () => {
	it('goes unused → redeemed → unused → refunded → unused, answering the ticket after each change', async () => {
		const order = await paperOrder();
		const { TicketNo, WriteOffNo } = order.tickets[0];

		sim.advance(90_000);
		const redeemed = await sim.writeOff({ WriteOffNo, Action: redeem, StoreID: 'TPE001', Operator: 'Clerk01' });
		expect(redeemed).toMatchObject({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: order.merchantTradeNo,
			TicketNo,
			WriteOffNo,
			UseStatus: 2,
			WriteOffDate: '2025/06/02 10:01:30',
			RefundDate: '',
		});
		expect(await sim.queryTicketStatus({ TicketNo })).toMatchObject({ UseStatus: 2, WriteOffDate: '2025/06/02 10:01:30' });

		const cancelled = await sim.writeOff({ WriteOffNo, Action: cancelRedemption, CancelReason: '誤核銷 wrong ticket' });
		expect(cancelled).toMatchObject({ RtnCode: 1, UseStatus: 1, WriteOffDate: '' });
		expect(await statusOf(WriteOffNo)).toBe(1);

		const refunded = await sim.refund({ TicketNo, Action: REFUND_ACTION.refund, CancelReason: '顧客退貨' });
		expect(refunded).toMatchObject({ RtnCode: 1, UseStatus: 3, RefundDate: '2025/06/02 10:01:30', WriteOffDate: '' });
		expect(await statusOf(WriteOffNo)).toBe(3);

		const unrefunded = await sim.refund({ WriteOffNo, Action: REFUND_ACTION.cancelRefund });
		expect(unrefunded).toMatchObject({ RtnCode: 1, UseStatus: 1, RefundDate: '' });
		expect(await statusOf(WriteOffNo)).toBe(1);

		expect((await sim.writeOff({ WriteOffNo, Action: redeem })).UseStatus).toBe(2);
	});

	it('redeems gift vouchers too', async () => {
		const order = await sim.issued(orders.gift());
		const answer = await sim.writeOff({ WriteOffNo: order.tickets[2].WriteOffNo, Action: redeem });
		expect(answer).toMatchObject({ RtnCode: 1, UseStatus: 2, TicketType: 2, FreeTradeNo: order.freeTradeNo });
	});

	type Setup = (order: Order) => Promise<unknown>;
	const redeemFirst: Setup = (o) => sim.writeOff({ WriteOffNo: o.tickets[0].WriteOffNo, Action: redeem });
	const refundFirst: Setup = (o) => sim.refund({ TicketNo: o.tickets[0].TicketNo, Action: REFUND_ACTION.refund });

	it.each<[string, Setup, string, keyof typeof RTN_CODES, RegExp]>([
		['redeeming a redeemed ticket', redeemFirst, redeem, 'alreadyRedeemed', /already redeemed on 2025\/06\/02 10:00:00/],
		['redeeming a refunded ticket', refundFirst, redeem, 'refundedNotRedeemable', /refunded on .* cannot be redeemed/],
		['cancelling the redemption of an unused ticket', async () => undefined, cancelRedemption, 'notRedeemed', /not redeemed/],
		['cancelling the redemption of a refunded ticket', refundFirst, cancelRedemption, 'notRedeemed', /not redeemed/],
	])('refuses %s and changes nothing', async (_case, setup, action, code, message) => {
		const order = await paperOrder();
		await setup(order);
		const before = { ...order.tickets[0] };
		const queued = sim.simulator.notifications.notifications.length;
		const answer = await sim.writeOff({ WriteOffNo: order.tickets[0].WriteOffNo, Action: action });
		expect(answer).toEqual({ RtnCode: RTN_CODES[code].code, RtnMsg: expect.stringMatching(message) });
		expect(order.tickets[0]).toEqual(before);
		expect(sim.simulator.notifications.notifications).toHaveLength(queued);
	});

	it('refuses a ticket whose StartDate is still to come, and redeems it from that day', async () => {
		const order = await sim.issued(orders.electronic());
		const { WriteOffNo, StartDate } = order.tickets[0];
		expect(StartDate).toBe(TOMORROW);
		expect(await sim.writeOff({ WriteOffNo, Action: redeem })).toEqual({
			RtnCode: RTN_CODES.notYetUsable.code,
			RtnMsg: `Ticket ${order.tickets[0].TicketNo} can be used from 2025/06/03, not before`,
		});
		sim.advance(DAY);
		expect(await sim.writeOff({ WriteOffNo, Action: redeem })).toMatchObject({ RtnCode: 1, UseStatus: 2 });
	});

	it('refuses an unknown WriteOffNo', async () => {
		expect(await sim.writeOff({ WriteOffNo: '123456789012345678', Action: redeem })).toEqual({
			RtnCode: RTN_CODES.ticketNotFound.code,
			RtnMsg: 'WriteOffNo: no ticket 123456789012345678',
		});
	});

	it.each([
		['an unknown branch', 'NOPE01', 'is not a branch of this merchant'],
		['an inactive branch', 'TXG003', 'is an inactive branch'],
	])('refuses %s as StoreID', async (_case, storeId, message) => {
		const order = await paperOrder();
		const answer = await sim.writeOff({ WriteOffNo: order.tickets[0].WriteOffNo, Action: redeem, StoreID: storeId });
		expect(answer).toEqual({ RtnCode: RTN_CODES.unknownStore.code, RtnMsg: `StoreID: ${storeId} ${message}` });
		expect(order.tickets[0].UseStatus).toBe(1);
	});

	it.each<[string, Record<string, unknown>, keyof typeof RULE_RTN_CODES]>([
		['no WriteOffNo', { WriteOffNo: undefined }, 'required'],
		['a TicketNo instead of the WriteOffNo', { WriteOffNo: '', TicketNo: 'ABCDE20250602100' }, 'required'],
		['a WriteOffNo of 19 characters', { WriteOffNo: '1234567890123456789' }, 'length'],
		['no Action', { Action: undefined }, 'required'],
		['Action "3"', { Action: '3' }, 'enum'],
		['Action as a number', { Action: 1 }, 'type'],
		['a CancelReason of 51 characters', { CancelReason: 'x'.repeat(51) }, 'length'],
		['no Operator', { Operator: undefined }, 'required'],
		['an Operator with a space', { Operator: 'Ann Chan' }, 'charset'],
		['an Operator of 11 characters', { Operator: 'A'.repeat(11) }, 'length'],
		['a StoreID of 1 character', { StoreID: 'T' }, 'length'],
	])('refuses %s', async (_case, change, rule) => {
		const order = await paperOrder();
		const answer = await sim.writeOff({ WriteOffNo: order.tickets[0].WriteOffNo, Action: redeem, ...change });
		expect(answer.RtnCode).toBe(RULE_RTN_CODES[rule].code);
		expect(order.tickets[0].UseStatus).toBe(1);
	});

	it('takes a CancelReason of 50 characters and an Operator of 10', async () => {
		const order = await paperOrder();
		const answer = await sim.writeOff({
			WriteOffNo: order.tickets[0].WriteOffNo,
			Action: redeem,
			CancelReason: '理'.repeat(50),
			Operator: 'A'.repeat(10),
		});
		expect(answer.RtnCode).toBe(1);
	});

	it('logs the call with the decrypted Data', async () => {
		const order = await paperOrder();
		const data = { MerchantID: MERCHANT_ID, WriteOffNo: order.tickets[0].WriteOffNo, Action: redeem, Operator: 'desk1' };
		await sim.call(ENDPOINTS.writeOff, data);
		expect(sim.simulator.requests.at(-1)).toMatchObject({ path: ENDPOINTS.writeOff, rtnCode: 1, data });
	});

	it('keeps numbers apart between orders', async () => {
		const a = await paperOrder();
		const b = await sim.issued(orders.paper(tradeNo('B')));
		await sim.writeOff({ WriteOffNo: a.tickets[0].WriteOffNo, Action: redeem });
		expect(b.tickets.every((t) => t.UseStatus === 1)).toBe(true);
	});
});

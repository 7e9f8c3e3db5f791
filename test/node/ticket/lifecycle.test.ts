import type { INodeParameters } from 'n8n-workflow';

import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { REFUND_ACTION, WRITE_OFF_ACTION } from '../../../protocol/rules/codes';
import { RTN_CODES, RULE_RTN_CODES, type RtnCodeName } from '../../../simulator/rtnCodes';
import {
	advanceDays,
	CONTINUE,
	DIALECT,
	errorOf,
	errorResponseOf,
	issueParams,
	lastCall,
	MERCHANT,
	opParams,
	outputOf,
	paperOrder,
	requests,
	run,
	startSim,
	taiwanDay,
	ticketsOf,
	tradeNo,
	useSimulator,
	type Sim,
} from '../fixtures';

const sim = useSimulator();

const ticketOp = (operation: string, overrides: INodeParameters = {}) => opParams('ticket', operation, overrides);
const redeem = (writeOffNo: string, extra: INodeParameters = {}) => ticketOp('redeem', { writeOffNo, ...extra });
const cancelRedemption = (writeOffNo: string, extra: INodeParameters = {}) => ticketOp('cancelRedemption', { writeOffNo, ...extra });
const refund = (ticketNo: string, extra: INodeParameters = {}) => ticketOp('refund', { ticketBy: 'ticketNo', ticketNo, ...extra });
const cancelRefund = (ticketNo: string, extra: INodeParameters = {}) => ticketOp('cancelRefund', { ticketBy: 'ticketNo', ticketNo, ...extra });
const getTicket = (ticketNo: string) => ticketOp('get', { ticketNo });

/** WriteOffDate and RefundDate as this run's simulator dialect writes them. */
const STAMP = DIALECT.stamp;

/** The node's answer for one call that must succeed. */
async function ok(on: Sim, parameters: INodeParameters) {
	const output = outputOf(await run(on, parameters));
	expect(output).toHaveLength(1);
	expect(output[0].json.RtnCode).toBe(1);
	return output[0].json;
}

/** The node fails with the simulator's RtnCode and RtnMsg, named in one message. */
async function refused(on: Sim, parameters: INodeParameters, code: RtnCodeName, endpoint: string) {
	const before = requests(on, endpoint).length;
	const error = errorOf(await run(on, parameters));
	const calls = requests(on, endpoint);
	expect(calls).toHaveLength(before + 1);
	const logged = calls[calls.length - 1];
	expect(logged.rtnCode).toBe(RTN_CODES[code].code);
	expect(error.name).toBe('NodeApiError');
	expect(error.message).toBe(`Item 0: ECPay refused the request: ${String(logged.rtnMsg)} (RtnCode ${RTN_CODES[code].code})`);
	expect(error.description).toBe(`Endpoint ${endpoint}. RtnCode ${RTN_CODES[code].code}: ${String(logged.rtnMsg)}`);
	expect(errorResponseOf(error)).toEqual({ RtnCode: RTN_CODES[code].code, RtnMsg: logged.rtnMsg, ...DIALECT.unknown });
	return logged;
}

describe('Ticket lifecycle through the node', () => {
	it('Redeem → redeemed → Cancel Redemption → unused → Refund → refunded → Cancel Refund → unused', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		const [{ TicketNo, WriteOffNo }] = tickets;

		const redeemed = await ok(sim, redeem(WriteOffNo, { operator: 'clerk1', additionalFields: { storeId: 'TPE001' } }));
		expect(redeemed).toMatchObject({
			MerchantTradeNo: no,
			TicketNo,
			WriteOffNo,
			UseStatus: 2,
			UseStatusLabel: 'redeemed',
			WriteOffDate: expect.stringMatching(STAMP),
			WriteOffDateIso: expect.stringMatching(DIALECT.stampIso()),
		});
		expect(lastCall(sim, ENDPOINTS.writeOff).data).toEqual({
			MerchantID: MERCHANT.merchantId,
			WriteOffNo,
			Action: WRITE_OFF_ACTION.redeem,
			Operator: 'clerk1',
			StoreID: 'TPE001',
		});
		expect(await ok(sim, getTicket(TicketNo))).toMatchObject({ UseStatus: 2, UseStatusLabel: 'redeemed', WriteOffDate: redeemed.WriteOffDate });

		const unredeemed = await ok(sim, cancelRedemption(WriteOffNo, { cancelReason: '店員誤刷' }));
		expect(unredeemed).toMatchObject({ UseStatus: 1, UseStatusLabel: 'unused', WriteOffDate: '' });
		expect(unredeemed).not.toHaveProperty('WriteOffDateIso');
		expect(lastCall(sim, ENDPOINTS.writeOff).data).toEqual({
			MerchantID: MERCHANT.merchantId,
			WriteOffNo,
			Action: WRITE_OFF_ACTION.cancelRedemption,
			Operator: 'n8n',
			CancelReason: '店員誤刷',
		});
		expect(await ok(sim, getTicket(TicketNo))).toMatchObject({ UseStatus: 1, UseStatusLabel: 'unused' });

		const refunded = await ok(sim, refund(TicketNo, { operator: 'svc' }));
		expect(refunded).toMatchObject({ UseStatus: 3, UseStatusLabel: 'refunded', RefundDate: expect.stringMatching(STAMP) });
		expect(lastCall(sim, ENDPOINTS.refund).data).toEqual({
			MerchantID: MERCHANT.merchantId,
			TicketNo,
			Action: REFUND_ACTION.refund,
			Operator: 'svc',
		});
		expect(await ok(sim, getTicket(TicketNo))).toMatchObject({ UseStatus: 3, UseStatusLabel: 'refunded', RefundDate: refunded.RefundDate });

		const unrefunded = await ok(sim, cancelRefund(TicketNo));
		expect(unrefunded).toMatchObject({ UseStatus: 1, UseStatusLabel: 'unused', RefundDate: '' });
		expect(lastCall(sim, ENDPOINTS.refund).data).toEqual({ MerchantID: MERCHANT.merchantId, TicketNo, Action: REFUND_ACTION.cancelRefund, Operator: 'n8n', CancelReason: 'Cancelled in n8n' });
		expect(await ok(sim, getTicket(TicketNo))).toMatchObject({ UseStatus: 1, UseStatusLabel: 'unused' });
	});

	it('refunds and cancels a refund by Write-Off No too', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'VNS21400', ticketAmount: 1 }]);
		const [{ TicketNo, WriteOffNo }] = tickets;
		const byWriteOff = { ticketBy: 'writeOffNo', writeOffNo: WriteOffNo };
		expect(await ok(sim, ticketOp('refund', byWriteOff))).toMatchObject({ TicketNo, UseStatusLabel: 'refunded' });
		expect(lastCall(sim, ENDPOINTS.refund).data).toEqual({ MerchantID: MERCHANT.merchantId, WriteOffNo, Action: REFUND_ACTION.refund, Operator: 'n8n' });
		expect(await ok(sim, ticketOp('cancelRefund', byWriteOff))).toMatchObject({ TicketNo, UseStatusLabel: 'unused' });
	});
});

describe('Ticket lifecycle: refusals through the node', () => {
	it('redeeming twice', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		await ok(sim, redeem(tickets[0].WriteOffNo));
		const logged = await refused(sim, redeem(tickets[0].WriteOffNo), 'alreadyRedeemed', ENDPOINTS.writeOff);
		expect(logged.rtnMsg).toContain(tickets[0].TicketNo);
	});

	it('redeeming a refunded ticket', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		await ok(sim, refund(tickets[0].TicketNo));
		await refused(sim, redeem(tickets[0].WriteOffNo), 'refundedNotRedeemable', ENDPOINTS.writeOff);
	});

	it('refunding twice', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		await ok(sim, refund(tickets[0].TicketNo));
		await refused(sim, refund(tickets[0].TicketNo), 'alreadyRefunded', ENDPOINTS.refund);
	});

	it('refunding a gift voucher', async () => {
		const { tickets } = await paperOrder(sim, [
			{ itemNo: 'VQT04959', ticketAmount: 1 },
			{ itemNo: 'GIFT0001', ticketAmount: 1, expireDate: taiwanDay(30).dashed },
		]);
		await refused(sim, refund(tickets[1].TicketNo), 'giftNotRefundable', ENDPOINTS.refund);
		// A gift voucher can be redeemed, though.
		expect(await ok(sim, redeem(tickets[1].WriteOffNo))).toMatchObject({ TicketTypeLabel: 'gift voucher', UseStatusLabel: 'redeemed' });
	});

	it('refunding a redeemed ticket', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		await ok(sim, redeem(tickets[0].WriteOffNo));
		await refused(sim, refund(tickets[0].TicketNo), 'redeemedNotRefundable', ENDPOINTS.refund);
	});

	it('cancelling a redemption that did not happen, and a refund that did not happen', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		await refused(sim, cancelRedemption(tickets[0].WriteOffNo), 'notRedeemed', ENDPOINTS.writeOff);
		await refused(sim, cancelRefund(tickets[0].TicketNo), 'notRefunded', ENDPOINTS.refund);
	});

	it('a write-off number no ticket has, and an inactive branch', async () => {
		await refused(sim, redeem('123456789012345678'), 'ticketNotFound', ENDPOINTS.writeOff);
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		await refused(sim, redeem(tickets[0].WriteOffNo, { additionalFields: { storeId: 'TXG003' } }), 'unknownStore', ENDPOINTS.writeOff);
		// A refused change changes nothing.
		expect(ticketsOf(sim, no)[0]).toMatchObject({ UseStatus: 1, WriteOffDate: '' });
	});

	it('a ticket not yet usable (electronic, Usable From a Start Date)', async () => {
		const start = taiwanDay(3);
		const no = tradeNo('PRE');
		const issued = outputOf(
			await run(
				sim,
				issueParams('3', {
					merchantTradeNo: no,
					isImmediate: '2',
					tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 1, startDate: start.dashed }] },
				}),
			),
		);
		expect(issued[0].json.RtnCode).toBe(1);
		// Let the simulator's scheduled issuance job run (300 ms) without waiting for it.
		sim.advanceClock(1000);
		const [ticket] = ticketsOf(sim, no);
		expect(ticket.StartDate).toBe(start.wire);

		const logged = await refused(sim, redeem(ticket.WriteOffNo), 'notYetUsable', ENDPOINTS.writeOff);
		expect(logged.rtnMsg).toContain(start.dashed.replace(/-/g, '/'));
		expect(await ok(sim, getTicket(ticket.TicketNo))).toMatchObject({ UseStatusLabel: 'unused', StartDate: start.wire, StartDateIso: start.dashed });
		// Before its start it can still be refunded (escrow is on).
		expect(await ok(sim, refund(ticket.TicketNo))).toMatchObject({ UseStatusLabel: 'refunded' });
	});

	it('with Continue On Fail, error items carry RtnCode and RtnMsg and the others go through', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 3 }]);
		await ok(sim, redeem(tickets[1].WriteOffNo));
		const output = outputOf(
			await run(sim, redeem('={{ $json.w }}'), {
				items: tickets.map((t) => ({ w: t.WriteOffNo })),
				onError: CONTINUE,
			}),
		);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({ RtnCode: 1, TicketNo: tickets[0].TicketNo, UseStatusLabel: 'redeemed' });
		expect(output[2].json).toMatchObject({ RtnCode: 1, TicketNo: tickets[2].TicketNo, UseStatusLabel: 'redeemed' });
		const refusal = requests(sim, ENDPOINTS.writeOff).find((r) => r.data?.WriteOffNo === tickets[1].WriteOffNo && r.rtnCode !== 1);
		expect(output[1].json).toEqual({
			error: `Item 1: ECPay refused the request: ${String(refusal?.rtnMsg)} (RtnCode ${RTN_CODES.alreadyRedeemed.code})`,
			description: expect.stringContaining(ENDPOINTS.writeOff),
			RtnCode: RTN_CODES.alreadyRedeemed.code,
			RtnMsg: refusal?.rtnMsg,
			kind: 'refused',
		});
	});

	it.each([
		['Redeem with a Write-Off No of 19 characters', redeem('ABCDEFGHIJKLMNOPQRS')],
		['Refund with a Ticket No of 17 characters', refund('ABCDEFGH123456789')],
		['Cancel Refund with a Write-Off No of 19 digits', ticketOp('cancelRefund', { ticketBy: 'writeOffNo', writeOffNo: '1234567890123456789' })],
		['Redeem with an empty Write-Off No', redeem('={{ "" }}')],
	])('refuses %s before any request (an official rule)', async (_name, parameters) => {
		const before = requests(sim).length;
		const error = errorOf(await run(sim, parameters));
		expect(error.name).toBe('NodeOperationError');
		expect(error.description).toContain('Nothing was sent to ECPay');
		expect(requests(sim).length).toBe(before);
	});

	it.each([
		['Redeem with a Write-Off No of letters and digits (ECPay\'s own sample: LEU4loiSZ9TDTWAtxL)', redeem('LEU4loiSZ9TDTWAtxL'), 'ticketNotFound', undefined],
		['Redeem with an Operator of 11 characters', redeem('123456789012345678', { operator: 'ABCDEFGHIJK' }), 'length', 'Operator (Operator) must be at most 10 characters long'],
		['Redeem with a Store ID of one character', redeem('123456789012345678', { additionalFields: { storeId: 'A' } }), 'length', 'Store ID (StoreID) must be 2 to 20 characters long'],
		['Cancel Redemption with a reason of 51 characters', cancelRedemption('123456789012345678', { cancelReason: 'x'.repeat(51) }), 'length', 'Cancel Reason (CancelReason) must be at most 50 characters long'],
		['Get with a Ticket No with a dash', ticketOp('get', { ticketNo: 'ABCD-123' }), 'charset', 'Ticket No (TicketNo) may only contain English letters and digits'],
	])('sends %s: the rule is inferred, ECPay\'s answer decides and a hint says so', async (_name, parameters, code, hint) => {
		const before = requests(sim).length;
		const result = await run(sim, parameters, { onError: CONTINUE });
		const sent = requests(sim).slice(before);
		expect(sent).toHaveLength(1);
		const expected = code in RTN_CODES ? RTN_CODES[code as RtnCodeName].code : RULE_RTN_CODES[code as keyof typeof RULE_RTN_CODES].code;
		expect(sent[0].rtnCode).toBe(expected);
		expect(outputOf(result)[0].json).toMatchObject({ kind: 'refused', RtnCode: expected });
		expect(result.hints).toEqual(hint ? [expect.stringContaining(hint)] : []);
	});
});

describe('Ticket lifecycle: refusals that need the clock moved', () => {
	let clocked: Sim;
	beforeEach(async () => {
		clocked = await startSim();
	});
	afterEach(() => clocked.close());

	it('refunding outside escrow (EscrowExpiredDate passed), while redeeming still works', async () => {
		const { tickets } = await paperOrder(clocked, [{ itemNo: 'VQT04959', ticketAmount: 2 }]);
		// Default escrow: 30 days, refundable through the last day.
		advanceDays(clocked, 30);
		expect(await ok(clocked, refund(tickets[0].TicketNo))).toMatchObject({ UseStatusLabel: 'refunded' });
		advanceDays(clocked, 1);
		const logged = await refused(clocked, refund(tickets[1].TicketNo), 'escrowExpired', ENDPOINTS.refund);
		expect(logged.rtnMsg).toMatch(/ended on \d{4}\/\d{2}\/\d{2}/);
		// Cancelling the refund also needs the order within escrow.
		await refused(clocked, cancelRefund(tickets[0].TicketNo), 'escrowExpired', ENDPOINTS.refund);
		expect(await ok(clocked, redeem(tickets[1].WriteOffNo))).toMatchObject({ UseStatusLabel: 'redeemed' });
	});

	it('an expired ticket: Get says expired, Redeem and Refund are refused', async () => {
		const expire = taiwanDay(1);
		const { tickets } = await paperOrder(clocked, [{ itemNo: 'VQT04959', ticketAmount: 1, expireDate: expire.dashed }]);
		const [{ TicketNo, WriteOffNo }] = tickets;
		advanceDays(clocked, 2);

		expect(await ok(clocked, getTicket(TicketNo))).toMatchObject({
			UseStatus: 4,
			UseStatusLabel: 'expired',
			ExpiredDate: expire.wire,
			ExpiredDateIso: expire.dashed,
		});
		await refused(clocked, redeem(WriteOffNo), 'ticketExpired', ENDPOINTS.writeOff);
		await refused(clocked, refund(TicketNo), 'ticketExpired', ENDPOINTS.refund);
	});

	it('a redemption cancelled after expiry leaves the ticket expired', async () => {
		const { tickets } = await paperOrder(clocked, [{ itemNo: 'VQT04959', ticketAmount: 1, expireDate: taiwanDay(1).dashed }]);
		await ok(clocked, redeem(tickets[0].WriteOffNo));
		advanceDays(clocked, 2);
		expect(await ok(clocked, getTicket(tickets[0].TicketNo))).toMatchObject({ UseStatusLabel: 'redeemed' });
		expect(await ok(clocked, cancelRedemption(tickets[0].WriteOffNo))).toMatchObject({ UseStatus: 4, UseStatusLabel: 'expired' });
	});
});

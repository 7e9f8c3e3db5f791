import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { RTN_CODES, RULE_RTN_CODES } from '../../../simulator/rtnCodes';
import {
	CONTINUE,
	DIALECT,
	errorOf,
	issueParams,
	lastCall,
	MERCHANT,
	opParams,
	orderNoOf,
	outputOf,
	requests,
	run,
	ticketsOf,
	tradeNo,
	useSimulator,
} from '../fixtures';

const sim = useSimulator();

const callsFor = (endpoint: string, no: string) => requests(sim, endpoint).filter((r) => orderNoOf(r) === no);

describe('Ticket › Issue in issuance-only mode', () => {
	it('sends the order with its Payment Provider to /api/issuance/issue, never to /api/Ticket/Issue', async () => {
		const no = tradeNo('ISO');
		const output = outputOf(
			await run(sim, issueParams('2', { merchantTradeNo: no, apiMode: 'issuanceOnly', paymentProvider: '2' })),
		);
		expect(output[0].json).toMatchObject({ RtnCode: 1, MerchantTradeNo: no, TicketTradeNo: expect.stringMatching(/^\d{16}$/) });

		const [call] = callsFor(ENDPOINTS.issuanceOnlyIssue, no);
		expect(call.rtnCode).toBe(1);
		expect(call.data).toEqual({
			MerchantID: MERCHANT.merchantId,
			MerchantTradeNo: no,
			IssueType: '2',
			PrintType: '2',
			Operator: 'tester',
			TicketInfo: [
				{ ItemNo: 'VQT04959', TicketAmount: 10 },
				{ ItemNo: 'VNS21400', TicketAmount: 10 },
			],
			PaymentProvider: '2',
		});
		expect(callsFor(ENDPOINTS.issue, no)).toHaveLength(0);
		const order = sim.simulator.store.findOrder(MERCHANT.merchantId, { merchantTradeNo: no, freeTradeNo: '' });
		expect(order).toMatchObject({ mode: 'issuance', paymentProvider: '2' });
	});

	it('sends a Payment Provider that is not ECPay\'s code as given, with a hint, and ECPay\'s answer decides (an inferred rule)', async () => {
		const no = tradeNo('ISN');
		const result = await run(sim, issueParams('2', { merchantTradeNo: no, apiMode: 'issuanceOnly', paymentProvider: '={{ "LINE Pay" }}' }), { onError: CONTINUE });
		const [call] = callsFor(ENDPOINTS.issuanceOnlyIssue, no);
		expect(call.data).toMatchObject({ PaymentProvider: 'LINE Pay' });
		expect(call.rtnCode).toBe(RULE_RTN_CODES.enum.code);
		expect(outputOf(result)[0].json).toMatchObject({ kind: 'refused', RtnCode: RULE_RTN_CODES.enum.code });
		expect(result.hints).toEqual([expect.stringContaining('Payment Provider (PaymentProvider) must be "1" or "2"')]);
	});

	it('waits for issuance of an issuance-only order with Get Issuance Result', async () => {
		const no = tradeNo('ISW');
		const output = outputOf(
			await run(sim, issueParams('3', { merchantTradeNo: no, apiMode: 'issuanceOnly', paymentProvider: '2', waitForIssuance: true })),
		);
		expect(output[0].json).toMatchObject({ RtnCode: 1, issuance: { state: 'issued', Status: 1 } });
		expect(callsFor(ENDPOINTS.issuanceOnlyIssue, no)).toHaveLength(1);
		expect(callsFor(ENDPOINTS.queryIssueResult, no).length).toBeGreaterThanOrEqual(1);
	});

	it('its tickets can be redeemed but not refunded (no escrow, RtnCode 3021), and the order has no EscrowExpiredDate', async () => {
		const no = tradeNo('ISR');
		outputOf(await run(sim, issueParams('2', { merchantTradeNo: no, apiMode: 'issuanceOnly', paymentProvider: '1' })));
		const [first, second, third] = ticketsOf(sim, no);

		const error = errorOf(await run(sim, opParams('ticket', 'refund', { ticketNo: first.TicketNo })));
		expect(lastCall(sim, ENDPOINTS.refund).rtnCode).toBe(RTN_CODES.noEscrow.code);
		expect(error.message).toContain(`RtnCode ${RTN_CODES.noEscrow.code}`);

		const redeemed = outputOf(await run(sim, opParams('ticket', 'redeem', { writeOffNo: second.WriteOffNo })));
		expect(redeemed[0].json).toMatchObject({ UseStatusLabel: 'redeemed' });

		const order = outputOf(await run(sim, opParams('order', 'get', { merchantTradeNo: no, returnAll: true })));
		expect(order[0].json).toMatchObject({ EscrowExpiredDate: '', [DIALECT.counts.redeemed.count]: 1 });
		expect(order[0].json).not.toHaveProperty('EscrowExpiredDateIso');

		const returned = outputOf(await run(sim, opParams('ticket', 'refund', { ticketNo: third.TicketNo, apiMode: 'issuanceOnly' })));
		expect(lastCall(sim, ENDPOINTS.issuanceRefund)).toMatchObject({ rtnCode: 1, data: { TicketNo: third.TicketNo, Action: '1', Operator: 'n8n' } });
		expect(returned[0].json).toMatchObject({ TicketNo: third.TicketNo, UseStatus: 3 });
	});
});

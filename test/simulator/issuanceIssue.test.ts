import { REFUND_ACTION, WRITE_OFF_ACTION } from '../../protocol/rules/codes';
import { ENDPOINTS } from '../../protocol/rules/endpoints';
import { RTN_CODES, RULE_RTN_CODES } from '../../simulator/rtnCodes';
import { MERCHANT_ID, orders, startTestSimulator, tradeNo, type TestSimulator } from './client';

let sim: TestSimulator;
beforeEach(async () => {
	sim = await startTestSimulator();
});
afterEach(() => sim.close());

const findOrder = (no: string) => sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' });

describe('/api/issuance/issue (issuance-only mode)', () => {
	it('takes Issue’s Data plus a PaymentProvider and keeps the order in issuance mode', async () => {
		const no = tradeNo();
		const answer = await sim.issuanceIssue({ ...orders.paper(no), PaymentProvider: '2' });
		expect(answer).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			FreeTradeNo: '',
			TicketTradeNo: expect.stringMatching(/^\d{16}$/),
			TicketData: [
				{ ItemNo: 'VQT04959', TicketAmount: 10 },
				{ ItemNo: 'VNS21400', TicketAmount: 10 },
			],
		});
		expect(findOrder(no)).toMatchObject({ mode: 'issuance', paymentProvider: '2' });
		expect((await sim.queryIssueResult({ MerchantTradeNo: no })).Status).toBe(1);
	});

	it('keeps /api/Ticket/Issue orders in escrow mode', async () => {
		const b = tradeNo();
		await sim.issue(orders.paper(b));
		expect(findOrder(b)).toMatchObject({ mode: 'escrow', paymentProvider: '' });
	});

	it('requires PaymentProvider 1 or 2 (ECPay’s sample code) and applies Issue’s rules', async () => {
		expect((await sim.issuanceIssue(orders.paper())).RtnCode).toBe(RULE_RTN_CODES.required.code);
		expect((await sim.issuanceIssue({ ...orders.paper(), PaymentProvider: 'LINEPay' })).RtnCode).toBe(RULE_RTN_CODES.enum.code);
		expect((await sim.issuanceIssue({ ...orders.paper(), PaymentProvider: 2 })).RtnCode).toBe(RULE_RTN_CODES.type.code);
		expect((await sim.issuanceIssue({ ...orders.paper(), PaymentProvider: '1', Operator: '' })).RtnCode).toBe(RULE_RTN_CODES.required.code);
	});

	it('shares order numbers with /api/Ticket/Issue', async () => {
		const no = tradeNo();
		await sim.issue(orders.paper(no));
		expect((await sim.issuanceIssue({ ...orders.paper(no), PaymentProvider: '1' })).RtnCode).toBe(RTN_CODES.tradeNoUsed.code);
	});

	it('issues tickets that redeem but do not refund through /api/Ticket/Refund, and shows no escrow', async () => {
		const no = tradeNo();
		await sim.issuanceIssue({ ...orders.paper(no), PaymentProvider: '2' });
		const [first, second] = findOrder(no)?.tickets ?? [];
		expect((await sim.writeOff({ WriteOffNo: first.WriteOffNo, Action: WRITE_OFF_ACTION.redeem })).RtnCode).toBe(1);
		expect(await sim.refund({ TicketNo: second.TicketNo, Action: REFUND_ACTION.refund })).toEqual({
			RtnCode: RTN_CODES.noEscrow.code,
			RtnMsg: expect.stringContaining('issuance-only mode'),
		});
		expect((await sim.queryOrderInfo({ MerchantTradeNo: no, PageNum: 1 })).EscrowExpiredDate).toBe('');
	});

	it('returns issuance-only tickets through /api/issuance/Refund, without an escrow period, and cancels the return', async () => {
		const no = tradeNo();
		await sim.issuanceIssue({ ...orders.paper(no), PaymentProvider: '2' });
		const ticket = findOrder(no)?.tickets[0];
		if (!ticket) throw new Error('no ticket');
		sim.advance(40 * 86_400_000);
		const returned = await sim.call(ENDPOINTS.issuanceRefund, { MerchantID: MERCHANT_ID, TicketNo: ticket.TicketNo, Action: REFUND_ACTION.refund, Operator: 'desk' });
		expect(returned).toMatchObject({ RtnCode: 1, TicketNo: ticket.TicketNo, UseStatus: 3 });
		const cancelled = await sim.call(ENDPOINTS.issuanceRefund, { MerchantID: MERCHANT_ID, TicketNo: ticket.TicketNo, Action: REFUND_ACTION.cancelRefund, Operator: 'desk', CancelReason: 'kept' });
		expect(cancelled).toMatchObject({ RtnCode: 1, UseStatus: 1 });
	});

	it('refuses escrow tickets on /api/issuance/Refund', async () => {
		const no = tradeNo();
		await sim.issue(orders.paper(no));
		const ticket = findOrder(no)?.tickets[0];
		const answer = await sim.call(ENDPOINTS.issuanceRefund, { MerchantID: MERCHANT_ID, TicketNo: ticket?.TicketNo, Action: REFUND_ACTION.refund, Operator: 'desk' });
		expect(answer).toEqual({ RtnCode: RTN_CODES.escrowOrder.code, RtnMsg: expect.stringContaining('/api/Ticket/Refund') });
	});
});

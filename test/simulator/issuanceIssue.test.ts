import { REFUND_ACTION, WRITE_OFF_ACTION } from '../../protocol/spec/operations';
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
		const answer = await sim.issuanceIssue({ ...orders.paper(no), PaymentProvider: 'LINEPay' });
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
		expect(findOrder(no)).toMatchObject({ mode: 'issuance', paymentProvider: 'LINEPay' });
		expect((await sim.queryIssueResult({ MerchantTradeNo: no })).Status).toBe(1);
	});

	it('works without PaymentProvider; /api/Ticket/Issue keeps escrow mode', async () => {
		const a = tradeNo();
		const b = tradeNo();
		await sim.issuanceIssue(orders.paper(a));
		await sim.issue(orders.paper(b));
		expect(findOrder(a)).toMatchObject({ mode: 'issuance', paymentProvider: '' });
		expect(findOrder(b)).toMatchObject({ mode: 'escrow', paymentProvider: '' });
	});

	it('applies Issue’s rules and refuses a PaymentProvider that is not text', async () => {
		expect((await sim.issuanceIssue({ ...orders.paper(), PaymentProvider: 3 })).RtnCode).toBe(RULE_RTN_CODES.type.code);
		expect((await sim.issuanceIssue({ ...orders.paper(), Operator: '' })).RtnCode).toBe(RULE_RTN_CODES.required.code);
	});

	it('shares order numbers with /api/Ticket/Issue', async () => {
		const no = tradeNo();
		await sim.issue(orders.paper(no));
		expect((await sim.issuanceIssue(orders.paper(no))).RtnCode).toBe(RTN_CODES.tradeNoUsed.code);
	});

	it('issues tickets that redeem but do not refund, and shows no escrow', async () => {
		const no = tradeNo();
		await sim.issuanceIssue(orders.paper(no));
		const [first, second] = findOrder(no)?.tickets ?? [];
		expect((await sim.writeOff({ WriteOffNo: first.WriteOffNo, Action: WRITE_OFF_ACTION.redeem })).RtnCode).toBe(1);
		expect(await sim.refund({ TicketNo: second.TicketNo, Action: REFUND_ACTION.refund })).toEqual({
			RtnCode: RTN_CODES.noEscrow.code,
			RtnMsg: expect.stringContaining('issuance-only mode'),
		});
		expect((await sim.queryOrderInfo({ MerchantTradeNo: no, PageNum: 1 })).EscrowExpiredDate).toBe('');
	});
});

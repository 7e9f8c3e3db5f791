import { RTN_CODES, RULE_RTN_CODES } from '../../simulator/rtnCodes';
import { ISSUED, PROCESSING } from '../../simulator/store';
import { Codec } from '../../protocol/crypto';
import { MERCHANT, OTHER_MERCHANT, orders, startTestSimulator, tradeNo, type TestSimulator } from './client';

let sim: TestSimulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(() => sim.close());

describe('QueryIssueResult', () => {
	it('reports processing, then issued, by MerchantTradeNo', async () => {
		const no = tradeNo();
		const { TicketTradeNo } = await sim.issue(orders.electronic(no));
		const expected = { RtnCode: 1, RtnMsg: '成功', MerchantTradeNo: no, FreeTradeNo: '', TicketTradeNo, Remark: '' };
		expect(await sim.queryIssueResult({ MerchantTradeNo: no })).toEqual({ ...expected, Status: PROCESSING });
		sim.advance(3000);
		expect(await sim.queryIssueResult({ MerchantTradeNo: no, FreeTradeNo: '' })).toEqual({ ...expected, Status: ISSUED });
	});

	it('finds a gift-voucher order by FreeTradeNo, with "" meaning absent', async () => {
		const no = tradeNo('GFT');
		await sim.issue(orders.gift(no));
		expect(await sim.queryIssueResult({ MerchantTradeNo: '', FreeTradeNo: no })).toMatchObject({
			RtnCode: 1,
			MerchantTradeNo: '',
			FreeTradeNo: no,
		});
	});

	it('keeps MerchantTradeNo and FreeTradeNo apart', async () => {
		const no = tradeNo();
		await sim.issue(orders.paper(no));
		expect((await sim.queryIssueResult({ FreeTradeNo: no })).RtnCode).toBe(RTN_CODES.orderNotFound.code);
	});

	it.each([
		['both numbers', { MerchantTradeNo: 'A1', FreeTradeNo: 'B2' }],
		['neither number', {}],
		['two empty numbers', { MerchantTradeNo: '', FreeTradeNo: '' }],
		['null numbers', { MerchantTradeNo: null, FreeTradeNo: null }],
	])('refuses %s', async (_case, data) => {
		const answer = await sim.queryIssueResult(data);
		expect(answer).toEqual({ RtnCode: RTN_CODES.queryOneOf.code, RtnMsg: expect.stringContaining('MerchantTradeNo') });
	});

	it('answers an unknown order with orderNotFound', async () => {
		expect(await sim.queryIssueResult({ MerchantTradeNo: 'NEVERSENT1' })).toEqual({
			RtnCode: RTN_CODES.orderNotFound.code,
			RtnMsg: 'MerchantTradeNo: no order NEVERSENT1',
		});
	});

	it('refuses a number that is not text', async () => {
		expect((await sim.queryIssueResult({ MerchantTradeNo: 12345 })).RtnCode).toBe(RULE_RTN_CODES.type.code);
	});

	it('refuses Data without MerchantID or naming another merchant', async () => {
		const no = tradeNo();
		await sim.issue(orders.paper(no));
		const missing = await sim.call('/api/Ticket/QueryIssueResult', { MerchantTradeNo: no });
		expect(missing).toEqual({ RtnCode: RULE_RTN_CODES.required.code, RtnMsg: 'MerchantID: is required' });
		const other = await sim.queryIssueResult({ MerchantID: '2000132', MerchantTradeNo: no });
		expect(other.RtnCode).toBe(RTN_CODES.merchantMismatch.code);
	});

	it('does not show one merchant the orders of another', async () => {
		const two = await startTestSimulator({ merchants: [MERCHANT, OTHER_MERCHANT] });
		try {
			const no = tradeNo();
			await two.issue(orders.paper(no));
			const answer = await two.queryIssueResult(
				{ MerchantID: OTHER_MERCHANT.merchantId, MerchantTradeNo: no },
				{ codec: new Codec(OTHER_MERCHANT), sender: { merchantId: OTHER_MERCHANT.merchantId } },
			);
			expect(answer.RtnCode).toBe(RTN_CODES.orderNotFound.code);
		} finally {
			await two.close();
		}
	});
});

import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { RTN_CODES } from '../../../simulator/rtnCodes';
import {
	DIALECT,
	errorOf,
	lastCall,
	MERCHANT,
	opParams,
	outputOf,
	paperOrder,
	requests,
	run,
	tradeNo,
	useSimulator,
} from '../fixtures';

const sim = useSimulator();

const refundInfo = (merchantTradeNo: string) => opParams('order', 'getRefundInfo', { merchantTradeNo });
/** RefundDate as this run's simulator dialect writes it. */
const STAMP = DIALECT.stamp;

describe('Order › Get Refund Info', () => {
	it('after two refunds through the node: both listed with their amounts, ISO dates and the total', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 2 }, { itemNo: 'VNS21400', ticketAmount: 2 }]);
		for (const ticketNo of [tickets[0].TicketNo, tickets[3].TicketNo]) {
			const refunded = outputOf(await run(sim, opParams('ticket', 'refund', { ticketNo })));
			expect(refunded[0].json.UseStatusLabel).toBe('refunded');
		}

		const output = outputOf(await run(sim, refundInfo(no)));
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			TicketTradeNo: expect.stringMatching(/^\d{16}$/),
			RefundList: [
				{
					TicketNo: tickets[0].TicketNo,
					WriteOffNo: tickets[0].WriteOffNo,
					RefundAmount: 680,
					RefundDate: expect.stringMatching(STAMP),
					RefundDateIso: expect.stringMatching(DIALECT.stampIso()),
					...DIALECT.unknown,
				},
				{
					TicketNo: tickets[3].TicketNo,
					WriteOffNo: tickets[3].WriteOffNo,
					RefundAmount: 560,
					RefundDate: expect.stringMatching(STAMP),
					RefundDateIso: expect.stringMatching(DIALECT.stampIso()),
					...DIALECT.unknown,
				},
			],
			TotalRefundAmount: 680 + 560,
			...DIALECT.unknown,
		});
		expect(lastCall(sim, ENDPOINTS.queryRefundInfo).data).toEqual({ MerchantID: MERCHANT.merchantId, MerchantTradeNo: no });
	});

	it('a cancelled refund is no longer listed nor counted', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 2 }]);
		outputOf(await run(sim, opParams('ticket', 'refund', { ticketNo: tickets[0].TicketNo })));
		outputOf(await run(sim, opParams('ticket', 'refund', { ticketNo: tickets[1].TicketNo })));
		outputOf(await run(sim, opParams('ticket', 'cancelRefund', { ticketNo: tickets[0].TicketNo })));

		const output = outputOf(await run(sim, refundInfo(no)));
		expect((output[0].json.RefundList as IDataObject[]).map((r) => r.TicketNo)).toEqual([tickets[1].TicketNo]);
		expect(output[0].json.TotalRefundAmount).toBe(680);
	});

	it('an order without refunds: an empty list and 0', async () => {
		const { no } = await paperOrder(sim);
		const output = outputOf(await run(sim, refundInfo(no)));
		expect(output[0].json).toMatchObject({ RefundList: [], TotalRefundAmount: 0 });
	});

	it('refuses an unknown order with RtnCode 3007', async () => {
		const error = errorOf(await run(sim, refundInfo(tradeNo('NONE'))));
		expect(lastCall(sim, ENDPOINTS.queryRefundInfo).rtnCode).toBe(RTN_CODES.orderNotFound.code);
		expect(error.message).toContain(`RtnCode ${RTN_CODES.orderNotFound.code}`);
	});

	it('refuses a Merchant Trade No with a dash before any request', async () => {
		const before = requests(sim).length;
		const error = errorOf(await run(sim, refundInfo('SHOP-001')));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('Item 0: Merchant Trade No (MerchantTradeNo) may only contain English letters and digits (A-Z, a-z, 0-9)');
		expect(requests(sim).length).toBe(before);
	});
});

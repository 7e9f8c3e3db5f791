import type { INodeParameters } from 'n8n-workflow';

import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { RTN_CODES } from '../../../simulator/rtnCodes';
import {
	CONTINUE,
	DIALECT,
	errorOf,
	issueParams,
	lastCall,
	MERCHANT,
	opParams,
	outputOf,
	paperOrder,
	requests,
	run,
	taiwanDay,
	tradeNo,
	useSimulator,
} from '../fixtures';

const sim = useSimulator();

const printData = (merchantTradeNo: string, extra: INodeParameters = {}) =>
	opParams('ticket', 'getPrintData', { merchantTradeNo, ...extra });

describe('Ticket › Get Print Data', () => {
	it('outputs one item per unused ticket of a paper order, with its order number and ISO dates', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 2 }, { itemNo: 'VNS21400', ticketAmount: 1 }]);
		const output = outputOf(await run(sim, printData(no)));

		const today = taiwanDay(0);
		expect(output).toHaveLength(3);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(output.map((o) => o.json.TicketNo)).toEqual(tickets.map((t) => t.TicketNo));
		expect(output[2].json).toEqual({
			MerchantTradeNo: no,
			TicketTradeNo: expect.stringMatching(/^\d{16}$/),
			PrintType: '2',
			PrintTypeLabel: 'printed by merchant',
			TicketNo: tickets[2].TicketNo,
			WriteOffNo: tickets[2].WriteOffNo,
			ItemNo: 'VNS21400',
			ItemName: '雙人電影票',
			TicketAmount: 560,
			StartDate: today.wire,
			StartDateIso: today.dashed,
			ExpiredDate: tickets[2].ExpiredDate,
			ExpiredDateIso: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			BarCode: tickets[2].WriteOffNo,
			...DIALECT.unknown,
		});
		expect(lastCall(sim, ENDPOINTS.queryPrintData).data).toEqual({ MerchantID: MERCHANT.merchantId, MerchantTradeNo: no });
	});

	it('with One Item per Ticket off: one item holding PrintList, PrintType and its label', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'BR103218', ticketAmount: 2 }]);
		const output = outputOf(await run(sim, printData(no, { splitTickets: false })));

		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			RtnCode: 1,
			MerchantTradeNo: no,
			TicketTradeNo: expect.stringMatching(/^\d{16}$/),
			PrintType: '2',
			PrintTypeLabel: 'printed by merchant',
		});
		const list = output[0].json.PrintList as Array<Record<string, unknown>>;
		expect(list.map((t) => t.TicketNo)).toEqual(tickets.map((t) => t.TicketNo));
		expect(list[0]).toMatchObject({ BarCode: tickets[0].WriteOffNo, StartDateIso: taiwanDay(0).dashed });
	});

	it('leaves out a redeemed and a refunded paper ticket', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 4 }]);
		expect(sim.redeem({ WriteOffNo: tickets[0].WriteOffNo }).ok).toBe(true);
		expect(sim.refund({ TicketNo: tickets[2].TicketNo }).ok).toBe(true);

		const output = outputOf(await run(sim, printData(no)));
		expect(output.map((o) => o.json.TicketNo)).toEqual([tickets[1].TicketNo, tickets[3].TicketNo]);
	});

	it('an order with nothing left to print gives an empty list (one item) or no item at all (split)', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		expect(sim.redeem({ WriteOffNo: tickets[0].WriteOffNo }).ok).toBe(true);

		const whole = outputOf(await run(sim, printData(no, { splitTickets: false })));
		expect(whole[0].json.PrintList).toEqual([]);
		const split = await run(sim, printData(no));
		expect(split.error).toBeUndefined();
		expect(split.output ?? []).toEqual([]);
	});

	it('refuses a non-paper order with RtnCode 3022', async () => {
		const no = tradeNo('ELE');
		expect(outputOf(await run(sim, issueParams('3', { merchantTradeNo: no })))[0].json.RtnCode).toBe(1);
		sim.advanceClock(1000);
		const error = errorOf(await run(sim, printData(no)));
		const logged = lastCall(sim, ENDPOINTS.queryPrintData);
		expect(logged.rtnCode).toBe(RTN_CODES.notPaperOrder.code);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(`Item 0: ECPay refused the request: ${String(logged.rtnMsg)} (RtnCode ${RTN_CODES.notPaperOrder.code})`);
	});

	it('with Continue On Fail: an unknown order is an error item, a paper order its tickets', async () => {
		const { no } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 2 }]);
		const unknown = tradeNo('NONE');
		const output = outputOf(
			await run(sim, printData('={{ $json.no }}'), { items: [{ no: unknown }, { no }], onError: CONTINUE }),
		);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ RtnCode: RTN_CODES.orderNotFound.code, RtnMsg: expect.stringContaining(unknown) });
		expect(output[1].json.MerchantTradeNo).toBe(no);
	});

	it('sends a Merchant Trade No with a dash (QueryPrintData\'s field is inferred): a hint, and ECPay\'s answer decides', async () => {
		const before = requests(sim).length;
		const error = errorOf(await run(sim, printData('SHOP-1')));
		expect(error.name).toBe('NodeApiError');
		expect(requests(sim).length).toBe(before + 1);
		// A failed node shows no hints in n8n: the hint is in the error's description.
		expect(error.description).toContain('Merchant Trade No (MerchantTradeNo) may only contain English letters and digits');
	});
});

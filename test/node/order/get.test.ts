import type { IDataObject, INodeParameters } from 'n8n-workflow';

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
	orderCounts,
	orderNoOf,
	outputOf,
	paperOrder,
	requests,
	run,
	taiwanDay,
	ticketsOf,
	tradeNo,
	useSimulator,
} from '../fixtures';

const PAGE_SIZE = 7;

const sim = useSimulator({ pageSize: PAGE_SIZE });

const getOrder = (overrides: INodeParameters) => opParams('order', 'get', overrides);
const pagesAsked = (no: string) =>
	requests(sim, ENDPOINTS.queryOrderInfo)
		.filter((r) => orderNoOf(r) === no)
		.map((r) => r.data?.PageNum);

/** An order of 30 paper tickets: 20 VQT04959 (NT$680), then 10 VNS21400 (NT$560). */
const THIRTY = [{ itemNo: 'VQT04959', ticketAmount: 20 }, { itemNo: 'VNS21400', ticketAmount: 10 }];
let big: { no: string; tickets: ReturnType<typeof ticketsOf> };
beforeAll(async () => {
	big = await paperOrder(sim, THIRTY, { printType: '1' });
});

describe('Order › Get', () => {
	it('the order with its TicketList, counts, amounts, labels and ISO dates', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 2 }, { itemNo: 'VNS21400', ticketAmount: 1 }]);
		expect(sim.redeem({ WriteOffNo: tickets[0].WriteOffNo }).ok).toBe(true);
		expect(sim.refund({ TicketNo: tickets[2].TicketNo }).ok).toBe(true);

		const output = outputOf(await run(sim, getOrder({ merchantTradeNo: no })));
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const json = output[0].json;
		const today = taiwanDay(0);
		const escrowEnd = taiwanDay(30);
		expect(json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			FreeTradeNo: '',
			TicketTradeNo: expect.stringMatching(/^\d{16}$/),
			Status: 1,
			StatusLabel: 'issued',
			IssueDate: expect.stringMatching(DIALECT.stamp),
			IssueDateIso: expect.stringMatching(DIALECT.stampIso(today.dashed)),
			IssueType: '2',
			IssueTypeLabel: 'Paper Ticket',
			PrintType: '2',
			PrintTypeLabel: 'printed by merchant',
			CustomerName: '',
			CustomerPhone: '',
			CustomerEmail: '',
			CustomerAddress: '',
			EscrowExpiredDate: DIALECT.day(escrowEnd.dashed),
			EscrowExpiredDateIso: escrowEnd.dashed,
			TradeAmount: 680 * 2 + 560,
			...orderCounts({ unused: [1, 680], redeemed: [1, 680], refunded: [1, 560], expired: [0, 0] }),
			...DIALECT.orderExtras,
			...DIALECT.unknown,
			TotalCount: 3,
			TicketList: expect.any(Array),
		});
		const list = json.TicketList as IDataObject[];
		expect(list.map((t) => t.TicketNo)).toEqual(tickets.map((t) => t.TicketNo));
		expect(list[0]).toMatchObject({ UseStatus: 2, UseStatusLabel: 'redeemed', WriteOffDateIso: expect.stringMatching(DIALECT.stampIso(today.dashed)) });
		expect(list[1]).toMatchObject({
			UseStatus: 1,
			UseStatusLabel: 'unused',
			TicketType: 1,
			TicketTypeLabel: 'pickup voucher',
			StartDate: today.wire,
			StartDateIso: today.dashed,
		});
		expect(list[2]).toMatchObject({ UseStatusLabel: 'refunded', RefundDateIso: expect.stringMatching(DIALECT.stampIso(today.dashed)) });
		expect(lastCall(sim, ENDPOINTS.queryOrderInfo).data).toEqual({ MerchantID: MERCHANT.merchantId, MerchantTradeNo: no, PageNum: 1 });
	});

	it('One Item per Ticket: each ticket with the order numbers, labelled', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'BR103218', ticketAmount: 3 }]);
		const output = outputOf(await run(sim, getOrder({ merchantTradeNo: no, splitTickets: true })));

		expect(output).toHaveLength(3);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(output.map((o) => o.json.TicketNo)).toEqual(tickets.map((t) => t.TicketNo));
		expect(output[0].json).toEqual({
			MerchantTradeNo: no,
			FreeTradeNo: '',
			TicketTradeNo: expect.stringMatching(/^\d{16}$/),
			TicketNo: tickets[0].TicketNo,
			WriteOffNo: tickets[0].WriteOffNo,
			UseStatus: 1,
			UseStatusLabel: 'unused',
			ItemNo: 'BR103218',
			ItemName: '蛋糕兌換券',
			TicketType: 1,
			TicketTypeLabel: 'pickup voucher',
			TicketAmount: 350,
			StartDate: taiwanDay(0).wire,
			StartDateIso: taiwanDay(0).dashed,
			WriteOffDate: '',
			RefundDate: '',
			ExpiredDate: tickets[0].ExpiredDate,
			ExpiredDateIso: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			...DIALECT.unknown,
		});
	});

	it(`returns the whole order, paging past the page size (${PAGE_SIZE}): all 30 tickets from PageNum 1…5`, async () => {
		const output = outputOf(await run(sim, getOrder({ merchantTradeNo: big.no })));
		expect(output).toHaveLength(1);
		const list = output[0].json.TicketList as IDataObject[];
		expect(list).toHaveLength(30);
		expect(list.map((t) => t.TicketNo)).toEqual(big.tickets.map((t) => t.TicketNo));
		expect(output[0].json).toMatchObject({ TotalCount: 30, [DIALECT.counts.unused.count]: 30, TradeAmount: 20 * 680 + 10 * 560, PrintTypeLabel: 'printed by ECPay' });
		expect(pagesAsked(big.no)).toEqual([1, 2, 3, 4, 5]);
	});

	it('the whole order with One Item per Ticket: 30 items', async () => {
		const before = pagesAsked(big.no).length;
		const output = outputOf(await run(sim, getOrder({ merchantTradeNo: big.no, splitTickets: true })));
		expect(output.map((o) => o.json.TicketNo)).toEqual(big.tickets.map((t) => t.TicketNo));
		expect(pagesAsked(big.no).slice(before)).toEqual([1, 2, 3, 4, 5]);
	});

	it('an order of exactly two full pages stops at TotalCount, no empty third page asked', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 2 * PAGE_SIZE }]);
		const output = outputOf(await run(sim, getOrder({ merchantTradeNo: no, splitTickets: true })));
		expect(output.map((o) => o.json.TicketNo)).toEqual(tickets.map((t) => t.TicketNo));
		expect(pagesAsked(no)).toEqual([1, 2]);
	});

	it('an order of 100 tickets (the most an order holds) comes whole, with nothing to set', async () => {
		const { no, tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 60 }, { itemNo: 'VNS21400', ticketAmount: 40 }]);
		const output = outputOf(await run(sim, getOrder({ merchantTradeNo: no })));
		expect(output[0].json.TotalCount).toBe(100);
		expect((output[0].json.TicketList as IDataObject[]).map((t) => t.TicketNo)).toEqual(tickets.map((t) => t.TicketNo));
	});

	it('by Free Trade No: a gift-voucher order', async () => {
		const no = tradeNo('GF');
		const expire = taiwanDay(90);
		const issued = outputOf(
			await run(
				sim,
				issueParams('2', {
					orderKind: 'gift',
					merchantTradeNo: '',
					freeTradeNo: no,
					tickets: { line: [{ itemNo: 'CK851236', ticketAmount: 2, expireDate: expire.dashed }] },
				}),
			),
		);
		expect(issued[0].json.RtnCode).toBe(1);

		const output = outputOf(await run(sim, getOrder({ orderKind: 'gift', freeTradeNo: no })));
		expect(output[0].json).toMatchObject({
			MerchantTradeNo: '',
			FreeTradeNo: no,
			EscrowExpiredDate: '',
			TotalCount: 2,
			TradeAmount: 0,
		});
		expect(output[0].json).not.toHaveProperty('EscrowExpiredDateIso');
		const list = output[0].json.TicketList as IDataObject[];
		expect(list.map((t) => t.TicketNo)).toEqual(ticketsOf(sim, no, true).map((t) => t.TicketNo));
		expect(list[0]).toMatchObject({ TicketTypeLabel: 'gift voucher', ExpiredDate: expire.wire, ExpiredDateIso: expire.dashed });
		expect(lastCall(sim, ENDPOINTS.queryOrderInfo).data).toEqual({ MerchantID: MERCHANT.merchantId, FreeTradeNo: no, PageNum: 1 });
	});

	it('an order still being issued: Status processing, no tickets yet', async () => {
		const no = tradeNo('PROC');
		outputOf(await run(sim, issueParams('3', { merchantTradeNo: no })));
		const output = outputOf(await run(sim, getOrder({ merchantTradeNo: no })));
		expect(output[0].json).toMatchObject({ Status: 3, StatusLabel: 'processing', IssueDate: '', TicketList: [] });
		expect(output[0].json).not.toHaveProperty('IssueDateIso');
		expect(pagesAsked(no)).toEqual([1]);
	});

	it('refuses an unknown order with RtnCode 3007', async () => {
		const no = tradeNo('NONE');
		const error = errorOf(await run(sim, getOrder({ merchantTradeNo: no })));
		const logged = lastCall(sim, ENDPOINTS.queryOrderInfo);
		expect(logged.rtnCode).toBe(RTN_CODES.orderNotFound.code);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(`Item 0: ECPay refused the request: ${String(logged.rtnMsg)} (RtnCode ${RTN_CODES.orderNotFound.code})`);
		expect(logged.rtnMsg).toContain(no);
	});

	it('with Continue On Fail: the unknown order is an error item, the known one its order', async () => {
		const unknown = tradeNo('NONE');
		const output = outputOf(
			await run(sim, getOrder({ merchantTradeNo: '={{ $json.no }}' }), { items: [{ no: big.no }, { no: unknown }], onError: CONTINUE }),
		);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ MerchantTradeNo: big.no, TotalCount: 30 });
		expect(output[1].json).toMatchObject({ RtnCode: RTN_CODES.orderNotFound.code, RtnMsg: expect.stringContaining(unknown) });
	});

	it.each([
		['a Merchant Trade No of 26 characters', { merchantTradeNo: 'A'.repeat(26) }, 'Merchant Trade No (MerchantTradeNo)'],
		['a Free Trade No with a space inside', { orderKind: 'gift', freeTradeNo: 'GIFT 1' }, 'Gift Voucher Order No (FreeTradeNo)'],
	])('refuses %s before any request', async (_name, parameters, text) => {
		const before = requests(sim).length;
		const error = errorOf(await run(sim, getOrder(parameters)));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain(text);
		expect(requests(sim).length).toBe(before);
	});
});

import { RTN_CODES, RULE_RTN_CODES } from '../../simulator/rtnCodes';
import { FAILED, ISSUED, PROCESSING } from '../../simulator/store';
import { MERCHANT_ID, orders, startTestSimulator, TODAY, TOMORROW, tradeNo, type TestSimulator } from './client';

let sim: TestSimulator;
beforeEach(async () => {
	sim = await startTestSimulator();
});
afterEach(() => sim.close());

const statusOf = async (no: string) => (await sim.queryIssueResult({ MerchantTradeNo: no })).Status;

describe('Issue: each IssueType', () => {
	it('receives a convenience-store order and issues it after the delay', async () => {
		const no = tradeNo();
		const answer = await sim.issue(orders.convenienceStore(no));
		expect(answer).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			FreeTradeNo: '',
			TicketTradeNo: expect.stringMatching(/^202506021000\d{4}$/),
			TicketData: [
				{ ItemNo: 'VQT04959', TicketAmount: 4 },
				{ ItemNo: 'VNS21400', TicketAmount: 4 },
			],
		});
		expect(await statusOf(no)).toBe(PROCESSING);
		sim.advance(2999);
		expect(await statusOf(no)).toBe(PROCESSING);
		sim.advance(1);
		expect(await statusOf(no)).toBe(ISSUED);
	});

	it('issues paper tickets at once', async () => {
		const no = tradeNo();
		const answer = await sim.issue(orders.paper(no));
		expect(answer.RtnCode).toBe(1);
		expect(await sim.queryIssueResult({ MerchantTradeNo: no })).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			FreeTradeNo: '',
			TicketTradeNo: answer.TicketTradeNo,
			Status: ISSUED,
			Remark: '',
		});
		const order = sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' });
		expect(order?.tickets).toHaveLength(20);
	});

	it('issues electronic tickets that start later, with their StartDate', async () => {
		const no = tradeNo();
		expect((await sim.issue(orders.electronic(no))).RtnCode).toBe(1);
		sim.advance(3000);
		expect(await statusOf(no)).toBe(ISSUED);
		const order = sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' });
		expect(order?.tickets).toHaveLength(14);
		expect(order?.tickets.every((t) => t.StartDate === TOMORROW)).toBe(true);
	});

	it('answers serial-number-only orders with ItemName, TicketPrice and TicketAmount', async () => {
		const no = tradeNo();
		const answer = await sim.issue(orders.serialNumber(no));
		expect(answer.TicketData).toEqual([
			{ ItemName: '五星渡假飯店假日住宿券', TicketPrice: 6600, TicketAmount: 2 },
			{ ItemName: 'SPA課程體驗券', TicketPrice: 3200, TicketAmount: 4 },
		]);
		sim.advance(3000);
		expect(await statusOf(no)).toBe(ISSUED);
		const order = sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' });
		expect(order?.tickets.map((t) => t.TicketAmount)).toEqual([6600, 6600, 3200, 3200, 3200, 3200]);
		expect(order?.tickets.every((t) => t.TicketType === 1 && t.ItemNo === '')).toBe(true);
	});

	it('issues tickets with ECTicket-shaped numbers, face values and dates', async () => {
		const no = tradeNo();
		await sim.issue(orders.convenienceStore(no));
		sim.advance(60_000);
		const order = sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' });
		const tickets = order?.tickets ?? [];
		expect(tickets).toHaveLength(8);
		for (const ticket of tickets) {
			expect(ticket.TicketNo).toMatch(/^[A-Z0-9]{16}$/);
			expect(ticket.WriteOffNo).toMatch(/^\d{18}$/);
			// A pickup voucher without ExpireDate is valid for a year from its issue date.
			expect(ticket).toMatchObject({ TicketType: 1, UseStatus: 1, StartDate: TODAY, ExpiredDate: '20260602' });
		}
		expect(new Set(tickets.map((t) => t.TicketNo)).size).toBe(8);
		expect(new Set(tickets.map((t) => t.WriteOffNo)).size).toBe(8);
		expect(tickets[0]).toMatchObject({ ItemNo: 'VQT04959', ItemName: '下午茶套餐兌換券', TicketAmount: 680 });
		expect(tickets[7]).toMatchObject({ ItemNo: 'VNS21400', TicketAmount: 560 });
		expect(sim.simulator.store.findTicket(MERCHANT_ID, { writeOffNo: tickets[3].WriteOffNo })?.ticket).toBe(tickets[3]);
		expect(sim.simulator.store.findTicket('2000132', { ticketNo: tickets[3].TicketNo })).toBeUndefined();
	});
});

describe('Issue: gift-voucher orders', () => {
	it('takes a FreeTradeNo order of gift vouchers and issues them with their ExpireDate', async () => {
		const no = tradeNo('GFT');
		const answer = await sim.issue(orders.gift(no));
		expect(answer).toMatchObject({ RtnCode: 1, MerchantTradeNo: '', FreeTradeNo: no });
		sim.advance(3000);
		expect(await sim.queryIssueResult({ FreeTradeNo: no })).toMatchObject({ Status: ISSUED, FreeTradeNo: no });
		const order = sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: '', freeTradeNo: no });
		expect(order?.tickets.map((t) => [t.TicketType, t.ExpiredDate])).toEqual([
			[2, '20251231'],
			[2, '20251231'],
			[2, '20251231'],
		]);
	});

	it('requires ExpireDate on every line of a gift-voucher order', async () => {
		const data = orders.gift();
		data.TicketInfo = [{ ItemNo: 'CK851236', TicketAmount: 1 }];
		const answer = await sim.issue(data);
		expect(answer.RtnCode).toBe(RULE_RTN_CODES.required.code);
		expect(answer.RtnMsg).toContain('TicketInfo[0].ExpireDate');
	});

	it('requires ExpireDate on a gift voucher inside a MerchantTradeNo order', async () => {
		const data = orders.convenienceStore();
		data.TicketInfo = [
			{ ItemNo: 'VQT04959', TicketAmount: 1 },
			{ ItemNo: 'GIFT0001', TicketAmount: 1 },
		];
		const answer = await sim.issue(data);
		expect(answer.RtnCode).toBe(RULE_RTN_CODES.required.code);
		expect(answer.RtnMsg).toMatch(/^TicketInfo\[1\]\.ExpireDate: is required/);
	});
});

describe('Issue: failed issuance and order numbers', () => {
	it('fails the scheduled issuance of FAILS001 with a Remark', async () => {
		const no = tradeNo();
		const data = orders.convenienceStore(no);
		data.TicketInfo = [{ ItemNo: 'FAILS001', TicketAmount: 1 }];
		expect((await sim.issue(data)).RtnCode).toBe(1);
		expect(await statusOf(no)).toBe(PROCESSING);
		sim.advance(3000);
		const result = await sim.queryIssueResult({ MerchantTradeNo: no });
		expect(result).toMatchObject({ Status: FAILED, Remark: expect.stringContaining('FAILS001') });
		const order = sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' });
		expect(order?.tickets).toEqual([]);
	});

	it('refuses an order number used before, and does not issue twice', async () => {
		const no = tradeNo();
		const first = await sim.issue(orders.paper(no));
		const again = await sim.issue(orders.paper(no));
		expect(again).toEqual({ RtnCode: RTN_CODES.tradeNoUsed.code, RtnMsg: expect.stringContaining(`MerchantTradeNo: ${no}`) });
		expect((await sim.queryIssueResult({ MerchantTradeNo: no })).TicketTradeNo).toBe(first.TicketTradeNo);
		expect(sim.simulator.store.orders(MERCHANT_ID)).toHaveLength(1);
		expect(sim.simulator.store.orders(MERCHANT_ID)[0].tickets).toHaveLength(20);
	});

	it('refuses an order number even when its issuance failed', async () => {
		const no = tradeNo();
		const data = orders.paper(no);
		data.TicketInfo = [{ ItemNo: 'FAILS001', TicketAmount: 1 }];
		await sim.issue(data);
		expect(await statusOf(no)).toBe(FAILED);
		expect((await sim.issue(orders.paper(no))).RtnCode).toBe(RTN_CODES.tradeNoUsed.code);
	});

	it('refuses a reused FreeTradeNo', async () => {
		const no = tradeNo('GFT');
		await sim.issue(orders.gift(no));
		expect((await sim.issue(orders.gift(no))).RtnCode).toBe(RTN_CODES.tradeNoUsed.code);
	});
});

/** Each case breaks exactly one rule of protocol/rules/issue.ts. */
const ruleCases: Array<[keyof typeof RULE_RTN_CODES, string, (d: Record<string, unknown>) => void, () => Record<string, unknown>]> = [
	['required', 'Operator', (d) => delete d.Operator, () => orders.convenienceStore()],
	['oneOf', 'FreeTradeNo', (d) => (d.FreeTradeNo = 'ALSOGIVEN1'), () => orders.convenienceStore()],
	['type', 'TicketInfo[0].TicketAmount', (d) => (lines(d)[0].TicketAmount = '4'), () => orders.convenienceStore()],
	['length', 'MerchantTradeNo', (d) => (d.MerchantTradeNo = 'A'.repeat(26)), () => orders.convenienceStore()],
	['charset', 'MerchantTradeNo', (d) => (d.MerchantTradeNo = `${d.MerchantTradeNo as string}-1`), () => orders.convenienceStore()],
	['enum', 'IssueType', (d) => (d.IssueType = '5'), () => orders.convenienceStore()],
	['url', 'UseStatusNotifyURL', (d) => (d.UseStatusNotifyURL = 'ftp://happybuy123.com.tw/notify'), () => orders.convenienceStore()],
	['email', 'CustomerEmail', (d) => (d.CustomerEmail = 'abc@'), () => orders.convenienceStore()],
	['mobile09', 'CustomerPhone', (d) => (d.CustomerPhone = '0812345678'), () => orders.electronic()],
	['name', 'CustomerName', (d) => (d.CustomerName = '王Angela'), () => orders.electronic()],
	['duplicateItemNo', 'TicketInfo[1].ItemNo', (d) => (lines(d)[1].ItemNo = 'VQT04959'), () => orders.convenienceStore()],
	['ticketCount', 'TicketInfo', (d) => (lines(d)[0].TicketAmount = 5), () => orders.convenienceStore()],
	['priceRange', 'TicketInfo[0].TicketPrice', (d) => (lines(d)[0].TicketPrice = 1_000_000_000), () => orders.serialNumber()],
	['date', 'TicketInfo[0].StartDate', (d) => (lines(d)[0].StartDate = '20250230'), () => orders.electronic()],
	['dateOrder', 'TicketInfo[0].StartDate', (d) => (lines(d)[0].StartDate = TODAY), () => orders.electronic()],
];

function lines(data: Record<string, unknown>) {
	return data.TicketInfo as Array<Record<string, unknown>>;
}

describe('Issue: rule violations are refused and not recorded', () => {
	it.each(ruleCases)('%s (%s)', async (rule, field, breakRule, makeOrder) => {
		const data = makeOrder();
		breakRule(data);
		const answer = await sim.issue(data);
		expect(answer.RtnCode).toBe(RULE_RTN_CODES[rule].code);
		expect(answer.RtnMsg).toMatch(new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}: `));
		expect(Object.keys(answer)).toEqual(['RtnCode', 'RtnMsg']);
		expect(sim.simulator.store.orders(MERCHANT_ID)).toEqual([]);
		const logged = sim.simulator.requests.at(-1);
		expect(logged).toMatchObject({ transCode: 1, rtnCode: RULE_RTN_CODES[rule].code, data });
		expect(logged?.violations?.[0]).toMatchObject({ field, rule });
	});

	it('lists several violations in RtnMsg within 200 characters', async () => {
		const data = orders.electronic();
		data.CustomerPhone = '12345';
		data.CustomerEmail = 'nope';
		delete data.Operator;
		const answer = await sim.issue(data);
		expect(answer.RtnCode).toBe(RULE_RTN_CODES.required.code);
		expect(answer.RtnMsg).toContain('Operator: is required');
		expect(answer.RtnMsg).toContain('CustomerPhone: must be a Taiwan mobile number');
		expect([...(answer.RtnMsg as string)].length).toBeLessThanOrEqual(200);
		expect(sim.simulator.requests.at(-1)?.violations).toHaveLength(3);
	});

	it('leaves a refused order number free for a corrected order', async () => {
		const no = tradeNo();
		const bad = orders.electronic(no);
		bad.CustomerPhone = '0812345678';
		expect((await sim.issue(bad)).RtnCode).toBe(RULE_RTN_CODES.mobile09.code);
		expect((await sim.queryIssueResult({ MerchantTradeNo: no })).RtnCode).toBe(RTN_CODES.orderNotFound.code);
		expect((await sim.issue(orders.electronic(no))).RtnCode).toBe(1);
	});
});

describe('Issue: catalogue, branches and merchant', () => {
	const withLines = (ticketInfo: unknown[], base = orders.convenienceStore()) => ({ ...base, TicketInfo: ticketInfo });

	it('refuses an unknown ItemNo', async () => {
		const answer = await sim.issue(withLines([{ ItemNo: 'NOPE0001', TicketAmount: 1 }]));
		expect(answer).toEqual({ RtnCode: RTN_CODES.unknownItemNo.code, RtnMsg: expect.stringContaining('TicketInfo[0].ItemNo: NOPE0001') });
	});

	it('refuses a delisted product', async () => {
		const answer = await sim.issue(
			withLines([
				{ ItemNo: 'VQT04959', TicketAmount: 1 },
				{ ItemNo: 'OLD00001', TicketAmount: 1 },
			]),
		);
		expect(answer).toEqual({ RtnCode: RTN_CODES.delistedItem.code, RtnMsg: expect.stringContaining('TicketInfo[1].ItemNo: OLD00001') });
	});

	it('refuses a pickup voucher in a FreeTradeNo order', async () => {
		const data = orders.gift();
		data.TicketInfo = [{ ItemNo: 'CK851236', TicketAmount: 1, ExpireDate: '20251231' }, { ItemNo: 'VQT04959', TicketAmount: 1 }];
		const answer = await sim.issue(data);
		expect(answer).toEqual({ RtnCode: RTN_CODES.kindMismatch.code, RtnMsg: expect.stringContaining('TicketInfo[1].ItemNo: VQT04959 is a pickup voucher') });
	});

	it('refuses a MerchantTradeNo order holding only gift vouchers', async () => {
		const answer = await sim.issue(withLines([{ ItemNo: 'GIFT0001', TicketAmount: 1, ExpireDate: '20251231' }]));
		expect(answer).toEqual({ RtnCode: RTN_CODES.kindMismatch.code, RtnMsg: expect.stringContaining('FreeTradeNo') });
	});

	it('accepts a MerchantTradeNo order mixing pickup and gift vouchers', async () => {
		const answer = await sim.issue(
			withLines([
				{ ItemNo: 'VQT04959', TicketAmount: 1 },
				{ ItemNo: 'GIFT0001', TicketAmount: 1, ExpireDate: '20251231' },
			]),
		);
		expect(answer.RtnCode).toBe(1);
	});

	it.each([
		['an unknown', 'PEK999', 'StoreID: PEK999 is not a branch of this merchant'],
		['an inactive', 'TXG003', 'StoreID: TXG003 is an inactive branch'],
	])('refuses %s StoreID', async (_kind, storeId, rtnMsg) => {
		const answer = await sim.issue({ ...orders.paper(), StoreID: storeId });
		expect(answer).toEqual({ RtnCode: RTN_CODES.unknownStore.code, RtnMsg: rtnMsg });
		expect(sim.simulator.store.orders(MERCHANT_ID)).toEqual([]);
	});

	it('accepts an active StoreID and records it', async () => {
		const no = tradeNo();
		expect((await sim.issue({ ...orders.paper(no), StoreID: 'KHH002' })).RtnCode).toBe(1);
		expect(sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' })?.storeId).toBe('KHH002');
	});

	it('refuses Data naming another merchant than the envelope', async () => {
		const answer = await sim.issue({ ...orders.paper(), MerchantID: '2000132' });
		expect(answer).toEqual({ RtnCode: RTN_CODES.merchantMismatch.code, RtnMsg: expect.stringContaining('MerchantID') });
		expect(sim.simulator.store.orders(MERCHANT_ID)).toEqual([]);
	});
});

import { DEFAULT_ESCROW_DAYS, PAGE_SIZE } from '../../protocol/rules/answers';
import { ITEM_STATUS_FILTER as ITEM_STATUS } from '../../protocol/rules/codes';
import { PRODUCTS } from '../../simulator/products';
import { RTN_CODES, RULE_RTN_CODES } from '../../simulator/rtnCodes';
import { MERCHANT, orders, startTestSimulator, type TestSimulator } from './client';

let sim: TestSimulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(() => sim.close());

describe('QueryItemInfo', () => {
	it.each([
		['a listed pickup voucher', 'VQT04959', { ItemName: '下午茶套餐兌換券', ItemStatus: '1', TicketType: 1, Price: 680 }],
		['a listed gift voucher', 'CK851236', { ItemName: '生日禮贈品券', ItemStatus: '1', TicketType: 2, Price: 0 }],
		['a delisted product', 'OLD00001', { ItemName: '舊版餐券', ItemStatus: '0', TicketType: 1, Price: 300 }],
	])('answers %s', async (_case, itemNo, fields) => {
		expect(await sim.queryItemInfo({ ItemNo: itemNo })).toEqual({ RtnCode: 1, RtnMsg: '成功', ItemNo: itemNo, ...fields });
	});

	it('refuses an unknown, missing or malformed ItemNo', async () => {
		expect(await sim.queryItemInfo({ ItemNo: 'NOPE0000' })).toEqual({
			RtnCode: RTN_CODES.unknownItemNo.code,
			RtnMsg: 'ItemNo: NOPE0000 is not a product of this merchant',
		});
		expect((await sim.queryItemInfo({})).RtnCode).toBe(RULE_RTN_CODES.required.code);
		expect((await sim.queryItemInfo({ ItemNo: 'VQT049590' })).RtnCode).toBe(RULE_RTN_CODES.length.code);
		expect((await sim.queryItemInfo({ ItemNo: 'VQT-0495' })).RtnCode).toBe(RULE_RTN_CODES.charset.code);
	});
});

describe('BatchQueryItemInfo', () => {
	const listed = PRODUCTS.filter((p) => p.listed).map((p) => p.itemNo);

	it.each([
		['listed', ITEM_STATUS.listed, listed],
		['delisted', ITEM_STATUS.delisted, ['OLD00001']],
		['all', ITEM_STATUS.all, PRODUCTS.map((p) => p.itemNo)],
	])('answers the %s products of the catalogue', async (_case, status, itemNos) => {
		const answer = await sim.batchQueryItemInfo({ PageNum: 1, ItemStatus: status });
		expect(answer).toMatchObject({ RtnCode: 1, TotalCount: itemNos.length });
		expect((answer.ItemList as Array<{ ItemNo: string }>).map((i) => i.ItemNo)).toEqual(itemNos);
	});

	it('answers entries shaped like QueryItemInfo', async () => {
		const answer = await sim.batchQueryItemInfo({ PageNum: 1, ItemStatus: '2', ItemList: [{ ItemNo: 'CK851236' }] });
		expect(answer).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			TotalCount: 1,
			ItemList: [{ ItemNo: 'CK851236', ItemName: '生日禮贈品券', ItemStatus: '1', TicketType: 2, Price: 0 }],
		});
	});

	it('restricts the answer to an ItemList, leaving out unknown and non-matching products', async () => {
		const answer = await sim.batchQueryItemInfo({
			PageNum: 1,
			ItemStatus: '1',
			ItemList: [{ ItemNo: 'VNS21400' }, { ItemNo: 'NOPE0000' }, { ItemNo: 'OLD00001' }, { ItemNo: 'VQT04959' }],
		});
		expect(answer.TotalCount).toBe(2);
		expect((answer.ItemList as Array<{ ItemNo: string }>).map((i) => i.ItemNo)).toEqual(['VQT04959', 'VNS21400']);
		const empty = await sim.batchQueryItemInfo({ PageNum: 1, ItemStatus: '1', ItemList: [] });
		expect(empty.TotalCount).toBe(listed.length);
	});

	it.each<[string, Record<string, unknown>, keyof typeof RULE_RTN_CODES]>([
		['no PageNum', { ItemStatus: '1' }, 'required'],
		['PageNum 0', { PageNum: 0, ItemStatus: '1' }, 'type'],
		['no ItemStatus', { PageNum: 1 }, 'required'],
		['ItemStatus "3"', { PageNum: 1, ItemStatus: '3' }, 'enum'],
		['ItemStatus 1 as a number', { PageNum: 1, ItemStatus: 1 }, 'type'],
		['an ItemList that is no list', { PageNum: 1, ItemStatus: '1', ItemList: 'VQT04959' }, 'type'],
		['an ItemList entry without ItemNo', { PageNum: 1, ItemStatus: '1', ItemList: [{ itemNo: 'VQT04959' }] }, 'required'],
		['an ItemList entry of 9 characters', { PageNum: 1, ItemStatus: '1', ItemList: [{ ItemNo: 'VQT049590' }] }, 'length'],
	])('refuses %s', async (_case, data, rule) => {
		expect((await sim.batchQueryItemInfo(data)).RtnCode).toBe(RULE_RTN_CODES[rule].code);
	});

	it(`pages ${PAGE_SIZE} products a page with extraProducts, TotalCount on every page`, async () => {
		const big = await startTestSimulator({ extraProducts: 250 });
		try {
			const pageOf = (n: number, status = '1') => big.batchQueryItemInfo({ PageNum: n, ItemStatus: status });
			const pages = [await pageOf(1), await pageOf(2), await pageOf(3)];
			expect(pages.map((p) => p.TotalCount)).toEqual([256, 256, 256]);
			expect(pages.map((p) => (p.ItemList as unknown[]).length)).toEqual([200, 56, 0]);
			const itemNos = pages.flatMap((p) => (p.ItemList as Array<{ ItemNo: string }>).map((i) => i.ItemNo));
			expect(new Set(itemNos).size).toBe(256);
			expect(itemNos.slice(0, listed.length)).toEqual(listed);
			expect(itemNos.at(-1)).toBe('EXT00250');
			expect((await pageOf(1, '0')).TotalCount).toBe(1);

			expect(await big.queryItemInfo({ ItemNo: 'EXT00017' })).toMatchObject({ RtnCode: 1, ItemName: '加購商品00017', Price: 260 });
			const issued = await big.issued({ ...orders.paper(), TicketInfo: [{ ItemNo: 'EXT00250', TicketAmount: 1 }] });
			expect(issued.tickets[0]).toMatchObject({ ItemNo: 'EXT00250', TicketAmount: 790 });
		} finally {
			await big.close();
		}
	});
});

describe('EscrowDay', () => {
	it(`answers DEFAULT_ESCROW_DAYS (${DEFAULT_ESCROW_DAYS}) by default`, async () => {
		expect(await sim.escrowDay()).toEqual({ RtnCode: 1, RtnMsg: '成功', EscrowDay: DEFAULT_ESCROW_DAYS });
	});

	it('answers the configured days, a merchant’s own first', async () => {
		const configured = await startTestSimulator({ escrowDays: 45 });
		const own = await startTestSimulator({ escrowDays: 45, merchants: [{ ...MERCHANT, escrowDays: 7 }] });
		try {
			expect((await configured.escrowDay()).EscrowDay).toBe(45);
			expect((await own.escrowDay()).EscrowDay).toBe(7);
		} finally {
			await configured.close();
			await own.close();
		}
	});

	it('refuses Data naming another merchant', async () => {
		expect((await sim.escrowDay({ MerchantID: '2000132' })).RtnCode).toBe(RTN_CODES.merchantMismatch.code);
	});
});

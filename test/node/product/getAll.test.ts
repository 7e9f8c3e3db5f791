import type { INodeParameters } from 'n8n-workflow';

import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { ITEM_STATUS_FILTER as ITEM_STATUS } from '../../../protocol/rules/codes';
import { PRODUCTS } from '../../../simulator/products';
import {
	DIALECT,
	errorOf,
	MERCHANT,
	opParams,
	outputOf,
	requests,
	run,
	useSimulator,
} from '../fixtures';

const EXTRA = 450;
const LISTED = PRODUCTS.filter((p) => p.listed).length + EXTRA;

const sim = useSimulator({ extraProducts: EXTRA });

const getMany = (overrides: INodeParameters = {}) => opParams('product', 'getAll', overrides);
const batchCalls = () => requests(sim, ENDPOINTS.batchQueryItemInfo);
/** The PageNum values of the BatchQueryItemInfo calls made since `from`. */
const pagesSince = (from: number) => batchCalls().slice(from).map((r) => r.data?.PageNum);

describe('Product › Get Many', () => {
	it(`Return All, listed: all ${LISTED} listed products over three pages of 200`, async () => {
		const from = batchCalls().length;
		const output = outputOf(await run(sim, getMany({ itemStatus: ITEM_STATUS.listed, returnAll: true })));
		expect(output).toHaveLength(LISTED);
		expect(output.every((o) => o.json.ItemStatus === '1' && o.json.ItemStatusLabel === 'listed')).toBe(true);
		expect(new Set(output.map((o) => o.json.ItemNo)).size).toBe(LISTED);
		expect(output[0].json).toEqual({
			ItemNo: 'VQT04959',
			ItemName: '下午茶套餐兌換券',
			ItemStatus: '1',
			ItemStatusLabel: 'listed',
			TicketType: 1,
			TicketTypeLabel: 'pickup voucher',
			Price: 680,
			...DIALECT.unknown,
		});
		expect(output[LISTED - 1].json.ItemNo).toBe(`EXT00${EXTRA}`);
		expect(output.map((o) => o.pairedItem)).toEqual(Array.from({ length: LISTED }, () => ({ item: 0 })));
		expect(pagesSince(from)).toEqual([1, 2, 3]);
		expect(batchCalls()[from].data).toEqual({ MerchantID: MERCHANT.merchantId, ItemStatus: ITEM_STATUS.listed, PageNum: 1 });
	});

	it('Limit 250: exactly 250 products, two pages asked', async () => {
		const from = batchCalls().length;
		const output = outputOf(await run(sim, getMany({ itemStatus: ITEM_STATUS.all, returnAll: false, limit: 250 })));
		expect(output).toHaveLength(250);
		expect(output.slice(0, PRODUCTS.length).map((o) => o.json.ItemNo)).toEqual(PRODUCTS.map((p) => p.itemNo));
		expect(pagesSince(from)).toEqual([1, 2]);
	});

	it('the default Limit (50): one page asked', async () => {
		const from = batchCalls().length;
		const output = outputOf(await run(sim, getMany()));
		expect(output).toHaveLength(50);
		expect(pagesSince(from)).toEqual([1]);
		expect(batchCalls()[from].data?.ItemStatus).toBe(ITEM_STATUS.all);
	});

	it('only delisted products', async () => {
		const output = outputOf(await run(sim, getMany({ itemStatus: ITEM_STATUS.delisted, returnAll: true })));
		expect(output.map((o) => o.json.ItemNo)).toEqual(PRODUCTS.filter((p) => !p.listed).map((p) => p.itemNo));
		expect(output[0].json.ItemStatusLabel).toBe('delisted');
	});

	it('by item numbers (commas and spaces), unknown ones left out by ECPay', async () => {
		const from = batchCalls().length;
		const output = outputOf(
			await run(sim, getMany({ itemStatus: ITEM_STATUS.all, itemNos: ' VNS21400,OLD00001 , ZZZ99999,, EXT00300', returnAll: true })),
		);
		expect(output.map((o) => o.json.ItemNo)).toEqual(['VNS21400', 'OLD00001', 'EXT00300']);
		expect(batchCalls()[from].data).toEqual({
			MerchantID: MERCHANT.merchantId,
			ItemStatus: ITEM_STATUS.all,
			ItemList: [{ ItemNo: 'VNS21400' }, { ItemNo: 'OLD00001' }, { ItemNo: 'ZZZ99999' }, { ItemNo: 'EXT00300' }],
			PageNum: 1,
		});
		expect(pagesSince(from)).toEqual([1]);
	});

	it('by item numbers and status: a listed filter drops the delisted one', async () => {
		const output = outputOf(await run(sim, getMany({ itemStatus: ITEM_STATUS.listed, itemNos: 'VNS21400, OLD00001' })));
		expect(output.map((o) => o.json.ItemNo)).toEqual(['VNS21400']);
	});

	it('nothing matches: no items', async () => {
		const result = await run(sim, getMany({ itemNos: 'ZZZ99999' }));
		expect(result.error).toBeUndefined();
		expect(result.output ?? []).toEqual([]);
	});

	it('refuses an item number of 9 characters in the list before any request, naming its place', async () => {
		const before = requests(sim).length;
		const error = errorOf(await run(sim, getMany({ itemNos: 'VQT04959, TOOLONG99' })));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain('ItemList[1].ItemNo');
		expect(requests(sim).length).toBe(before);
	});
});

import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { RTN_CODES } from '../../../simulator/rtnCodes';
import {
	CONTINUE,
	DIALECT,
	errorOf,
	lastCall,
	MERCHANT,
	opParams,
	outputOf,
	requests,
	run,
	useSimulator,
} from '../fixtures';

const sim = useSimulator();

const getProduct = (itemNo: string) => opParams('product', 'get', { itemNo });

describe('Product › Get', () => {
	it('a listed pickup voucher, labelled', async () => {
		const output = outputOf(await run(sim, getProduct('VQT04959')));
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			ItemNo: 'VQT04959',
			ItemName: '下午茶套餐兌換券',
			ItemStatus: '1',
			ItemStatusLabel: 'listed',
			TicketType: 1,
			TicketTypeLabel: 'pickup voucher',
			Price: 680,
			...DIALECT.unknown,
		});
		expect(lastCall(sim, ENDPOINTS.queryItemInfo).data).toEqual({ MerchantID: MERCHANT.merchantId, ItemNo: 'VQT04959' });
	});

	it('a delisted product and a gift voucher', async () => {
		const output = outputOf(await run(sim, getProduct('={{ $json.no }}'), { items: [{ no: 'OLD00001' }, { no: 'CK851236' }] }));
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ ItemNo: 'OLD00001', ItemStatus: '0', ItemStatusLabel: 'delisted', Price: 300 });
		expect(output[1].json).toMatchObject({ ItemNo: 'CK851236', TicketType: 2, TicketTypeLabel: 'gift voucher', Price: 0 });
	});

	it('an unknown product: RtnCode 3002, or an error item with Continue On Fail', async () => {
		const error = errorOf(await run(sim, getProduct('ZZZ99999')));
		const logged = lastCall(sim, ENDPOINTS.queryItemInfo);
		expect(logged.rtnCode).toBe(RTN_CODES.unknownItemNo.code);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(`Item 0: ECPay refused the request: ${String(logged.rtnMsg)} (RtnCode ${RTN_CODES.unknownItemNo.code})`);

		const output = outputOf(await run(sim, getProduct('ZZZ99999'), { onError: CONTINUE }));
		expect(output[0].json).toMatchObject({ RtnCode: RTN_CODES.unknownItemNo.code, RtnMsg: logged.rtnMsg });
	});

	it.each([
		['an Item No of 9 characters', 'VQT049591', 'must be at most 8 characters long'],
		['an Item No with a dash', 'VQT-0495', 'may only contain English letters and digits (A-Z, a-z, 0-9)'],
	])('refuses %s before any request', async (_name, itemNo, says) => {
		const before = requests(sim).length;
		const error = errorOf(await run(sim, getProduct(itemNo)));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(`Item 0: Item No (ItemNo) ${says}`);
		expect(requests(sim).length).toBe(before);
	});
});

/** A product listed (or once listed) in ECPay's vendor back office; no API creates them. */
export interface Product {
	/** 8 alphanumeric characters. */
	itemNo: string;
	itemName: string;
	/** `pickup` (TicketType 1, has a face value) or `gift` (TicketType 2). */
	kind: 'pickup' | 'gift';
	/** Face value in NT$; 0 for gift vouchers. */
	price: number;
	listed: boolean;
	/** When set, the scheduled issuance job fails for any order holding this product, with this Remark. */
	failsIssuance?: string;
}

/** The seeded catalogue of every simulated merchant. The first four ItemNos are ECPay's own examples. */
export const PRODUCTS: readonly Product[] = [
	{ itemNo: 'VQT04959', itemName: '下午茶套餐兌換券', kind: 'pickup', price: 680, listed: true },
	{ itemNo: 'VNS21400', itemName: '雙人電影票', kind: 'pickup', price: 560, listed: true },
	{ itemNo: 'BR103218', itemName: '蛋糕兌換券', kind: 'pickup', price: 350, listed: true },
	{ itemNo: 'CK851236', itemName: '生日禮贈品券', kind: 'gift', price: 0, listed: true },
	{ itemNo: 'GIFT0001', itemName: '來店禮兌換券', kind: 'gift', price: 0, listed: true },
	{ itemNo: 'OLD00001', itemName: '舊版餐券', kind: 'pickup', price: 300, listed: false },
	{
		itemNo: 'FAILS001',
		itemName: '模擬發行失敗商品',
		kind: 'pickup',
		price: 100,
		listed: true,
		failsIssuance: 'Issuance failed: product FAILS001 could not be issued (simulated failure)',
	},
];

/**
 * `count` generated listed pickup vouchers, EXT00001 to EXTnnnnn (config extraProducts), so that
 * BatchQueryItemInfo has more than one page. Prices run 100, 110, … 990 and repeat.
 */
export function extraProducts(count: number): Product[] {
	return Array.from({ length: count }, (_, i) => {
		const n = String(i + 1).padStart(5, '0');
		return { itemNo: `EXT${n}`, itemName: `加購商品${n}`, kind: 'pickup', price: 100 + (i % 90) * 10, listed: true };
	});
}

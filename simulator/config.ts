import seededMerchants from './merchants.json';
import { PRODUCTS, type Product } from './products';
import { TIMESTAMP_WINDOW_SECONDS } from '../protocol/spec/endpoints';

/**
 * One account the simulator accepts. A platform merchant (PROTOCOL.md §2) sends its PlatformID
 * and signs with the platform's keys (INFERRED): configure the sub-merchant's MerchantID, the
 * platform's ID in platformId, and the platform's HashKey/HashIV here.
 */
export interface SimulatedMerchant {
	merchantId: string;
	hashKey: string;
	hashIV: string;
	platformId?: string;
	/** Defaults to the simulator-wide branches / products. */
	branches?: Branch[];
	products?: readonly Product[];
}

/** A branch of the merchant created in the vendor back office; StoreID must name an active one. */
export interface Branch {
	storeId: string;
	name: string;
	active: boolean;
}

export interface SimulatorConfig {
	merchants: SimulatedMerchant[];
	branches: Branch[];
	products: readonly Product[];
	/** How long the scheduled job takes to issue convenience-store, electronic and serial-number tickets. */
	issueDelayMs: number;
	timestampWindowSeconds: number;
	/** Also accept CheckMacValues made with encodeURIComponent or PHP urlencode (PROTOCOL.md §4). */
	lenientEncoding: boolean;
	/** The simulator's clock in ms; tests inject one they control. */
	now: () => number;
}

export const BRANCHES: readonly Branch[] = [
	{ storeId: 'TPE001', name: '台北信義店', active: true },
	{ storeId: 'KHH002', name: '高雄巨蛋店', active: true },
	{ storeId: 'TXG003', name: '台中停業店', active: false },
];

export function defaultConfig(): SimulatorConfig {
	return {
		merchants: seededMerchants.map((m) => ({ ...m })),
		branches: BRANCHES.map((b) => ({ ...b })),
		products: PRODUCTS,
		issueDelayMs: 3000,
		timestampWindowSeconds: TIMESTAMP_WINDOW_SECONDS,
		lenientEncoding: false,
		now: () => Date.now(),
	};
}

import seededMerchants from './merchants.json';
import { PRODUCTS, type Product } from './products';
import { DEFAULT_ESCROW_DAYS, PAGE_SIZE } from '../protocol/rules/answers';
import { TIMESTAMP_WINDOW_SECONDS } from '../protocol/rules/timing';
import { DEFAULT_DIALECT, type Dialect } from './dialect';
import type { FaultPlan } from './faults';
import type { IssueOrder } from './issuanceJob';
import type { Transport } from './notifications';

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
	/** The merchant's escrow (performance-guarantee) days; defaults to the simulator-wide escrowDays. */
	escrowDays?: number;
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
	/**
	 * In which order the job completes orders (issuanceJob.ts): `fifo` each issueDelayMs after its
	 * acceptance, `random` uniform within issueDelayMs (seeded by `seed`), `waves` in runs every
	 * issueWaveMs. Never later than acceptance + issueDelayMs.
	 */
	issueOrder: IssueOrder;
	/** waves: how often the job runs; default issueDelayMs / 3, at most issueDelayMs. */
	issueWaveMs?: number;
	/** Seeds the PRNG of the `random` issuance order (fault plans have their own seed). */
	seed: number;
	/** Which reading of the INFERRED facts the simulator answers with (dialect.ts): `standard` or `alt`. */
	dialect: Dialect;
	/** Added before every API answer (every simulated endpoint), on top of any fault plan latency. */
	latencyMs: number;
	/** Calls the request log (GET /_simulator/requests) keeps; older ones are dropped. /_simulator/stats counts them all. */
	requestLogLimit: number;
	timestampWindowSeconds: number;
	/** Also accept CheckMacValues made with encodeURIComponent or PHP urlencode (PROTOCOL.md §4). */
	lenientEncoding: boolean;
	/** The simulator's clock in ms; tests inject one they control. POST /_simulator/clock shifts it. */
	now: () => number;
	/** EscrowDay of every merchant without its own (PROTOCOL.md §5; default DEFAULT_ESCROW_DAYS). */
	escrowDays: number;
	/**
	 * Entries a page of QueryOrderInfo TicketList and BatchQueryItemInfo ItemList (default
	 * PAGE_SIZE = 200). An order holds at most 100 tickets, so only a smaller page size lets
	 * TicketList paging be exercised.
	 */
	pageSize: number;
	/** Generated listed pickup vouchers EXT00001… added to every catalogue (to page BatchQueryItemInfo). */
	extraProducts: number;
	/** How often queued notifications are delivered in a batch; 0 = only on demand. Timers live in notifier.js. */
	notifyIntervalMs: number;
	/** How long after a failed attempt a notification is due again (simulator clock). */
	notifyRetryDelayMs: number;
	/** How long one delivery attempt may take before it counts as failed. */
	notifyTimeoutMs: number;
	/** Sends one notification over HTTP; server.js injects notifier.js. Without it only on-demand delivery fails. */
	transport?: Transport;
	/** The fault plan to start with (simulator/README.md "Faults"); PUT /_simulator/faults replaces it. */
	faults?: FaultPlan;
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
		issueOrder: 'fifo',
		seed: 1,
		dialect: DEFAULT_DIALECT,
		latencyMs: 0,
		requestLogLimit: 5000,
		timestampWindowSeconds: TIMESTAMP_WINDOW_SECONDS,
		lenientEncoding: false,
		now: () => Date.now(),
		escrowDays: DEFAULT_ESCROW_DAYS,
		pageSize: PAGE_SIZE,
		extraProducts: 0,
		notifyIntervalMs: 5000,
		notifyRetryDelayMs: 2000,
		notifyTimeoutMs: 10_000,
	};
}

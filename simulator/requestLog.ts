import type { ReceivedRequest } from './api';
import { canonicalEndpoint } from './faults';
import { ECPAY_PATHS } from './handlers';

/**
 * The request log (GET /_simulator/requests) and counters that never drop anything
 * (GET /_simulator/stats). The log keeps the last `limit` calls (config requestLogLimit) to bound a
 * long-running simulator's memory; the counters keep a few numbers per endpoint, per order number
 * and per code, so that a bench of thousands of calls can still count every one.
 */

/** Counts of one endpoint's calls. */
export interface EndpointStats {
	calls: number;
	/** HTTP status of the answer ("0" = none sent: a reset or a held connection). */
	byHttpStatus: Record<string, number>;
	/** TransCode of the answer envelope, when one was made. */
	byTransCode: Record<string, number>;
	/** Data.RtnCode of an accepted envelope. */
	byRtnCode: Record<string, number>;
	/** Calls whose verified Data named an order: `MerchantTradeNo:<no>` or `FreeTradeNo:<no>` → calls. */
	byOrder: Record<string, number>;
}

export interface RequestStats {
	/** When counting started: the simulator's start or last reset (simulator clock, ISO 8601). */
	since: string;
	total: number;
	/** Entries the request log holds now, and at most. */
	logged: number;
	logLimit: number;
	/** By the endpoint's spelling in protocol/rules/endpoints.ts; paths that are no ECTicket endpoint under "(other)". */
	byEndpoint: Record<string, EndpointStats>;
}

const OTHER_PATHS = '(other)';

const bump = (counts: Record<string, number>, key: unknown) => {
	const name = String(key);
	counts[name] = (counts[name] ?? 0) + 1;
};

/** The order a call's Data names, as store.ordersByNumber keys it; undefined when none. */
function orderKey(data: ReceivedRequest['data']): string | undefined {
	if (!data) return undefined;
	if (typeof data.MerchantTradeNo === 'string' && data.MerchantTradeNo) return `MerchantTradeNo:${data.MerchantTradeNo}`;
	if (typeof data.FreeTradeNo === 'string' && data.FreeTradeNo) return `FreeTradeNo:${data.FreeTradeNo}`;
	return undefined;
}

export class RequestLog {
	/** The log itself; simulator.requests is this array. */
	readonly entries: ReceivedRequest[] = [];
	#byEndpoint: Record<string, EndpointStats> = {};
	#total = 0;
	#since: number;

	constructor(
		private readonly now: () => number,
		private readonly limit: number,
	) {
		this.#since = now();
	}

	add(entry: Omit<ReceivedRequest, 'time'>): void {
		this.entries.push({ time: new Date(this.now()).toISOString(), ...entry });
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);

		this.#total++;
		const path = entry.path;
		const endpoint = canonicalEndpoint(path) ?? (ECPAY_PATHS.has(path.toLowerCase()) ? path : OTHER_PATHS);
		const stats = (this.#byEndpoint[endpoint] ??= { calls: 0, byHttpStatus: {}, byTransCode: {}, byRtnCode: {}, byOrder: {} });
		stats.calls++;
		bump(stats.byHttpStatus, entry.httpStatus);
		if (entry.transCode !== undefined) bump(stats.byTransCode, entry.transCode);
		if (entry.rtnCode !== undefined) bump(stats.byRtnCode, entry.rtnCode);
		const order = orderKey(entry.data);
		if (order) bump(stats.byOrder, order);
	}

	stats(): RequestStats {
		return {
			since: new Date(this.#since).toISOString(),
			total: this.#total,
			logged: this.entries.length,
			logLimit: this.limit,
			byEndpoint: this.#byEndpoint,
		};
	}

	/** Forgets the log and the counters (POST /_simulator/reset). */
	clear(): void {
		this.entries.length = 0;
		this.#byEndpoint = {};
		this.#total = 0;
		this.#since = this.now();
	}
}

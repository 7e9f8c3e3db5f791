import type { BusinessData } from '../protocol/envelope';
import type { Violation } from '../protocol/rules/field';
import type { SimulatedMerchant, SimulatorConfig } from './config';
import type { TicketAction } from './control';
import type { EncoderName } from './encoders';
import type { FaultInjector, FaultKind } from './faults';
import type { IssuanceJob } from './issuanceJob';
import type { DeliveryAttempt, NotificationCenter } from './notifications';
import type { Product } from './products';
import type { RequestStats } from './requestLog';
import type { RekeyResult } from './rotation';
import type { TicketStore } from './store';

/** The simulator's programmatic face: what createSimulator returns, answers and logs. */
export interface SimulatorResponse {
	status: number;
	body: string;
	contentType: string;
	/** The Allow header of a 405. */
	allow?: string;
	/** Set by the fault plan: server.js waits this long before answering (or resetting). */
	delayMs?: number;
	/**
	 * Set by the fault plan instead of an answer: `reset` = server.js closes the connection with a
	 * TCP RST; `hold` = it never answers and keeps the connection open until the client gives up
	 * or the server closes. status and body are then unused (0 and '').
	 */
	connection?: 'reset' | 'hold';
}

/** One call the simulator received, as the request log shows it. */
export interface ReceivedRequest {
	/** The simulator clock, ISO 8601. */
	time: string;
	method: string;
	path: string;
	httpStatus: number;
	merchantId?: string;
	transCode?: number;
	transMsg?: string;
	rtnCode?: number;
	rtnMsg?: string;
	/** Which URL encoder the CheckMacValue was made with (anything but rfc3986 only in lenient mode). */
	encoder?: EncoderName;
	/** The decrypted, verified business Data. */
	data?: BusinessData;
	violations?: Violation[];
	/**
	 * The fault the plan injected into this call (simulator/README.md "Faults"); 'latency' when
	 * only latency rules fired. httpStatus is 0 when no answer was sent (resets, timeout).
	 */
	fault?: FaultKind;
	/** The delay before the answer (or reset): config latencyMs, latency rules and a rule's latencyMs. */
	latencyMs?: number;
}

/** What simulator.redeem / refund (and their control endpoints) answer. */
export type TicketActionResult =
	| { ok: true; RtnCode: 1; RtnMsg: string; ticket: BusinessData; notificationIds: string[] }
	/** RtnCode absent: the request itself was malformed. */
	| { ok: false; RtnCode?: number; RtnMsg: string };

export type { TicketAction };

export interface Simulator {
	readonly config: SimulatorConfig;
	readonly store: TicketStore;
	/** The last config.requestLogLimit calls (GET /_simulator/requests). */
	readonly requests: ReceivedRequest[];
	/** Counts of every call since the start or last reset, per endpoint, code and order (GET /_simulator/stats). */
	stats(): RequestStats;
	/** The scheduled issuance job: when each order is completed (config issueOrder). */
	readonly issuanceJob: IssuanceJob;
	readonly notifications: NotificationCenter;
	/** The fault plan and its counters (config.faults, /_simulator/faults). */
	readonly faults: FaultInjector;
	/** The simulator clock: config.now() moved forward by advanceClock. */
	now(): number;
	readonly clockOffsetMs: number;
	/** API calls answer synchronously; POST /_simulator/notifications/deliver answers a promise. */
	handle(
		method: string,
		path: string,
		contentType: string | undefined,
		rawBody: string,
	): SimulatorResponse | Promise<SimulatorResponse>;
	/** For refusals the HTTP shell makes itself (413). */
	logHttpRefusal(method: string, path: string, httpStatus: number): void;
	/** Delivers every notification that is due now, waits for the attempts and returns them. */
	deliverNow(): Promise<DeliveryAttempt[]>;
	/** Redeems (or with Action 2 un-redeems) a ticket of any merchant, as a store would. */
	redeem(action: TicketAction | Record<string, unknown>): TicketActionResult;
	/** Refunds (or with Action 2 un-refunds) a ticket of any merchant, as a customer would. */
	refund(action: TicketAction | Record<string, unknown>): TicketActionResult;
	/**
	 * Gives a merchant new keys `{merchantId, hashKey, hashIV}`: requests signed with the old ones
	 * are refused from now on, notifications (retries too) are sealed with the new ones.
	 */
	rekey(body: Record<string, unknown>): RekeyResult;
	/**
	 * Makes acknowledged (or given-up) notifications due again now, all or those of `ids`, as ECPay
	 * resends one whose acknowledgement did not reach it; the next delivery sends them.
	 */
	resend(ids?: unknown): { ok: true; ids: string[] } | { ok: false; error: string };
	/**
	 * Moves the simulator clock forward (issuance job, expiry, escrow, OrderDetail's rate limit,
	 * dates in answers). RqHeader.Timestamp is still checked against and stamped with config.now(),
	 * so clients on the real clock keep working.
	 */
	advanceClock(ms: number): void;
	/**
	 * Forgets orders, tickets, notifications, deliveries, the request log and the clock offset;
	 * keeps the fault plan but restarts its call numbers, counts and PRNG.
	 */
	reset(): void;
	/** The merchant's product catalogue (its own or the shared one, plus extraProducts). */
	catalogue(merchant: SimulatedMerchant): readonly Product[];
}

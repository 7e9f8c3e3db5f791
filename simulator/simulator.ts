import { Codec } from '../protocol/crypto';
import { refusedResponse, sealResponse, type BusinessData } from '../protocol/envelope';
import type { Violation } from '../protocol/spec/issueRules';
import { ENDPOINTS } from '../protocol/spec/endpoints';
import { defaultConfig, type SimulatedMerchant, type SimulatorConfig } from './config';
import { controlRoutes, handleControl, json, readTicketAction, type TicketAction } from './control';
import type { EncoderName } from './encoders';
import {
	canonicalEndpoint,
	FaultInjector,
	faultedAnswer,
	senderOf,
	unprocessedAnswer,
	type FaultDecision,
	type FaultKind,
	type ProcessedCall,
} from './faults';
import { batchQueryItemInfo } from './handlers/batchQueryItemInfo';
import { escrowDay } from './handlers/escrowDay';
import type { Handler } from './handlers/handler';
import { issuanceIssue } from './handlers/issuanceIssue';
import { issue } from './handlers/issue';
import { orderDetail } from './handlers/orderDetail';
import { queryIssueResult } from './handlers/queryIssueResult';
import { queryItemInfo } from './handlers/queryItemInfo';
import { queryOrderInfo } from './handlers/queryOrderInfo';
import { queryPrintData } from './handlers/queryPrintData';
import { queryRefundInfo } from './handlers/queryRefundInfo';
import { queryTicketStatus } from './handlers/queryTicketStatus';
import { refund } from './handlers/refund';
import { writeOff } from './handlers/writeOff';
import { changeTicket, REFUND_EVENTS, WRITE_OFF_EVENTS, type TicketEvent } from './lifecycle';
import { NotificationCenter, type DeliveryAttempt } from './notifications';
import { taiwanDay } from './numbers';
import { extraProducts, type Product } from './products';
import { RTN_CODES, TRANS_CODES } from './rtnCodes';
import { TicketStore } from './store';
import { admitRequest, type Account } from './admission';
import { ticketWithOrder } from './views';

/** Every ECTicket endpoint of protocol/spec/endpoints.ts, one handler each. */
const HANDLERS: Record<string, Handler> = {
	[ENDPOINTS.issue]: issue,
	[ENDPOINTS.issuanceOnlyIssue]: issuanceIssue,
	[ENDPOINTS.queryIssueResult]: queryIssueResult,
	[ENDPOINTS.queryTicketStatus]: queryTicketStatus,
	[ENDPOINTS.queryOrderInfo]: queryOrderInfo,
	[ENDPOINTS.writeOff]: writeOff,
	[ENDPOINTS.refund]: refund,
	[ENDPOINTS.queryRefundInfo]: queryRefundInfo,
	[ENDPOINTS.queryPrintData]: queryPrintData,
	[ENDPOINTS.queryItemInfo]: queryItemInfo,
	[ENDPOINTS.batchQueryItemInfo]: batchQueryItemInfo,
	[ENDPOINTS.escrowDay]: escrowDay,
	[ENDPOINTS.orderDetail]: orderDetail,
};

/** ECPay paths the simulator knows of but does not simulate: they answer 501. */
export const NOT_SIMULATED = ['/api/Period/QueryOrderInfo'];

const byLowerPath = <T>(table: Record<string, T>) =>
	new Map(Object.entries(table).map(([path, value]) => [path.toLowerCase(), value]));
const ROUTES = byLowerPath(HANDLERS);
const ECPAY_PATHS = new Set([...Object.values(ENDPOINTS), ...NOT_SIMULATED].map((path) => path.toLowerCase()));
/** Keeps a long-running simulator's memory bounded; the oldest calls are dropped first. */
const REQUEST_LOG_LIMIT = 5000;

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
	/** The delay before the answer (or reset) when latency rules or a rule's latencyMs applied. */
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
	readonly requests: ReceivedRequest[];
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

export function createSimulator(overrides: Partial<SimulatorConfig> = {}): Simulator {
	const config: SimulatorConfig = { ...defaultConfig(), ...overrides };
	const accounts = new Map<string, Account>(
		config.merchants.map((merchant) => [merchant.merchantId, { merchant, codec: new Codec(merchant) }]),
	);
	let clockOffsetMs = 0;
	const now = () => config.now() + clockOffsetMs;
	const store = new TicketStore(now, config.issueDelayMs);
	const notifications = new NotificationCenter(
		(merchantId) => accounts.get(merchantId),
		{ now, wallNow: config.now },
		{ retryDelayMs: config.notifyRetryDelayMs, timeoutMs: config.notifyTimeoutMs, transport: config.transport },
	);
	const requests: ReceivedRequest[] = [];
	const faults = new FaultInjector(config.faults);
	const extras = extraProducts(config.extraProducts);
	const catalogue = (merchant: SimulatedMerchant) => [...(merchant.products ?? config.products), ...extras];
	const escrowDaysOf = (merchantId: string) => accounts.get(merchantId)?.merchant.escrowDays ?? config.escrowDays;

	const log = (entry: Omit<ReceivedRequest, 'time'>) => {
		requests.push({ time: new Date(now()).toISOString(), ...entry });
		if (requests.length > REQUEST_LOG_LIMIT) requests.splice(0, requests.length - REQUEST_LOG_LIMIT);
	};

	const actOnTicket = (
		events: Record<string, TicketEvent>,
		body: TicketAction | Record<string, unknown>,
	): TicketActionResult => {
		const action = readTicketAction(body as Record<string, unknown>, Object.keys(events));
		if (typeof action === 'string') return { ok: false, RtnMsg: action };
		const found = store.findTicketOfAnyMerchant({ ticketNo: action.TicketNo, writeOffNo: action.WriteOffNo });
		if (!found) {
			return {
				ok: false,
				RtnCode: RTN_CODES.ticketNotFound.code,
				RtnMsg: action.TicketNo ? `TicketNo: no ticket ${action.TicketNo}` : `WriteOffNo: no ticket ${action.WriteOffNo}`,
			};
		}
		const at = now();
		const outcome = changeTicket(found, events[action.Action], {
			now: at,
			escrowDays: escrowDaysOf(found.order.merchantId),
			notifications,
			reason: action.CancelReason,
			operator: action.Operator,
		});
		if (!outcome.ok) return { ok: false, RtnCode: RTN_CODES[outcome.code].code, RtnMsg: outcome.message };
		return {
			ok: true,
			RtnCode: 1,
			RtnMsg: '成功',
			ticket: ticketWithOrder(found, taiwanDay(at)),
			notificationIds: outcome.notificationIds,
		};
	};

	let routes: ReturnType<typeof controlRoutes> | undefined;

	const handle = (
		method: string,
		rawPath: string,
		contentType: string | undefined,
		rawBody: string,
	): SimulatorResponse | Promise<SimulatorResponse> => {
		const path = rawPath.split('?')[0];
		if (path.startsWith('/_simulator/')) {
			routes ??= controlRoutes(simulator);
			return handleControl(routes, method, path, rawBody);
		}
		const handler = ROUTES.get(path.toLowerCase());
		const endpoint = canonicalEndpoint(path);
		if (!handler || !endpoint) {
			// Not faulted: only the simulated endpoints are.
			const known = ECPAY_PATHS.has(path.toLowerCase());
			log({ method, path, httpStatus: known ? 501 : 404 });
			return known
				? json(501, { error: `${path} is an ECTicket endpoint the simulator does not implement yet` })
				: json(404, { error: `${path} is not an ECTicket endpoint` });
		}

		// The one place where a call's fault is decided; server.js carries out delayMs and connection.
		const decision = faults.decide(endpoint);
		const faultFields = describeFault(decision);
		if (!decision.process) {
			const sender = senderOf(rawBody);
			const answer = unprocessedAnswer(decision, sender, Math.floor(config.now() / 1000));
			const merchantId = sender.merchantId || undefined;
			log({ method, path, httpStatus: answer.status, merchantId, transCode: decision.transCode, ...faultFields });
			return answer;
		}
		const processed = processCall(method, path, handler, contentType, rawBody);
		const answer = faultedAnswer(decision, processed.call);
		log({ ...processed.entry, httpStatus: answer.connection ? 0 : answer.status, ...faultFields });
		return answer;
	};

	/** Runs one API call as ECPay would; the caller logs the entry (with any fault) and answers. */
	const processCall = (
		method: string,
		path: string,
		handler: Handler,
		contentType: string | undefined,
		rawBody: string,
	): { call: ProcessedCall; entry: Omit<ReceivedRequest, 'time'> } => {
		const refuseHttp = (status: number, error: string) => ({
			call: { answer: json(status, { error }) },
			entry: { method, path, httpStatus: status },
		});
		if (method !== 'POST') {
			const refused = refuseHttp(405, `${path} accepts POST only`);
			return { ...refused, call: { answer: { ...refused.call.answer, allow: 'POST' } } };
		}
		if ((contentType ?? '').split(';')[0].trim().toLowerCase() !== 'application/json') {
			return refuseHttp(415, 'The body must be sent as Content-Type: application/json');
		}

		const timestamp = Math.floor(config.now() / 1000);
		const admission = admitRequest(rawBody, {
			accounts,
			nowSeconds: timestamp,
			windowSeconds: config.timestampWindowSeconds,
			lenientEncoding: config.lenientEncoding,
		});
		if (!admission.ok) {
			const transCode = TRANS_CODES[admission.refusal].code;
			const sender = {
				merchantId: admission.envelope?.MerchantID ?? '',
				platformId: admission.envelope?.PlatformID,
			};
			return {
				call: { answer: json(200, refusedResponse(sender, transCode, admission.transMsg, timestamp)) },
				entry: {
					method,
					path,
					httpStatus: 200,
					merchantId: sender.merchantId || undefined,
					transCode,
					transMsg: admission.transMsg,
				},
			};
		}

		const { merchant, codec } = admission.account;
		const at = now();
		const answer = handler(admission.data, {
			merchantId: merchant.merchantId,
			branches: merchant.branches ?? config.branches,
			products: catalogue(merchant),
			store,
			now: at,
			today: taiwanDay(at),
			escrowDays: escrowDaysOf(merchant.merchantId),
			pageSize: config.pageSize,
			notifications,
		});
		const sender = { merchantId: merchant.merchantId, platformId: admission.envelope.PlatformID };
		return {
			call: {
				answer: json(200, sealResponse(codec, sender, answer.data, timestamp)),
				sealed: { keys: merchant, codec, sender, data: answer.data, timestamp },
			},
			entry: {
				method,
				path,
				httpStatus: 200,
				merchantId: merchant.merchantId,
				transCode: TRANS_CODES.accepted.code,
				rtnCode: answer.data.RtnCode as number,
				rtnMsg: answer.data.RtnMsg as string,
				encoder: admission.encoder,
				data: admission.data,
				violations: answer.violations,
			},
		};
	};

	const simulator: Simulator = {
		config,
		store,
		requests,
		notifications,
		faults,
		now,
		get clockOffsetMs() {
			return clockOffsetMs;
		},
		handle,
		logHttpRefusal: (method, path, httpStatus) => log({ method, path: path.split('?')[0], httpStatus }),
		deliverNow: () => notifications.deliverDue(),
		redeem: (action) => actOnTicket(WRITE_OFF_EVENTS, action),
		refund: (action) => actOnTicket(REFUND_EVENTS, action),
		advanceClock: (ms) => {
			clockOffsetMs += ms;
		},
		reset: () => {
			store.clear();
			notifications.clear();
			requests.length = 0;
			clockOffsetMs = 0;
			faults.restart();
		},
		catalogue,
	};
	return simulator;
}

/** The request-log fields of a call's fault: nothing when none fired. */
function describeFault(decision: FaultDecision): Pick<ReceivedRequest, 'fault' | 'latencyMs'> {
	const fault = decision.fault ?? (decision.latency ? 'latency' : undefined);
	if (!fault) return {};
	return decision.delayMs > 0 ? { fault, latencyMs: decision.delayMs } : { fault };
}

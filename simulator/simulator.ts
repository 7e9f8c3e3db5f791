import { Codec } from '../protocol/crypto';
import { refusedResponse, sealResponse } from '../protocol/envelope';
import { defaultConfig, type SimulatedMerchant, type SimulatorConfig } from './config';
import { controlRoutes, handleControl, json, readTicketAction, type TicketAction } from './control';
import {
	canonicalEndpoint,
	FaultInjector,
	faultedAnswer,
	senderOf,
	unprocessedAnswer,
	type FaultDecision,
	type ProcessedCall,
} from './faults';
import { dialectAnswer, DIALECTS, isDialect, writeOffNoStyle } from './dialect';
import { IssuanceJob, isIssueOrder, ISSUE_ORDERS } from './issuanceJob';
import { changeTicket, REFUND_EVENTS, WRITE_OFF_EVENTS, type TicketEvent } from './lifecycle';
import { NotificationCenter } from './notifications';
import { taiwanDay } from './numbers';
import { extraProducts } from './products';
import { RequestLog } from './requestLog';
import { rekey, resend } from './rotation';
import { RTN_CODES, TRANS_CODES } from './rtnCodes';
import { TicketStore } from './store';
import { admitRequest, type Account } from './admission';
import { ticketWithOrder } from './views';
import { ECPAY_PATHS, ROUTES } from './handlers';
import type { Handler } from './handlers/handler';
import type { ReceivedRequest, Simulator, SimulatorResponse, TicketActionResult } from './api';

export type { ReceivedRequest, Simulator, SimulatorResponse, TicketAction, TicketActionResult } from './api';
export { NOT_SIMULATED } from './handlers';

export function createSimulator(overrides: Partial<SimulatorConfig> = {}): Simulator {
	// An override given as undefined keeps the default.
	const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
	const config: SimulatorConfig = { ...defaultConfig(), ...given };
	if (!isDialect(config.dialect)) throw new Error(`dialect must be one of ${DIALECTS.join(', ')}`);
	if (!isIssueOrder(config.issueOrder)) throw new Error(`issueOrder must be one of ${ISSUE_ORDERS.join(', ')}`);
	const accounts = new Map<string, Account>(
		config.merchants.map((merchant) => [merchant.merchantId, { merchant, codec: new Codec(merchant) }]),
	);
	let clockOffsetMs = 0;
	const now = () => config.now() + clockOffsetMs;
	const job = new IssuanceJob({
		delayMs: config.issueDelayMs,
		order: config.issueOrder,
		waveMs: config.issueWaveMs,
		seed: config.seed,
		origin: now(),
	});
	const store = new TicketStore(now, job, writeOffNoStyle(config.dialect));
	const notifications = new NotificationCenter(
		(merchantId) => accounts.get(merchantId),
		{ now, wallNow: config.now },
		{ retryDelayMs: config.notifyRetryDelayMs, timeoutMs: config.notifyTimeoutMs, transport: config.transport, dialect: config.dialect },
	);
	const requestLog = new RequestLog(now, config.requestLogLimit);
	const faults = new FaultInjector(config.faults, config.latencyMs);
	const extras = extraProducts(config.extraProducts);
	const catalogue = (merchant: SimulatedMerchant) => [...(merchant.products ?? config.products), ...extras];
	const escrowDaysOf = (merchantId: string) => accounts.get(merchantId)?.merchant.escrowDays ?? config.escrowDays;

	const log = (entry: Omit<ReceivedRequest, 'time'>) => requestLog.add(entry);

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
		const processed = processCall(method, path, endpoint, handler, contentType, rawBody);
		const answer = faultedAnswer(decision, processed.call);
		log({ ...processed.entry, httpStatus: answer.connection ? 0 : answer.status, ...faultFields });
		return answer;
	};

	/** Runs one API call as ECPay would; the caller logs the entry (with any fault) and answers. */
	const processCall = (
		method: string,
		path: string,
		endpoint: string,
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
		const handled = handler(admission.data, {
			merchantId: merchant.merchantId,
			branches: merchant.branches ?? config.branches,
			products: catalogue(merchant),
			store,
			now: at,
			today: taiwanDay(at),
			escrowDays: escrowDaysOf(merchant.merchantId),
			pageSize: config.pageSize,
			notifications,
			dialect: config.dialect,
		});
		const answer = { ...handled, data: dialectAnswer(config.dialect, endpoint, handled.data, handled.order) };
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
		requests: requestLog.entries,
		stats: () => requestLog.stats(),
		issuanceJob: job,
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
		rekey: (body) => rekey(accounts, config.merchants, body),
		resend: (ids) => resend(notifications.notifications, now(), ids),
		advanceClock: (ms) => {
			clockOffsetMs += ms;
		},
		reset: () => {
			store.clear();
			job.restart();
			notifications.clear();
			requestLog.clear();
			clockOffsetMs = 0;
			faults.restart();
		},
		catalogue,
	};
	return simulator;
}

/** The request-log fields of a call's fault and delay (config latencyMs included): nothing when neither applied. */
function describeFault(decision: FaultDecision): Pick<ReceivedRequest, 'fault' | 'latencyMs'> {
	const fault = decision.fault ?? (decision.latency ? 'latency' : undefined);
	const latency = decision.delayMs > 0 ? { latencyMs: decision.delayMs } : {};
	return fault ? { fault, ...latency } : latency;
}

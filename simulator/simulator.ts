import { Codec } from '../protocol/crypto';
import { refusedResponse, sealResponse, type BusinessData } from '../protocol/envelope';
import type { Violation } from '../protocol/spec/issueRules';
import { ENDPOINTS } from '../protocol/spec/endpoints';
import { defaultConfig, type SimulatorConfig } from './config';
import type { EncoderName } from './encoders';
import type { Handler } from './handlers/handler';
import { issue } from './handlers/issue';
import { queryIssueResult } from './handlers/queryIssueResult';
import { TRANS_CODES } from './rtnCodes';
import { TicketStore } from './store';
import { admitRequest, type Account } from './admission';

/** The endpoints the simulator answers; the other ECPay paths answer 501 until they are built. */
const HANDLERS: Record<string, Handler> = {
	[ENDPOINTS.issue]: issue,
	[ENDPOINTS.queryIssueResult]: queryIssueResult,
};

const byLowerPath = <T>(table: Record<string, T>) =>
	new Map(Object.entries(table).map(([path, value]) => [path.toLowerCase(), value]));
const ROUTES = byLowerPath(HANDLERS);
const ECPAY_PATHS = new Set(Object.values(ENDPOINTS).map((path) => path.toLowerCase()));

const JSON_TYPE = 'application/json; charset=utf-8';
/** Keeps a long-running simulator's memory bounded; the oldest calls are dropped first. */
const REQUEST_LOG_LIMIT = 5000;

export interface SimulatorResponse {
	status: number;
	body: string;
	contentType: string;
	/** The Allow header of a 405. */
	allow?: string;
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
}

export interface Simulator {
	readonly config: SimulatorConfig;
	readonly store: TicketStore;
	readonly requests: ReceivedRequest[];
	handle(method: string, path: string, contentType: string | undefined, rawBody: string): SimulatorResponse;
	/** For refusals the HTTP shell makes itself (413). */
	logHttpRefusal(method: string, path: string, httpStatus: number): void;
}

const json = (status: number, value: unknown): SimulatorResponse => ({
	status,
	body: JSON.stringify(value),
	contentType: JSON_TYPE,
});

export function createSimulator(overrides: Partial<SimulatorConfig> = {}): Simulator {
	const config: SimulatorConfig = { ...defaultConfig(), ...overrides };
	const accounts = new Map<string, Account>(
		config.merchants.map((merchant) => [merchant.merchantId, { merchant, codec: new Codec(merchant) }]),
	);
	const store = new TicketStore(config.now, config.issueDelayMs);
	const requests: ReceivedRequest[] = [];

	const log = (entry: Omit<ReceivedRequest, 'time'>) => {
		requests.push({ time: new Date(config.now()).toISOString(), ...entry });
		if (requests.length > REQUEST_LOG_LIMIT) requests.splice(0, requests.length - REQUEST_LOG_LIMIT);
	};

	const tooling = (method: string, path: string): SimulatorResponse => {
		if (method !== 'GET') return { ...json(405, { error: 'Use GET for /_simulator/ paths' }), allow: 'GET' };
		if (path === '/_simulator/health') {
			return json(200, {
				status: 'ok',
				merchants: config.merchants.map((m) => m.merchantId),
				issueDelayMs: config.issueDelayMs,
				lenientEncoding: config.lenientEncoding,
				time: new Date(config.now()).toISOString(),
			});
		}
		if (path === '/_simulator/requests') return json(200, requests);
		return json(404, { error: `No simulator path ${path}` });
	};

	const handle = (
		method: string,
		rawPath: string,
		contentType: string | undefined,
		rawBody: string,
	): SimulatorResponse => {
		const path = rawPath.split('?')[0];
		if (path.startsWith('/_simulator/')) return tooling(method, path);
		const refuseHttp = (status: number, error: string) => {
			log({ method, path, httpStatus: status });
			return json(status, { error });
		};

		const handler = ROUTES.get(path.toLowerCase());
		if (!handler) {
			return ECPAY_PATHS.has(path.toLowerCase())
				? refuseHttp(501, `${path} is an ECTicket endpoint the simulator does not implement yet`)
				: refuseHttp(404, `${path} is not an ECTicket endpoint`);
		}
		if (method !== 'POST') return { ...refuseHttp(405, `${path} accepts POST only`), allow: 'POST' };
		if ((contentType ?? '').split(';')[0].trim().toLowerCase() !== 'application/json') {
			return refuseHttp(415, 'The body must be sent as Content-Type: application/json');
		}

		const now = config.now();
		const timestamp = Math.floor(now / 1000);
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
			log({ method, path, httpStatus: 200, merchantId: sender.merchantId || undefined, transCode, transMsg: admission.transMsg });
			return json(200, refusedResponse(sender, transCode, admission.transMsg, timestamp));
		}

		const { merchant, codec } = admission.account;
		const answer = handler(admission.data, {
			merchantId: merchant.merchantId,
			branches: merchant.branches ?? config.branches,
			products: merchant.products ?? config.products,
			store,
			now,
		});
		log({
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
		});
		const sender = { merchantId: merchant.merchantId, platformId: admission.envelope.PlatformID };
		return json(200, sealResponse(codec, sender, answer.data, timestamp));
	};

	return {
		config,
		store,
		requests,
		handle,
		logHttpRefusal: (method, path, httpStatus) => log({ method, path: path.split('?')[0], httpStatus }),
	};
}

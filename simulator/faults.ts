import { Codec, type MerchantKeys } from '../protocol/crypto';
import {
	readRequestEnvelope,
	refusedResponse,
	sealResponse,
	type BusinessData,
	type Sender,
} from '../protocol/envelope';
import { prng } from './prng';
import { TRANS_CODES } from './rtnCodes';
import type { SimulatorResponse } from './api';
import { DEFAULT_SEED, FAULT_KINDS, readFaultPlan, UNPROCESSED_FAULTS, type FaultDecision, type FaultKind, type FaultPlan, type FaultReport } from './faultPlan';

export * from './faultPlan';

/**
 * Fault injection (simulator/README.md "Faults"): a plan of rules says which calls of which
 * endpoint go wrong, and how. Everything here is pure: FaultInjector.decide is the one place that
 * picks the fault of a call (by call number or by a seeded PRNG), and faultedAnswer /
 * unprocessedAnswer say what the answer becomes. server.js only carries out what the answer asks
 * for: wait `delayMs`, reset the connection, or hold it without answering.
 */

const zeroCounts = () => Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;

/**
 * The plan and its counters. Each probability rule draws from its own stream (seed and rule
 * index), and only on the calls it matches: what one rule does never shifts another's draws.
 */
export class FaultInjector {
	#plan: Required<FaultPlan> = { seed: DEFAULT_SEED, rules: [] };
	#streams: Array<() => number> = [];
	#fired: number[] = [];
	#counts = zeroCounts();
	#calls = new Map<string, number>();
	#total = 0;

	/**
	 * Throws on an invalid plan. `baseLatencyMs` (config latencyMs) delays every call's answer, on
	 * top of what the plan's rules add; it is no fault and is not counted as one.
	 */
	constructor(
		plan?: FaultPlan,
		private readonly baseLatencyMs = 0,
	) {
		if (plan) this.setPlan(plan);
	}

	get plan(): Required<FaultPlan> {
		return this.#plan;
	}

	/** Replaces the plan (validated; throws on an invalid one) and restarts the counters. */
	setPlan(plan: unknown): void {
		const read = readFaultPlan(plan);
		if (!read.ok) throw new Error(read.error);
		this.#plan = read.plan;
		this.restart();
	}

	/** No rules: every call is answered normally. */
	clear(): void {
		this.#plan = { seed: DEFAULT_SEED, rules: [] };
		this.restart();
	}

	/** Keeps the plan; call numbers, firing counts and the PRNG start again (POST /_simulator/reset). */
	restart(): void {
		const { seed, rules } = this.#plan;
		this.#streams = rules.map((_rule, i) => prng(seed + Math.imul(i + 1, 0x9e3779b9)));
		this.#fired = rules.map(() => 0);
		this.#counts = zeroCounts();
		this.#calls.clear();
		this.#total = 0;
	}

	/**
	 * Counts one call of `endpoint` (a path of protocol/rules/endpoints.ts) and picks its fault:
	 * every latency rule that fires adds its delay; the first other rule that fires decides the
	 * answer, later ones do not fire for this call.
	 */
	decide(endpoint: string): FaultDecision {
		const call = (this.#calls.get(endpoint) ?? 0) + 1;
		this.#calls.set(endpoint, call);
		const total = ++this.#total;
		const decision: FaultDecision = { process: true, delayMs: this.baseLatencyMs, latency: false };
		this.#plan.rules.forEach((rule, i) => {
			if (rule.endpoint !== undefined && rule.endpoint !== endpoint) return;
			if (rule.times !== undefined && this.#fired[i] >= rule.times) return;
			if (rule.nth && !rule.nth.includes(rule.endpoint ? call : total)) return;
			if (rule.probability !== undefined && !(this.#streams[i]() < rule.probability)) return;
			if (rule.fault === 'latency') {
				decision.latency = true;
			} else if (decision.fault === undefined) {
				decision.fault = rule.fault;
				decision.process = !UNPROCESSED_FAULTS.includes(rule.fault);
				if (rule.fault === 'transCode') decision.transCode = rule.transCode ?? TRANS_CODES.injected.code;
			} else {
				return;
			}
			decision.delayMs += rule.latencyMs ?? 0;
			this.#fired[i]++;
			this.#counts[rule.fault]++;
		});
		return decision;
	}

	report(): FaultReport {
		return {
			plan: this.#plan,
			fired: [...this.#fired],
			counts: { ...this.#counts },
			calls: { total: this.#total, byEndpoint: Object.fromEntries(this.#calls) },
		};
	}
}

/** What a processed call answered, with what it takes to seal its Data again when it was accepted. */
export interface ProcessedCall {
	answer: SimulatorResponse;
	sealed?: { keys: MerchantKeys; codec: Codec; sender: Sender; data: BusinessData; timestamp: number };
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The pages are INVENTED stand-ins: ECPay's real error pages are not documented. They only share
 * what a client can rely on: a status, text/html, and no JSON.
 */
export const FAULT_PAGES = {
	http403:
		'<!DOCTYPE html><html><head><meta charset="utf-8"><title>403 - Forbidden</title></head><body>' +
		'<h1>403 - Forbidden: Access is denied.</h1><p>您的連線次數過於頻繁，請稍候 30 分鐘後再試。' +
		'Too many requests: please wait about 30 minutes before calling again.</p></body></html>',
	http500:
		'<!DOCTYPE html><html><head><meta charset="utf-8"><title>500 - Internal server error.</title></head>' +
		'<body><h1>Server Error</h1><h2>500 - Internal server error.</h2></body></html>',
	http503:
		'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Service Unavailable</title></head>' +
		'<body><h1>Service Unavailable</h1><p>HTTP Error 503. The service is unavailable.</p></body></html>',
	notJson:
		'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Runtime Error</title></head><body>' +
		'<h1>Server Error in \'/\' Application.</h1><h2>Runtime Error</h2></body></html>',
} as const;

const STATUS: Partial<Record<FaultKind, number>> = { http403: 403, http500: 500, http503: 503 };

/** The sender named in the request envelope, when the body has the shape of one. */
export function senderOf(rawBody: string): Sender {
	try {
		const envelope = readRequestEnvelope(rawBody);
		return { merchantId: envelope.MerchantID, platformId: envelope.PlatformID };
	} catch {
		return { merchantId: '' };
	}
}

/** The answer of a fault that does not run the endpoint (decision.process false). */
export function unprocessedAnswer(decision: FaultDecision, sender: Sender, timestamp: number): SimulatorResponse {
	const delay = decision.delayMs > 0 ? { delayMs: decision.delayMs } : {};
	switch (decision.fault) {
		case 'resetBefore':
			return { status: 0, body: '', contentType: JSON_TYPE, connection: 'reset', ...delay };
		case 'transCode': {
			const code = decision.transCode ?? TRANS_CODES.injected.code;
			const msg = `Injected fault: the envelope was refused without processing (TransCode ${code})`;
			const body = JSON.stringify(refusedResponse(sender, code, msg, timestamp));
			return { status: 200, body, contentType: JSON_TYPE, ...delay };
		}
		default: {
			const kind = decision.fault as 'http403' | 'http500' | 'http503';
			return { status: STATUS[kind] ?? 500, body: FAULT_PAGES[kind], contentType: HTML, ...delay };
		}
	}
}

/** Other keys than the merchant's: every character moved one place on, within printable ASCII. */
export function otherKeys(keys: MerchantKeys): MerchantKeys {
	const shift = (text: string) =>
		[...text].map((c) => String.fromCharCode(((c.charCodeAt(0) - 0x21 + 1) % 94) + 0x21)).join('');
	return { hashKey: shift(keys.hashKey), hashIV: shift(keys.hashIV) };
}

/**
 * What a processed call's answer becomes under the fault (decision.process true). wrongCheckMac
 * and wrongKey change only an accepted envelope (TransCode 1); a refused envelope, a 405 or a 415
 * goes out as it was.
 */
export function faultedAnswer(decision: FaultDecision, processed: ProcessedCall): SimulatorResponse {
	const answer: SimulatorResponse = { ...processed.answer };
	if (decision.delayMs > 0) answer.delayMs = decision.delayMs;
	const sealed = processed.sealed;
	switch (decision.fault) {
		case 'resetAfter':
			return { ...answer, status: 0, body: '', connection: 'reset' };
		case 'timeout':
			return { ...answer, status: 0, body: '', connection: 'hold' };
		case 'truncated':
			return { ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) };
		case 'notJson':
			return { ...answer, status: 200, body: FAULT_PAGES.notJson, contentType: HTML, allow: undefined };
		case 'wrongCheckMac': {
			if (!sealed) return answer;
			const envelope = sealResponse(sealed.codec, sealed.sender, sealed.data, sealed.timestamp);
			// A well-formed CheckMacValue, made over other text than the Data holds.
			envelope.CheckMacValue = sealed.codec.checkMacValue(`${JSON.stringify(sealed.data)} `);
			return { ...answer, body: JSON.stringify(envelope) };
		}
		case 'wrongKey': {
			if (!sealed) return answer;
			const envelope = sealResponse(new Codec(otherKeys(sealed.keys)), sealed.sender, sealed.data, sealed.timestamp);
			return { ...answer, body: JSON.stringify(envelope) };
		}
		default:
			return answer;
	}
}

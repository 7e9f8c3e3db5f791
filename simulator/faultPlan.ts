import { ENDPOINTS } from '../protocol/rules/endpoints';

/**
 * A fault plan (simulator/README.md "Faults"): which calls of which endpoint go wrong, and how,
 * and how a plan is read from JSON. faults.ts carries the plan out.
 */
export const FAULT_KINDS = [
	'latency',
	'http500',
	'http503',
	'http403',
	'resetBefore',
	'resetAfter',
	'timeout',
	'truncated',
	'notJson',
	'transCode',
	'wrongCheckMac',
	'wrongKey',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** The faults that answer without running the endpoint: nothing is recorded, no number is used up. */
export const UNPROCESSED_FAULTS: readonly FaultKind[] = ['http500', 'http503', 'http403', 'resetBefore', 'transCode'];

/** One rule of a plan. A rule with neither nth nor probability fires on every call it matches. */
export interface FaultRule {
	/** An ECPay path of protocol/rules/endpoints.ts (any case); absent = every simulated endpoint. */
	endpoint?: string;
	fault: FaultKind;
	/** 0..1: the chance that a matching call gets the fault (seeded PRNG, see FaultPlan.seed). */
	probability?: number;
	/**
	 * 1-based call numbers: of `endpoint`, or of all API calls together when the rule has no
	 * endpoint. With probability too, only these calls, each with that chance.
	 */
	nth?: number[];
	/** latency: the delay (required). Other faults: an extra delay before the fault takes effect. */
	latencyMs?: number;
	/** Fires at most this many times. */
	times?: number;
	/** transCode: the TransCode to answer (default TRANS_CODES.injected, 9999); never 1. */
	transCode?: number;
}

export interface FaultPlan {
	/** Seeds the PRNG of the probability rules: the same plan and calls give the same faults. Default 1. */
	seed?: number;
	rules: FaultRule[];
}

/** What FaultInjector.decide picked for one call. */
export interface FaultDecision {
	/** The fault that shapes the answer; undefined = answer normally (after delayMs). */
	fault?: Exclude<FaultKind, 'latency'>;
	/** Whether the endpoint runs (false for UNPROCESSED_FAULTS). */
	process: boolean;
	/** The config's latencyMs plus every latency rule fired plus the fault rule's latencyMs. */
	delayMs: number;
	/** Whether a latency rule fired. */
	latency: boolean;
	/** TransCode for the transCode fault. */
	transCode?: number;
}

/** GET /_simulator/faults. */
export interface FaultReport {
	plan: Required<FaultPlan>;
	/** Times each rule fired, in the order of plan.rules. */
	fired: number[];
	/** Times each kind of fault fired (latency included). */
	counts: Record<FaultKind, number>;
	/** API calls seen since the plan was set (or the simulator reset), by endpoint. */
	calls: { total: number; byEndpoint: Record<string, number> };
}

export const DEFAULT_SEED = 1;
const MAX_LATENCY_MS = 600_000;
const RULE_FIELDS = ['endpoint', 'fault', 'probability', 'nth', 'latencyMs', 'times', 'transCode'];
const SIMULATED_PATHS = new Map(Object.values(ENDPOINTS).map((path) => [path.toLowerCase(), path]));

/** The spelling of protocol/rules/endpoints.ts for a path in any case, or undefined. */
export function canonicalEndpoint(path: string): string | undefined {
	return SIMULATED_PATHS.get(path.split('?')[0].toLowerCase());
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Checks a plan (from a file, a PUT body or the config); answers the first problem as text. */
export function readFaultPlan(value: unknown): { ok: true; plan: Required<FaultPlan> } | { ok: false; error: string } {
	const fail = (error: string) => ({ ok: false as const, error });
	if (!isObject(value)) return fail('The fault plan must be a JSON object {seed?, rules: [...]}');
	const unknown = Object.keys(value).find((key) => key !== 'seed' && key !== 'rules');
	if (unknown) return fail(`Unknown field "${unknown}" in the fault plan (seed, rules)`);
	const seed = value.seed ?? DEFAULT_SEED;
	if (!isWhole(seed) || !Number.isSafeInteger(seed)) return fail('seed must be a whole number');
	if (!Array.isArray(value.rules)) return fail('rules must be a list of fault rules');
	const rules: FaultRule[] = [];
	for (const [i, raw] of value.rules.entries()) {
		const rule = readRule(raw);
		if (typeof rule === 'string') return fail(`rules[${i}]: ${rule}`);
		rules.push(rule);
	}
	return { ok: true, plan: { seed, rules } };
}

function readRule(raw: unknown): FaultRule | string {
	if (!isObject(raw)) return 'must be an object {endpoint?, fault, probability?, nth?, latencyMs?, times?, transCode?}';
	const unknown = Object.keys(raw).find((key) => !RULE_FIELDS.includes(key));
	if (unknown) return `unknown field "${unknown}" (${RULE_FIELDS.join(', ')})`;
	const fault = raw.fault;
	if (typeof fault !== 'string' || !(FAULT_KINDS as readonly string[]).includes(fault)) {
		return `fault must be one of ${FAULT_KINDS.join(', ')}`;
	}
	const rule: FaultRule = { fault: fault as FaultKind };
	if (raw.endpoint !== undefined) {
		const endpoint = typeof raw.endpoint === 'string' ? canonicalEndpoint(raw.endpoint) : undefined;
		if (!endpoint) return `endpoint must be a simulated ECTicket path such as ${ENDPOINTS.issue}`;
		rule.endpoint = endpoint;
	}
	if (raw.probability !== undefined) {
		const p = raw.probability;
		if (typeof p !== 'number' || !(p >= 0 && p <= 1)) return 'probability must be a number from 0 to 1';
		rule.probability = p;
	}
	if (raw.nth !== undefined) {
		const nth = raw.nth;
		if (!Array.isArray(nth) || nth.length === 0 || !nth.every((n) => isWhole(n) && n >= 1)) {
			return 'nth must be a non-empty list of call numbers (1 = the first call)';
		}
		rule.nth = [...nth];
	}
	if (raw.latencyMs !== undefined) {
		const ms = raw.latencyMs;
		if (!isWhole(ms) || ms < 0 || ms > MAX_LATENCY_MS) return `latencyMs must be a whole number from 0 to ${MAX_LATENCY_MS}`;
		rule.latencyMs = ms;
	} else if (fault === 'latency') {
		return 'a latency rule needs latencyMs';
	}
	if (raw.times !== undefined) {
		if (!isWhole(raw.times) || raw.times < 1) return 'times must be a whole number, 1 or more';
		rule.times = raw.times;
	}
	if (raw.transCode !== undefined) {
		if (fault !== 'transCode') return 'transCode belongs to transCode rules only';
		if (!isWhole(raw.transCode) || raw.transCode === 1) return 'transCode must be a whole number other than 1';
		rule.transCode = raw.transCode;
	}
	return rule;
}

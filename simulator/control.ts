import { readFaultPlan } from './faults';
import { RTN_CODES } from './rtnCodes';
import type { Simulator, SimulatorResponse } from './simulator';

/**
 * The simulator's own JSON paths under /_simulator/ (not ECPay's): health and logs, notification
 * delivery, acting on tickets as a store or a customer, the clock, reset, and the fault plan.
 * These paths are never faulted.
 */

const JSON_TYPE = 'application/json; charset=utf-8';

export const json = (status: number, value: unknown): SimulatorResponse => ({
	status,
	body: JSON.stringify(value),
	contentType: JSON_TYPE,
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Run = (body: Record<string, unknown>) => SimulatorResponse | Promise<SimulatorResponse>;
/** What each method of one control path does. */
type Route = Partial<Record<Method, Run>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a control call (or simulator.redeem / refund) names: one ticket and, optionally, what to do. */
export interface TicketAction {
	TicketNo?: string;
	WriteOffNo?: string;
	/** WRITE_OFF_ACTION / REFUND_ACTION; defaults to redeem / refund. */
	Action?: string;
	CancelReason?: string;
	Operator?: string;
}

/** Checks a TicketAction; answers the problem as text when there is one. */
export function readTicketAction(body: Record<string, unknown>, actions: readonly string[]): Required<TicketAction> | string {
	const fields = ['TicketNo', 'WriteOffNo', 'Action', 'CancelReason', 'Operator'] as const;
	const values: Record<string, string> = {};
	for (const field of fields) {
		const value = body[field];
		if (value !== undefined && value !== null && typeof value !== 'string') return `${field} must be text`;
		values[field] = value ?? '';
	}
	if (Boolean(values.TicketNo) === Boolean(values.WriteOffNo)) return 'Give exactly one of TicketNo and WriteOffNo';
	if (values.Action && !actions.includes(values.Action)) return `Action must be ${actions.map((a) => `"${a}"`).join(' or ')}`;
	return {
		TicketNo: values.TicketNo,
		WriteOffNo: values.WriteOffNo,
		Action: values.Action || actions[0],
		CancelReason: values.CancelReason,
		Operator: values.Operator,
	};
}

export function controlRoutes(simulator: Simulator): Record<string, Route> {
	/** 200 done, 400 a malformed body, 404 no such ticket, 409 the lifecycle refuses the change. */
	const ticketAction = (kind: 'redeem' | 'refund') => (body: Record<string, unknown>) => {
		const result = kind === 'redeem' ? simulator.redeem(body) : simulator.refund(body);
		if (result.ok) return json(200, result);
		const status = result.RtnCode === undefined ? 400 : result.RtnCode === RTN_CODES.ticketNotFound.code ? 404 : 409;
		return json(status, { error: result.RtnMsg, ...result });
	};

	return {
		'/_simulator/health': {
			GET: () =>
				json(200, {
					status: 'ok',
					merchants: simulator.config.merchants.map((m) => m.merchantId),
					dialect: simulator.config.dialect,
					issueDelayMs: simulator.config.issueDelayMs,
					issueOrder: simulator.config.issueOrder,
					...(simulator.config.issueOrder === 'waves' ? { issueWaveMs: simulator.issuanceJob.waveMs } : {}),
					lenientEncoding: simulator.config.lenientEncoding,
					latencyMs: simulator.config.latencyMs,
					time: new Date(simulator.now()).toISOString(),
					clockOffsetMs: simulator.clockOffsetMs,
				}),
		},
		'/_simulator/requests': { GET: () => json(200, simulator.requests) },
		'/_simulator/stats': { GET: () => json(200, simulator.stats()) },
		'/_simulator/issuance': { GET: () => json(200, issuanceSummary(simulator)) },
		'/_simulator/notifications': {
			GET: () => {
				const list = simulator.notifications.notifications;
				const count = (state: string) => list.filter((n) => n.state === state).length;
				return json(200, {
					intervalMs: simulator.config.notifyIntervalMs,
					retryDelayMs: simulator.config.notifyRetryDelayMs,
					counts: {
						pending: count('pending'),
						delivering: count('delivering'),
						delivered: count('delivered'),
						failed: count('failed'),
					},
					notifications: list,
				});
			},
		},
		'/_simulator/deliveries': { GET: () => json(200, simulator.notifications.deliveries) },
		'/_simulator/notifications/deliver': {
			POST: async () => json(200, { attempts: await simulator.deliverNow() }),
		},
		'/_simulator/notifications/resend': {
			POST: (body) => {
				const result = simulator.resend(body.ids);
				return result.ok ? json(200, { resent: result.ids }) : json(400, { error: result.error });
			},
		},
		'/_simulator/merchants/keys': {
			// The keys are never echoed.
			POST: (body) => {
				const result = simulator.rekey(body);
				if (!result.ok) return json(result.status, { error: result.error });
				return json(200, { merchantId: result.merchantId, time: new Date(simulator.now()).toISOString() });
			},
		},
		'/_simulator/tickets/redeem': { POST: ticketAction('redeem') },
		'/_simulator/tickets/refund': { POST: ticketAction('refund') },
		'/_simulator/clock': {
			POST: (body) => {
				const advanceMs = body.advanceMs;
				if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
					return json(400, { error: 'advanceMs must be a number of milliseconds, 0 or more' });
				}
				simulator.advanceClock(advanceMs);
				return json(200, { time: new Date(simulator.now()).toISOString(), clockOffsetMs: simulator.clockOffsetMs });
			},
		},
		'/_simulator/faults': {
			GET: () => json(200, simulator.faults.report()),
			PUT: (body) => {
				const read = readFaultPlan(body);
				if (!read.ok) return json(400, { error: read.error });
				simulator.faults.setPlan(read.plan);
				return json(200, simulator.faults.report());
			},
			DELETE: () => {
				simulator.faults.clear();
				return json(200, simulator.faults.report());
			},
		},
		'/_simulator/reset': {
			POST: () => {
				simulator.reset();
				return json(200, { status: 'reset', time: new Date(simulator.now()).toISOString() });
			},
		},
	};
}

/** Routes one /_simulator/ call: 404 unknown path, 405 wrong method, 400 a POST/PUT body that is not a JSON object. */
export function handleControl(
	routes: Record<string, Route>,
	method: string,
	path: string,
	rawBody: string,
): SimulatorResponse | Promise<SimulatorResponse> {
	const route = routes[path];
	if (!route) return json(404, { error: `No simulator path ${path}` });
	const run = Object.hasOwn(route, method) ? route[method as Method] : undefined;
	if (!run) {
		const allowed = Object.keys(route).join(', ');
		return { ...json(405, { error: `Use ${allowed} for ${path}` }), allow: allowed };
	}
	let body: Record<string, unknown> = {};
	if ((method === 'POST' || method === 'PUT') && rawBody.trim() !== '') {
		let parsed: unknown;
		try {
			parsed = JSON.parse(rawBody);
		} catch {
			parsed = undefined;
		}
		if (!isObject(parsed)) return json(400, { error: 'The body must be a JSON object' });
		body = parsed;
	}
	return run(body);
}

/**
 * Where the scheduled issuance job stands, across merchants: how many orders it holds in each
 * state and when it completed (or will complete) its first and last order (simulator clock, ISO
 * 8601): what a bench needs to tell how long after the job's end a client stopped waiting.
 */
function issuanceSummary(simulator: Simulator) {
	const orders = simulator.config.merchants.flatMap((m) => simulator.store.orders(m.merchantId));
	const byStatus: Record<string, number> = {};
	for (const order of orders) byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
	const times = orders.map((o) => o.issueAt);
	const iso = (ms: number) => new Date(ms).toISOString();
	return {
		orders: orders.length,
		byStatus,
		...(times.length ? { firstIssueAt: iso(Math.min(...times)), lastIssueAt: iso(Math.max(...times)) } : {}),
	};
}

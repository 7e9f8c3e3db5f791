import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ENDPOINTS } from '../../protocol/rules/endpoints';
import type { Ticket } from '../../simulator/store';
import { CONTINUE, opParams, paperOrder, requests, run, startSim, type Sim } from '../node/fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeReport } = require('../harness/report') as { writeReport: (figures: () => object) => void };

/**
 * 1,000 writes under mixed faults (issue 14): Redeem, Cancel Redemption, Refund and Cancel Refund,
 * 250 each, with answers lost before and after ECPay acted, held connections, server errors and
 * garbled bodies. Every final output must match the simulator's state: no false failure (an
 * error for a write that took effect), no false success, and no write that took effect twice.
 */
const WRITE_OFF = ENDPOINTS.writeOff;
const REFUND = ENDPOINTS.refund;
const STATUS = ENDPOINTS.queryTicketStatus;

type Phase = { operation: string; tickets: Ticket[]; parameters: (t: Ticket) => INodeParameters; effect: (t: Ticket) => boolean };

/** The faults after which ECPay has acted although its answer never arrived whole. */
const PROCESSED_BUT_LOST = ['resetAfter', 'timeout', 'truncated', 'notJson'];

describe('a randomized fault run: 1,000 writes under mixed faults', () => {
	let sim: Sim;
	const outputs = new Map<string, IDataObject[]>();
	/** Per phase, per ticket: whether the simulator shows the phase's effect right after the phase. */
	const effects = new Map<string, boolean[]>();
	let phases: Phase[] = [];

	beforeAll(async () => {
		sim = await startSim();
		const tickets: Ticket[] = [];
		// 5 paper orders of 100 tickets: 250 are redeemed then un-redeemed, 250 refunded then un-refunded.
		for (let i = 0; i < 5; i++) tickets.push(...(await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 60 }, { itemNo: 'VNS21400', ticketAmount: 40 }])).tickets);
		const [redeemed, refunded] = [tickets.slice(0, 250), tickets.slice(250, 500)];
		phases = [
			{ operation: 'redeem', tickets: redeemed, parameters: (t) => ({ writeOffNo: t.WriteOffNo }), effect: (t) => t.WriteOffDate !== '' },
			{ operation: 'cancelRedemption', tickets: redeemed, parameters: (t) => ({ writeOffNo: t.WriteOffNo }), effect: (t) => t.WriteOffDate === '' },
			{ operation: 'refund', tickets: refunded, parameters: (t) => ({ ticketBy: 'writeOffNo', writeOffNo: t.WriteOffNo }), effect: (t) => t.RefundDate !== '' },
			{ operation: 'cancelRefund', tickets: refunded, parameters: (t) => ({ ticketNo: t.TicketNo }), effect: (t) => t.RefundDate === '' },
		];
		sim.simulator.faults.setPlan({
			seed: 20261206,
			rules: [
				...[WRITE_OFF, REFUND].flatMap((endpoint) => [
					{ endpoint, fault: 'latency', latencyMs: 15, probability: 0.2 },
					{ endpoint, fault: 'resetBefore', probability: 0.06 },
					{ endpoint, fault: 'resetAfter', probability: 0.08 },
					{ endpoint, fault: 'timeout', probability: 0.03 },
					{ endpoint, fault: 'http500', probability: 0.04 },
					{ endpoint, fault: 'http503', probability: 0.04 },
					{ endpoint, fault: 'truncated', probability: 0.04 },
					{ endpoint, fault: 'notJson', probability: 0.03 },
				]),
				{ endpoint: STATUS, fault: 'http503', probability: 0.05 },
			],
		});
		for (const phase of phases) {
			const items = phase.tickets.map((t) => phase.parameters(t));
			const parameters = Object.fromEntries(Object.keys(items[0]).map((key) => [key, key === 'ticketBy' ? items[0][key] : `={{ $json.${key} }}`]));
			const result = await run(sim, opParams('ticket', phase.operation, { ...parameters, options: { concurrency: 20, timeout: 1 } }), { items, onError: CONTINUE });
			outputs.set(phase.operation, (result.output ?? []).map((i) => i.json));
			effects.set(phase.operation, phase.tickets.map(phase.effect));
		}
	}, 300_000);
	const writes = () => [...requests(sim, WRITE_OFF), ...requests(sim, REFUND)];
	const allOutputs = () => [...outputs.values()].flat();

	afterAll(async () => {
		// ECTICKET_REPORT=<file>: the run's figures, for a closing note.
		if (phases.length)
			writeReport(() => {
				const faults: Record<string, number> = {};
				for (const r of writes()) if (r.fault && r.fault !== 'latency') faults[r.fault] = (faults[r.fault] ?? 0) + 1;
				const outputsAll = allOutputs();
				return {
					items: outputsAll.length,
					writeCalls: writes().length,
					statusChecks: requests(sim, STATUS).length,
					faults,
					lostAfterEffect: writes().filter((r) => r.rtnCode === 1 && PROCESSED_BUT_LOST.includes(String(r.fault))).length,
					confirmedAfter: outputsAll.filter((o) => o.confirmedAfter !== undefined).length,
					errors: outputsAll.filter((o) => o.error !== undefined).length,
				};
			});
		await sim.close();
	});

	it('sent more than 1,000 write calls, and faults of every planned kind really happened', () => {
		expect(writes().length).toBeGreaterThan(1000);
		const kinds = new Set(writes().map((r) => r.fault).filter((f) => f && f !== 'latency'));
		expect([...kinds].sort()).toEqual(['http500', 'http503', 'notJson', 'resetAfter', 'resetBefore', 'timeout', 'truncated']);
	});

	/**
	 * A cancellation of a ticket whose redemption or refund never took effect has nothing to cancel:
	 * ECPay's refusal ("not redeemed") and a confirmation that the ticket is as asked are both true.
	 */
	const nothingToCancel = (p: number, i: number) => p % 2 === 1 && !(effects.get(phases[p - 1].operation) ?? [])[i];

	it('every output matches the simulator: success exactly where the write took effect — no false failure, no false success', () => {
		phases.forEach((phase, p) => {
			const output = outputs.get(phase.operation) ?? [];
			const effect = effects.get(phase.operation) ?? [];
			expect(output).toHaveLength(phase.tickets.length);
			const mismatches = phase.tickets.flatMap((ticket, i) => {
				const truthful = nothingToCancel(p, i) ? output[i].error === undefined || output[i].kind === 'refused' : (output[i].error === undefined) === effect[i];
				return truthful ? [] : [{ phase: phase.operation, ticket: ticket.TicketNo, took: effect[i], output: output[i] }];
			});
			expect(mismatches).toEqual([]);
		});
		expect(allOutputs().filter((o) => o.error === undefined).length).toBeGreaterThan(0.97 * 1000);
	});

	/**
	 * Cancellations of tickets whose redemption or refund had failed, that still succeeded: the answer
	 * was lost and ECPay's ticket status shows the ticket unredeemed or unrefunded — what the
	 * cancellation asked for — so the item is confirmed although ECPay never accepted that call.
	 */
	const confirmedWithoutEffect = () =>
		[1, 3].flatMap((p) => {
			const [before, after] = [outputs.get(phases[p - 1].operation) ?? [], outputs.get(phases[p].operation) ?? []];
			return after.filter((item, i) => item.error === undefined && before[i].error !== undefined);
		});

	it('no write took effect twice: ECPay accepted each Action on each ticket at most once', () => {
		const accepted = writes().filter((r) => r.rtnCode === 1);
		const counts = new Map<string, number>();
		for (const r of accepted) {
			const key = `${r.path}:${String(r.data?.Action)}:${String(r.data?.WriteOffNo ?? r.data?.TicketNo)}`;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
		expect(accepted).toHaveLength(allOutputs().filter((o) => o.error === undefined).length - confirmedWithoutEffect().length);
		expect(confirmedWithoutEffect().every((o) => o.confirmedAfter !== undefined)).toBe(true);
	});

	it('every write ECPay acted on but whose answer was lost is reported confirmed (confirmedAfter), never re-sent', () => {
		const lost = writes().filter((r) => r.rtnCode === 1 && PROCESSED_BUT_LOST.includes(String(r.fault)));
		expect(lost.length).toBeGreaterThan(50);
		expect(allOutputs().filter((o) => o.confirmedAfter !== undefined)).toHaveLength(lost.length + confirmedWithoutEffect().length);
	});
});

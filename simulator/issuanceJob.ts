import { prng } from './prng';

/**
 * ECPay's scheduled issuance job (PROTOCOL.md §6: electronic, convenience-store and
 * serial-number-only tickets are issued by a job expected within 5 minutes): when it completes
 * each order. Three ways it may behave (issue 12), all finishing an order by acceptance + delayMs:
 *
 * - `fifo`: each order is completed exactly delayMs after its acceptance (submission order).
 * - `random`: each order's completion is uniform in [acceptance, acceptance + delayMs], drawn from
 *   a PRNG seeded by `seed`: orders finish in no particular order, reproducibly.
 * - `waves`: the job runs every waveMs (counted from `origin`) and each run completes every order
 *   accepted before it: orders finish in batches.
 *
 * Paper tickets are issued on acceptance and never reach the job (store.ts).
 */
export const ISSUE_ORDERS = ['fifo', 'random', 'waves'] as const;
export type IssueOrder = (typeof ISSUE_ORDERS)[number];

export const isIssueOrder = (value: unknown): value is IssueOrder => (ISSUE_ORDERS as readonly unknown[]).includes(value);

export interface IssuanceJobSettings {
	/** The longest the job takes for one order (config issueDelayMs). */
	delayMs: number;
	order: IssueOrder;
	/** waves: how often the job runs; default delayMs / 3, never more than delayMs. */
	waveMs?: number;
	/** random: the PRNG seed. */
	seed: number;
	/** waves: the clock time (ms) the wave schedule counts from. */
	origin: number;
}

export class IssuanceJob {
	#random: () => number = () => 0;

	constructor(private readonly settings: IssuanceJobSettings) {
		this.restart();
	}

	/** The time between two waves: waveMs (default delayMs / 3), at most delayMs. */
	get waveMs(): number {
		const { delayMs, waveMs } = this.settings;
		return Math.min(waveMs ?? Math.round(delayMs / 3), delayMs);
	}

	/** When the job completes (issues or fails) an order accepted at `acceptedAt` (ms). */
	completionAt(acceptedAt: number): number {
		const { delayMs, order, origin } = this.settings;
		if (order === 'random') return acceptedAt + Math.floor(this.#random() * (delayMs + 1));
		if (order === 'waves') {
			const wave = this.waveMs;
			if (!(wave > 0)) return acceptedAt;
			// The first run strictly after the acceptance: an order accepted at a run waits for the next.
			const next = origin + (Math.floor((acceptedAt - origin) / wave) + 1) * wave;
			return Math.min(next, acceptedAt + delayMs);
		}
		return acceptedAt + delayMs;
	}

	/** Starts the PRNG again (POST /_simulator/reset): the same orders complete at the same offsets. */
	restart(): void {
		this.#random = prng(this.settings.seed);
	}
}

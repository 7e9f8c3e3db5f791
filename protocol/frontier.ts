/**
 * Waiting for ECPay's scheduled issuance job with the fewest questions (the bound is one
 * QueryIssueResult per order: each order is confirmed by its own answer before it is reported).
 *
 * ECPay's job works through the orders it received; asking about every pending order every round
 * costs up to 32 questions an order over a 5-minute job and invites ECPay's rate limit. Instead
 * the orders are taken in the order they were sent and only the frontier is watched: each round
 * asks the oldest pending order alone; once it is settled, the following orders are asked in
 * chunks of `concurrency` until a chunk holds one still pending, which becomes the next round's
 * frontier. A round in which nothing moved costs one question; when orders finish out of order
 * the chunk that stops the sweep costs at most `concurrency` more.
 *
 * Pure: the caller brings the question, the clock and the sleep.
 */
export type Answer = 'settled' | 'pending' | 'stop';

export interface FrontierWait<T> {
	/** In the order they were sent. */
	orders: readonly T[];
	/** One question about one order: settled (issued or failed), still pending, or stop asking at all (rate limit). */
	ask(order: T): Promise<Answer>;
	concurrency: number;
	pollMs: number;
	/** When to stop waiting for an order (epoch ms); it is then left unsettled. */
	deadlineOf(order: T): number;
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** Waits until every order is settled, past its deadline, or a `stop`; returns whether it stopped. */
export async function waitAlongFrontier<T>(w: FrontierWait<T>): Promise<{ stopped: boolean }> {
	let pending = [...w.orders];
	while (pending.length) {
		const still: T[] = [];
		let next = 0;
		let width = 1;
		while (next < pending.length) {
			const chunk = pending.slice(next, next + width);
			next += chunk.length;
			const answers = await Promise.all(chunk.map((order) => w.ask(order)));
			if (answers.includes('stop')) return { stopped: true };
			chunk.forEach((order, i) => answers[i] === 'pending' && still.push(order));
			if (answers.includes('pending')) break;
			width = Math.max(1, w.concurrency);
		}
		const now = w.now();
		pending = [...still, ...pending.slice(next)].filter((order) => now < w.deadlineOf(order));
		if (pending.length) {
			const firstDeadline = Math.min(...pending.map((order) => w.deadlineOf(order)));
			await w.sleep(Math.max(0, Math.min(w.pollMs, firstDeadline - now)));
		}
	}
	return { stopped: false };
}

import { waitAlongFrontier, type Answer } from '../../protocol/frontier';

/**
 * The frontier wait against a scripted job on a virtual clock: how many questions it asks, and
 * that it ends within one poll interval of the job finishing.
 */
interface Order {
	n: number;
	/** When the job settles it (virtual ms). */
	doneAt: number;
}

function simulate(doneAt: number[], options: { pollMs?: number; concurrency?: number; deadline?: number; stopAt?: number } = {}) {
	let now = 0;
	const asked: number[] = [];
	const orders: Order[] = doneAt.map((t, n) => ({ n, doneAt: t }));
	const settledAt = new Map<number, number>();
	const run = waitAlongFrontier<Order>({
		orders,
		concurrency: options.concurrency ?? 5,
		pollMs: options.pollMs ?? 10_000,
		deadlineOf: () => options.deadline ?? 330_000,
		now: () => now,
		sleep: async (ms) => {
			now += ms;
		},
		ask: async (order): Promise<Answer> => {
			asked.push(order.n);
			if (options.stopAt !== undefined && asked.length >= options.stopAt) return 'stop';
			if (now < order.doneAt) return 'pending';
			settledAt.set(order.n, now);
			return 'settled';
		},
	});
	return run.then(({ stopped }) => ({ stopped, asked, settledAt, end: now }));
}

const N = 1000;
const seeded = (seed: number) => () => {
	seed = (seed * 16807) % 2147483647;
	return seed / 2147483647;
};

describe('waiting along the frontier', () => {
	it('orders issued at once (paper): one question each', async () => {
		const { asked, settledAt } = await simulate(Array(N).fill(0));
		expect(asked).toHaveLength(N);
		expect(settledAt.size).toBe(N);
	});

	it.each([30_000, 60_000, 180_000, 300_000])('a job of %i ms, in the order received: at most 1.2 questions an order, done within a poll interval', async (job) => {
		// 1,000 orders received over 20 s, each settled `job` after it was received.
		const doneAt = Array.from({ length: N }, (_, i) => job + (i * 20_000) / N);
		const { asked, settledAt, end } = await simulate(doneAt);
		expect(settledAt.size).toBe(N);
		expect(asked.length / N).toBeLessThanOrEqual(1.2);
		expect(end - Math.max(...doneAt)).toBeLessThanOrEqual(10_000);
	});

	it('a job that settles orders in random order: at most 2 questions an order, done within a poll interval', async () => {
		const random = seeded(7);
		const doneAt = Array.from({ length: N }, (_, i) => (i * 20_000) / N + random() * 300_000);
		const { asked, settledAt, end } = await simulate(doneAt);
		expect(settledAt.size).toBe(N);
		expect(asked.length / N).toBeLessThanOrEqual(2);
		expect(end - Math.max(...doneAt)).toBeLessThanOrEqual(10_000);
	});

	it('a job that runs in waves: every order confirmed by its own question, once settled', async () => {
		const doneAt = Array.from({ length: N }, (_, i) => 100_000 * Math.ceil(((i * 20_000) / N + 1) / 100_000) + 100_000);
		const { asked, settledAt } = await simulate(doneAt);
		expect(new Set(asked).size).toBe(N);
		expect([...settledAt].every(([n, t]) => t >= doneAt[n])).toBe(true);
		expect(asked.length / N).toBeLessThanOrEqual(1.2);
	});

	it('stops every question at once on a stop answer (rate limit)', async () => {
		const { stopped, asked } = await simulate(Array(N).fill(60_000), { stopAt: 3 });
		expect(stopped).toBe(true);
		expect(asked).toHaveLength(3);
	});

	it('gives up on the orders still pending at their deadline, asking nothing after it', async () => {
		const { settledAt, end, asked } = await simulate(Array(10).fill(1_000_000), { deadline: 60_000 });
		expect(settledAt.size).toBe(0);
		expect(end).toBe(60_000);
		expect(asked.length).toBeLessThanOrEqual(7);
	});
});

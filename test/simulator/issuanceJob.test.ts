import type { BusinessData } from '../../protocol/envelope';
import type { SimulatorConfig } from '../../simulator/config';
import { IssuanceJob, ISSUE_ORDERS, type IssueOrder } from '../../simulator/issuanceJob';
import { createSimulator } from '../../simulator/simulator';
import { MERCHANT_ID, orders, simulatorPerTest, START, type TestSimulator } from './client';
import { startCli } from '../../simulator/cliProcess';

/**
 * The scheduled issuance job's modes (issue 12, simulator/issuanceJob.ts): fifo, random and waves.
 * Whatever the mode, an order is completed by acceptance + issueDelayMs, and paper tickets are
 * issued at once. The test clock only moves when a test moves it.
 */

const DELAY = 60_000;
let sim: TestSimulator;
const startSim = simulatorPerTest({ issueDelayMs: DELAY });
const start = async (overrides: Partial<SimulatorConfig>) => {
	sim = await startSim(overrides);
};

/** Issues an electronic-ticket order (completed by the job) now, and answers its number. */
async function accept(data: BusinessData = orders.electronic()): Promise<string> {
	expect(await sim.issue(data)).toMatchObject({ RtnCode: 1 });
	return String(data.MerchantTradeNo);
}

const status = async (no: string) => (await sim.queryIssueResult({ MerchantTradeNo: no })).Status;

/** The orders' Status codes at `at` ms after START (the clock is moved there first). */
async function statusesAt(at: number, nos: string[]): Promise<unknown[]> {
	sim.clock.ms = START + at;
	return Promise.all(nos.map(status));
}

/** Steps the clock from START to START + DELAY, and answers when each order was first issued (ms after START). */
async function completionTimes(nos: string[], stepMs: number): Promise<number[]> {
	const done = new Map<string, number>();
	for (let at = 0; at <= DELAY; at += stepMs) {
		const now = await statusesAt(at, nos);
		nos.forEach((no, i) => {
			if (now[i] === 1 && !done.has(no)) done.set(no, at);
		});
	}
	return nos.map((no) => done.get(no) ?? Infinity);
}

const offsets = () =>
	[...sim.simulator.store.ordersByNumber(MERCHANT_ID).values()].map((order) => order.issueAt - order.acceptedAt);

describe('fifo (the default)', () => {
	it('completes each order exactly issueDelay after its acceptance, in submission order', async () => {
		await start({});
		expect(sim.simulator.config.issueOrder).toBe('fifo');
		const first = await accept();
		sim.advance(4_000);
		const second = await accept();
		expect(await statusesAt(DELAY - 1, [first, second])).toEqual([3, 3]);
		expect(await statusesAt(DELAY, [first, second])).toEqual([1, 3]);
		expect(await statusesAt(DELAY + 3_999, [first, second])).toEqual([1, 3]);
		expect(await statusesAt(DELAY + 4_000, [first, second])).toEqual([1, 1]);
	});
});

describe('random', () => {
	it('completes each order at a time uniform within [acceptance, acceptance + issueDelay], not in submission order', async () => {
		await start({ issueOrder: 'random', seed: 7 });
		const nos: string[] = [];
		for (let i = 0; i < 30; i++) nos.push(await accept());
		const times = await completionTimes(nos, 1_000);
		expect(Math.max(...times)).toBeLessThanOrEqual(DELAY);
		expect(Math.min(...times)).toBeLessThan(DELAY / 2);
		expect(new Set(times).size).toBeGreaterThan(10);
		expect(times).not.toEqual([...times].sort((a, b) => a - b));
		expect(offsets().every((ms) => ms >= 0 && ms <= DELAY)).toBe(true);
	});

	it('is reproducible: the same seed gives the same times, another seed others; reset starts the draws again', async () => {
		const draws = (seed: number) => {
			const simulator = createSimulator({ issueOrder: 'random', issueDelayMs: DELAY, seed, now: () => START });
			const job = simulator.issuanceJob;
			return Array.from({ length: 20 }, () => job.completionAt(START) - START);
		};
		expect(draws(3)).toEqual(draws(3));
		expect(draws(3)).not.toEqual(draws(4));

		await start({ issueOrder: 'random', seed: 3 });
		for (let i = 0; i < 5; i++) await accept();
		const before = offsets();
		expect(before).toEqual(draws(3).slice(0, 5));
		await sim.control('POST', 'reset');
		for (let i = 0; i < 5; i++) await accept();
		expect(offsets()).toEqual(before);
	});

	it('draws uniformly: 20,000 completions spread over the whole delay, none outside it', () => {
		const job = new IssuanceJob({ delayMs: DELAY, order: 'random', seed: 1, origin: 0 });
		const offsets = Array.from({ length: 20_000 }, () => job.completionAt(1_000) - 1_000);
		expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...offsets)).toBeLessThanOrEqual(DELAY);
		const mean = offsets.reduce((a, b) => a + b, 0) / offsets.length;
		expect(Math.abs(mean - DELAY / 2)).toBeLessThan(DELAY * 0.02);
		const tenths = Array.from({ length: 10 }, (_, i) => offsets.filter((o) => Math.floor((o / (DELAY + 1)) * 10) === i).length);
		expect(tenths.every((n) => n > 1_800 && n < 2_200)).toBe(true);
	});
});

describe('waves', () => {
	it('runs the job every issueDelay/3 by default; each run completes every order accepted before it, in a batch', async () => {
		await start({ issueOrder: 'waves' });
		expect((await sim.control('GET', 'health')).body).toMatchObject({ issueOrder: 'waves', issueWaveMs: 20_000 });
		const accepted: Array<[number, string]> = [];
		for (const at of [1_000, 5_000, 19_000, 20_000, 21_000, 39_999]) {
			sim.clock.ms = START + at;
			accepted.push([at, await accept()]);
		}
		const nos = accepted.map(([, no]) => no);
		expect(await statusesAt(19_999, nos)).toEqual([3, 3, 3, 3, 3, 3]);
		// The run at 20 s takes what came before it; an order accepted at the run itself waits for the next.
		expect(await statusesAt(20_000, nos)).toEqual([1, 1, 1, 3, 3, 3]);
		expect(await statusesAt(39_999, nos)).toEqual([1, 1, 1, 3, 3, 3]);
		expect(await statusesAt(40_000, nos)).toEqual([1, 1, 1, 1, 1, 1]);
		for (const [at, no] of accepted) {
			const order = sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' });
			expect(order?.issueAt).toBe(START + (at < 20_000 ? 20_000 : 40_000));
		}
	});

	it('takes issueWaveMs; a wave longer than issueDelay is cut to it; no order completes after acceptance + issueDelay', () => {
		const job = (waveMs: number) => new IssuanceJob({ delayMs: DELAY, order: 'waves', waveMs, seed: 1, origin: START });
		expect(job(7_000).waveMs).toBe(7_000);
		expect(job(7_000).completionAt(START + 7_001)).toBe(START + 14_000);
		expect(job(90_000).waveMs).toBe(DELAY);
		for (const waveMs of [1, 7_000, 20_000, DELAY, 90_000]) {
			for (let at = START - 5_000; at < START + 200_000; at += 1_237) {
				const done = job(waveMs).completionAt(at);
				expect(done).toBeGreaterThan(at);
				expect(done).toBeLessThanOrEqual(at + DELAY);
			}
		}
		// No job delay at all: issued on acceptance.
		expect(new IssuanceJob({ delayMs: 0, order: 'waves', seed: 1, origin: START }).completionAt(START + 5)).toBe(START + 5);
	});
});

describe('every mode', () => {
	it.each(ISSUE_ORDERS)('%s: paper tickets are issued at once; the rest by acceptance + issueDelay', async (issueOrder: IssueOrder) => {
		await start({ issueOrder });
		const paper = await accept(orders.paper());
		const store = await accept(orders.convenienceStore());
		const serial = await accept(orders.serialNumber());
		const gift = orders.gift();
		expect(await sim.issue(gift)).toMatchObject({ RtnCode: 1 });
		expect(await status(paper)).toBe(1);
		const giftStatus = async () => (await sim.queryIssueResult({ FreeTradeNo: gift.FreeTradeNo })).Status;
		sim.advance(DELAY);
		expect([await status(store), await status(serial), await giftStatus()]).toEqual([1, 1, 1]);
	});

	it('an unknown mode is refused', () => {
		expect(() => createSimulator({ issueOrder: 'lifo' as IssueOrder })).toThrow(/issueOrder must be one of fifo, random, waves/);
	});
});

describe('the CLI', () => {
	it('takes --issue-order, --issue-wave and --seed (or their variables), and refuses an unknown mode', async () => {
		const cli = await startCli(['--port', '0', '--notify-interval', '0', '--issue-delay', '6', '--issue-order', 'waves', '--issue-wave', '2', '--seed', '5']);
		try {
			expect(cli.output()).toMatch(/issuance job 6 s, waves every 2 s/);
			expect(await (await fetch(`${cli.url}/_simulator/health`)).json()).toMatchObject({ issueDelayMs: 6000, issueOrder: 'waves', issueWaveMs: 2000 });
		} finally {
			await cli.stop();
		}
		const fromEnv = await startCli(['--port', '0', '--notify-interval', '0'], { ECTICKET_SIM_ISSUE_ORDER: 'random', ECTICKET_SIM_SEED: '9' });
		try {
			expect(await (await fetch(`${fromEnv.url}/_simulator/health`)).json()).toMatchObject({ issueOrder: 'random' });
		} finally {
			await fromEnv.stop();
		}
		await expect(startCli(['--port', '0', '--issue-order', 'lifo'])).rejects.toThrow(/--issue-order must be one of fifo, random, waves/);
		await expect(startCli(['--port', '0', '--issue-wave', '0'])).rejects.toThrow(/--issue-wave must be more than 0 seconds/);
	});
});

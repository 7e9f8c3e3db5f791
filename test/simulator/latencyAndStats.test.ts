import { ENDPOINTS } from '../../protocol/rules/endpoints';
import type { SimulatorConfig } from '../../simulator/config';
import type { RequestStats } from '../../simulator/requestLog';
import { orders, simulatorPerTest, tradeNo, type TestSimulator } from './client';
import { startCli } from '../../simulator/cliProcess';

/**
 * What a bench needs (issue 12): a latency added to every API call, and counters that never drop
 * a call (GET /_simulator/stats) beside a request log of configurable length.
 */

let sim: TestSimulator;
const startSim = simulatorPerTest();
const start = async (overrides: Partial<SimulatorConfig>) => {
	sim = await startSim(overrides);
};

/** How long a call takes, in wall-clock ms. */
async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const started = Date.now();
	const value = await call();
	return { ms: Date.now() - started, value };
}

const stats = async () => (await sim.control('GET', 'stats')).body as unknown as RequestStats;

describe('latencyMs', () => {
	it('delays every API answer, refusals and 405s included, but not the control paths; the request log shows it', async () => {
		await start({ latencyMs: 250 });
		expect((await sim.control('GET', 'health')).body).toMatchObject({ latencyMs: 250 });
		expect((await timed(() => sim.escrowDay())).ms).toBeGreaterThanOrEqual(240);
		expect((await timed(() => sim.queryIssueResult({ MerchantTradeNo: 'NOSUCHORDER' }))).ms).toBeGreaterThanOrEqual(240);
		expect((await timed(() => fetch(sim.url + ENDPOINTS.issue))).ms).toBeGreaterThanOrEqual(240);
		expect((await timed(() => sim.control('GET', 'health'))).ms).toBeLessThan(200);
		expect(sim.simulator.requests.map((r) => [r.path, r.latencyMs, r.fault])).toEqual([
			[ENDPOINTS.escrowDay, 250, undefined],
			[ENDPOINTS.queryIssueResult, 250, undefined],
			[ENDPOINTS.issue, 250, undefined],
		]);
		// The work is done on arrival; only the answer waits.
		expect(sim.simulator.requests[1].rtnCode).toBe(3007);
	});

	it('adds to the fault plan’s latency, and delays a fault’s answer too', async () => {
		await start({
			latencyMs: 100,
			faults: {
				rules: [
					{ endpoint: ENDPOINTS.escrowDay, fault: 'latency', latencyMs: 150 },
					{ endpoint: ENDPOINTS.queryItemInfo, fault: 'http403' },
				],
			},
		});
		expect((await timed(() => sim.escrowDay())).ms).toBeGreaterThanOrEqual(240);
		const forbidden = await timed(() => sim.post(ENDPOINTS.queryItemInfo, '{}'));
		expect(forbidden.value.status).toBe(403);
		expect(forbidden.ms).toBeGreaterThanOrEqual(90);
		expect(sim.simulator.requests.map((r) => [r.latencyMs, r.fault])).toEqual([
			[250, 'latency'],
			[100, 'http403'],
		]);
		// Not a fault: the plan's counters know nothing of the config's latency.
		expect(sim.simulator.faults.report().counts).toMatchObject({ latency: 1, http403: 1 });
	});
});

describe('GET /_simulator/stats', () => {
	it('counts calls per endpoint, HTTP status, TransCode, RtnCode and order number; reset starts again', async () => {
		await start({});
		const no = tradeNo();
		await sim.issue(orders.electronic(no));
		for (let i = 0; i < 3; i++) await sim.queryIssueResult({ MerchantTradeNo: no });
		await sim.queryIssueResult({ MerchantTradeNo: 'NOSUCHORDER' });
		await sim.queryIssueResult({ FreeTradeNo: 'GIFT1' });
		await sim.post(ENDPOINTS.escrowDay, 'not json');
		await sim.post('/api/Ticket/Nope', '{}');
		await sim.post('/api/Period/QueryOrderInfo', '{}');

		const counted = await stats();
		expect(counted).toEqual({
			since: new Date(sim.clock.ms).toISOString(),
			total: 9,
			logged: 9,
			logLimit: 5000,
			byEndpoint: {
				[ENDPOINTS.issue]: { calls: 1, byHttpStatus: { 200: 1 }, byTransCode: { 1: 1 }, byRtnCode: { 1: 1 }, byOrder: { [`MerchantTradeNo:${no}`]: 1 } },
				[ENDPOINTS.queryIssueResult]: {
					calls: 5,
					byHttpStatus: { 200: 5 },
					byTransCode: { 1: 5 },
					byRtnCode: { 1: 3, 3007: 2 },
					byOrder: { [`MerchantTradeNo:${no}`]: 3, 'MerchantTradeNo:NOSUCHORDER': 1, 'FreeTradeNo:GIFT1': 1 },
				},
				[ENDPOINTS.escrowDay]: { calls: 1, byHttpStatus: { 200: 1 }, byTransCode: { 9001: 1 }, byRtnCode: {}, byOrder: {} },
				'(other)': { calls: 1, byHttpStatus: { 404: 1 }, byTransCode: {}, byRtnCode: {}, byOrder: {} },
				'/api/Period/QueryOrderInfo': { calls: 1, byHttpStatus: { 501: 1 }, byTransCode: {}, byRtnCode: {}, byOrder: {} },
			},
		});
		expect(counted).toEqual(sim.simulator.stats());

		sim.advance(1_000);
		await sim.control('POST', 'reset');
		expect(await stats()).toEqual({ since: new Date(sim.clock.ms).toISOString(), total: 0, logged: 0, logLimit: 5000, byEndpoint: {} });
	});

	it('keeps counting what the request log (requestLogLimit) drops', async () => {
		await start({ requestLogLimit: 10 });
		const no = tradeNo();
		await sim.issue(orders.electronic(no));
		for (let i = 0; i < 30; i++) await sim.queryIssueResult({ MerchantTradeNo: no });
		expect(sim.simulator.requests).toHaveLength(10);
		const counted = await stats();
		expect(counted).toMatchObject({ total: 31, logged: 10, logLimit: 10 });
		expect(counted.byEndpoint[ENDPOINTS.queryIssueResult].byOrder).toEqual({ [`MerchantTradeNo:${no}`]: 30 });
	});
});

describe('the CLI', () => {
	it('takes --latency <ms> and --request-log-limit <n> (or their variables)', async () => {
		const cli = await startCli(['--port', '0', '--notify-interval', '0', '--latency', '40', '--request-log-limit', '3']);
		try {
			expect(cli.output()).toMatch(/latency 40 ms/);
			expect(await (await fetch(`${cli.url}/_simulator/health`)).json()).toMatchObject({ latencyMs: 40 });
			expect(await (await fetch(`${cli.url}/_simulator/stats`)).json()).toMatchObject({ logLimit: 3, total: 0 });
		} finally {
			await cli.stop();
		}
		const fromEnv = await startCli(['--port', '0', '--notify-interval', '0'], { ECTICKET_SIM_LATENCY: '15', ECTICKET_SIM_REQUEST_LOG_LIMIT: '7' });
		try {
			expect(await (await fetch(`${fromEnv.url}/_simulator/health`)).json()).toMatchObject({ latencyMs: 15 });
			expect(await (await fetch(`${fromEnv.url}/_simulator/stats`)).json()).toMatchObject({ logLimit: 7 });
		} finally {
			await fromEnv.stop();
		}
		await expect(startCli(['--port', '0', '--latency', '-1'])).rejects.toThrow(/--latency must be a whole number/);
	});
});

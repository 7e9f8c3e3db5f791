import { sealRequest } from '../../protocol/envelope';
import { ENDPOINTS } from '../../protocol/rules/endpoints';
import { codec, MERCHANT_ID, orders, startTestSimulator, type TestSimulator } from './client';

let sim: TestSimulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(() => sim.close());

const envelope = () => JSON.stringify(sealRequest(codec, { merchantId: MERCHANT_ID }, orders.paper(), Math.floor(sim.clock.ms / 1000)));

describe('HTTP shell', () => {
	it('listens on 127.0.0.1 and a random port', () => {
		expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
		expect(sim.port).toBeGreaterThan(0);
	});

	it('answers 405 with Allow: POST for another method on an endpoint', async () => {
		const response = await fetch(sim.url + ENDPOINTS.issue);
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('POST');
		expect(sim.simulator.requests.at(-1)).toMatchObject({ method: 'GET', path: ENDPOINTS.issue, httpStatus: 405 });
	});

	it('answers 404 for a path that is no ECTicket endpoint', async () => {
		const response = await sim.post('/api/Ticket/Nope', envelope());
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ error: expect.stringContaining('/api/Ticket/Nope') });
	});

	it('answers 501 for an ECPay path it knows of but does not simulate', async () => {
		expect((await sim.post('/api/Period/QueryOrderInfo', envelope())).status).toBe(501);
	});

	it.each(Object.entries(ENDPOINTS))('routes %s (%s) to a handler', async (_name, path) => {
		const response = await sim.post(path, envelope());
		expect(response.status).toBe(200);
		expect(((await response.json()) as { TransCode: number }).TransCode).toBe(1);
	});

	it('answers 415 unless the body is sent as application/json', async () => {
		expect((await sim.post(ENDPOINTS.issue, envelope(), 'text/plain')).status).toBe(415);
		expect((await sim.post(ENDPOINTS.issue, envelope(), 'application/x-www-form-urlencoded')).status).toBe(415);
		expect(sim.simulator.requests.at(-1)?.httpStatus).toBe(415);
	});

	it('accepts application/json with a charset, a query string and any path case', async () => {
		const response = await sim.post('/API/ticket/issue?x=1', envelope(), 'application/json; charset=utf-8');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(((await response.json()) as { TransCode: number }).TransCode).toBe(1);
	});

	it('answers 413 for a body over 1 MiB', async () => {
		const response = await sim.post(ENDPOINTS.issue, 'x'.repeat(1024 * 1024 + 1));
		expect(response.status).toBe(413);
		expect(sim.simulator.requests.at(-1)).toMatchObject({ path: ENDPOINTS.issue, httpStatus: 413 });
	});

	it('takes a body of exactly 1 MiB', async () => {
		const response = await sim.post(ENDPOINTS.issue, ' '.repeat(1024 * 1024));
		expect(response.status).toBe(200);
	});

	it('reports its health', async () => {
		const response = await fetch(`${sim.url}/_simulator/health`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			status: 'ok',
			merchants: [MERCHANT_ID],
			dialect: 'standard',
			issueDelayMs: 3000,
			issueOrder: 'fifo',
			lenientEncoding: false,
			latencyMs: 0,
			time: new Date(sim.clock.ms).toISOString(),
			clockOffsetMs: 0,
		});
	});

	it('serves the request log, which lists what was received', async () => {
		const data = orders.paper();
		await sim.issue(data);
		const log = (await (await fetch(`${sim.url}/_simulator/requests`)).json()) as Array<Record<string, unknown>>;
		expect(log).toEqual(sim.simulator.requests);
		expect(log.at(-1)).toMatchObject({ path: ENDPOINTS.issue, transCode: 1, rtnCode: 1, data });
	});

	it('answers 404 and 405 on its own paths', async () => {
		expect((await fetch(`${sim.url}/_simulator/nope`)).status).toBe(404);
		const post = await fetch(`${sim.url}/_simulator/health`, { method: 'POST' });
		expect(post.status).toBe(405);
		expect(post.headers.get('allow')).toBe('GET');
	});
});

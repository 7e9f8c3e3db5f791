// @ts-check
'use strict';
/**
 * Measuring from the suite's side, without touching the simulator: a load balancer between the
 * simulator (as ECPay) and the webhook processors that timestamps every notification and its
 * acknowledgement, and a CPU profile of a running n8n process through its V8 inspector.
 */
const http = require('node:http');

/**
 * @typedef {{ round: number, path: string, target: number, t0: number, t1?: number, status?: number, gaveUp?: number, error?: string }} AckRecord
 * path: the URL path called; target: the port the call was passed to;
 * t0: the notification arrived at the proxy; t1: the webhook processor's answer was complete;
 * gaveUp: the simulator closed the connection before the answer (its timeout), which the proxy
 * passes on by closing its own connection to n8n, as a dropped connection would.
 */

/**
 * A load balancer in front of `targetPorts`, as a deployment puts one in front of its webhook
 * processors. With `maxPerTarget` (like HAProxy's `maxconn` on a server), each processor gets at
 * most that many calls at once, the rest wait in one queue, first come first served, and go to
 * the first processor with a free slot; a call whose client gave up while queued is dropped
 * unsent (HAProxy's `abortonclose`). Without it (0), every call is passed on at once, in turn.
 * @param {number} listenPort @param {number[]} targetPorts @param {{ maxPerTarget?: number }} [options]
 * @returns {Promise<{ records: AckRecord[], round: number, close: () => Promise<void> }>}
 */
function startAckProxy(listenPort, targetPorts, options = {}) {
	const max = options.maxPerTarget || Infinity;
	const state = { records: /** @type {AckRecord[]} */ ([]), round: 0, close: async () => {} };
	const active = new Map(targetPorts.map((p) => [p, 0]));
	/** @type {Array<{ record: AckRecord, send: (port: number) => void }>} */
	const queue = [];
	let turn = 0;
	const freeTarget = () => {
		for (let i = 0; i < targetPorts.length; i++) {
			const port = targetPorts[(turn + i) % targetPorts.length];
			if ((active.get(port) ?? 0) < max) {
				turn = (turn + i + 1) % targetPorts.length;
				return port;
			}
		}
		return undefined;
	};
	const dispatch = () => {
		for (let port = freeTarget(); port !== undefined && queue.length; port = queue.length ? freeTarget() : undefined) {
			const next = /** @type {{ record: AckRecord, send: (port: number) => void }} */ (queue.shift());
			if (next.record.gaveUp === undefined) next.send(port);
		}
	};
	const server = http.createServer((req, res) => {
		/** @type {AckRecord} */
		const record = { round: state.round, path: req.url ?? '', target: 0, t0: performance.now() };
		state.records.push(record);
		/** @type {http.ClientRequest | undefined} */
		let upstream;
		res.on('close', () => {
			if (!res.writableFinished && record.t1 === undefined) {
				record.gaveUp = performance.now();
				upstream?.destroy();
			}
		});
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const send = (/** @type {number} */ targetPort) => {
				record.target = targetPort;
				active.set(targetPort, (active.get(targetPort) ?? 0) + 1);
				let released = false;
				const release = () => {
					if (released) return;
					released = true;
					active.set(targetPort, (active.get(targetPort) ?? 1) - 1);
					dispatch();
				};
				upstream = http.request(
					{
						host: '127.0.0.1',
						port: targetPort,
						method: req.method,
						path: req.url,
						agent: false, // one connection per notification, like the simulator's own
						headers: { ...req.headers, host: `127.0.0.1:${targetPort}`, 'content-length': body.length },
					},
					(answer) => {
						/** @type {Buffer[]} */
						const out = [];
						answer.on('data', (c) => out.push(c));
						answer.on('end', () => {
							record.t1 = performance.now();
							record.status = answer.statusCode;
							release();
							if (res.destroyed) return;
							const text = Buffer.concat(out);
							res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'text/plain', 'content-length': text.length });
							res.end(text);
						});
					},
				);
				upstream.on('close', release);
				upstream.on('error', (error) => {
					record.error = error.message;
					release();
					if (!res.headersSent && !res.destroyed) {
						res.writeHead(502, { 'content-type': 'text/plain' });
						res.end('proxy: webhook processor unreachable');
					}
				});
				upstream.end(body);
			};
			if (record.gaveUp !== undefined) return;
			queue.push({ record, send });
			dispatch();
		});
	});
	server.maxConnections = 10_000;
	server.headersTimeout = 60_000;
	server.requestTimeout = 0;
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(listenPort, '127.0.0.1', () => {
			state.close = () =>
				new Promise((done) => {
					server.closeAllConnections();
					server.close(() => done(undefined));
				});
			resolve(state);
		});
	});
}

/**
 * Sampling CPU profiler of another Node process, through its inspector (`node --inspect=…`):
 * start and stop around the part to measure, get the same .cpuprofile `--cpu-prof` writes.
 * @param {number} port
 */
async function connectProfiler(port) {
	const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
	const socket = new WebSocket(target.webSocketDebuggerUrl);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', reject, { once: true });
	});
	let seq = 0;
	/** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
	const pending = new Map();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(String(event.data));
		const waiter = message.id !== undefined ? pending.get(message.id) : undefined;
		if (!waiter) return;
		pending.delete(message.id);
		if (message.error) waiter.reject(new Error(message.error.message));
		else waiter.resolve(message.result);
	});
	/** @param {string} method @param {object} [params] @returns {Promise<any>} */
	const send = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = ++seq;
			pending.set(id, { resolve, reject });
			socket.send(JSON.stringify({ id, method, params }));
		});
	await send('Profiler.enable');
	await send('Profiler.setSamplingInterval', { interval: 4000 });
	return {
		start: () => send('Profiler.start'),
		/** @returns {Promise<object>} the profile */
		stop: async () => (await send('Profiler.stop')).profile,
		close: () => socket.close(),
	};
}

/** @param {number[]} values @param {number} q 0…1; Infinity counts as the slowest */
function percentile(values, q) {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** @param {number} ms */
const seconds = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'timed out');

module.exports = { startAckProxy, connectProfiler, percentile, seconds };

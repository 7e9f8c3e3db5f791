// @ts-check
'use strict';
/**
 * The simulator's HTTP shell: everything with I/O lives here and in cli.js, the logic in the
 * TypeScript next to it (loaded through ts-jest or ts-node). Faults are decided in faults.ts;
 * this file only carries out what an answer asks for: a delay, a reset, or no answer at all.
 */
const http = require('node:http');
const { createSimulator } = require('./simulator');
const { createNotifier, startDeliverySchedule } = require('./notifier');

const BODY_LIMIT = 1024 * 1024;

/**
 * @typedef {import('./config').SimulatorConfig} SimulatorConfig
 * @typedef {import('./simulator').Simulator} Simulator
 * @typedef {import('./simulator').TicketAction} TicketAction
 * @typedef {import('./simulator').TicketActionResult} TicketActionResult
 * @typedef {import('./notifications').DeliveryAttempt} DeliveryAttempt
 * @typedef {Partial<SimulatorConfig> & { port?: number; host?: string }} StartOptions
 * @typedef {{
 *   url: string;
 *   port: number;
 *   close: () => Promise<void>;
 *   simulator: Simulator;
 *   deliverNow: () => Promise<DeliveryAttempt[]>;
 *   redeem: (action: TicketAction) => TicketActionResult;
 *   refund: (action: TicketAction) => TicketActionResult;
 *   advanceClock: (ms: number) => void;
 *   reset: () => void;
 * }} RunningSimulator
 */

/**
 * @param {StartOptions} [options]
 * @returns {Promise<RunningSimulator>}
 */
function startSimulator(options = {}) {
	const { port = 0, host = '127.0.0.1', ...config } = options;
	const notifier = createNotifier();
	const simulator = createSimulator({ ...config, transport: config.transport ?? notifier.transport });
	/** Fault delays waiting to run, cleared by close(). @type {Set<NodeJS.Timeout>} */
	const delays = new Set();

	const server = http.createServer((req, res) => {
		const method = req.method ?? 'GET';
		const path = req.url ?? '/';
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			// Past the limit the rest is drained unread so the client still gets the 413.
			if (size <= BODY_LIMIT) chunks.push(chunk);
		});
		req.on('end', () => {
			if (size > BODY_LIMIT) {
				simulator.logHttpRefusal(method, path, 413);
				send(res, 413, 'application/json; charset=utf-8', JSON.stringify({ error: 'The body is larger than 1 MiB' }));
				return;
			}
			const body = Buffer.concat(chunks).toString('utf8');
			new Promise((answered) => answered(simulator.handle(method, path, req.headers['content-type'], body))).then(
				(/** @type {import('./simulator').SimulatorResponse} */ answer) => {
					if (!answer.delayMs) return respond(req, res, answer);
					const timer = setTimeout(() => {
						delays.delete(timer);
						respond(req, res, answer);
					}, answer.delayMs);
					timer.unref();
					delays.add(timer);
				},
				(error) => {
					const message = error instanceof Error ? error.message : String(error);
					send(res, 500, 'application/json; charset=utf-8', JSON.stringify({ error: `Simulator error: ${message}` }));
				},
			);
		});
		req.on('error', () => res.destroy());
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			const schedule = startDeliverySchedule(simulator, simulator.config.notifyIntervalMs);
			const address = server.address();
			const actualPort = typeof address === 'object' && address ? address.port : port;
			const urlHost = host.includes(':') ? `[${host}]` : host;
			resolve({
				url: `http://${urlHost}:${actualPort}`,
				port: actualPort,
				simulator,
				deliverNow: () => simulator.deliverNow(),
				redeem: (action) => simulator.redeem(action),
				refund: (action) => simulator.refund(action),
				advanceClock: (ms) => simulator.advanceClock(ms),
				reset: () => simulator.reset(),
				close: () =>
					new Promise((done, fail) => {
						schedule.stop();
						notifier.abortAll();
						delays.forEach((timer) => clearTimeout(timer));
						delays.clear();
						server.close((error) => (error ? fail(error) : done()));
						server.closeAllConnections();
					}),
			});
		});
	});
}

/**
 * Answers, or carries out the fault the answer asks for. A client that gave up meanwhile gets nothing.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {import('./simulator').SimulatorResponse} answer
 */
function respond(req, res, answer) {
	const socket = req.socket;
	if (socket.destroyed) return;
	// resetBefore / resetAfter: a TCP RST, so the client sees ECONNRESET rather than a clean close.
	if (answer.connection === 'reset') socket.resetAndDestroy();
	// timeout: keep the connection open and never answer; close() ends it (closeAllConnections).
	else if (answer.connection === 'hold') return;
	else send(res, answer.status, answer.contentType, answer.body, answer.allow);
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} contentType
 * @param {string} body
 * @param {string} [allow]
 */
function send(res, status, contentType, body, allow) {
	const headers = { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) };
	res.writeHead(status, allow ? { ...headers, Allow: allow } : headers);
	res.end(body);
}

module.exports = { startSimulator };

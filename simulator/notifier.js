// @ts-check
'use strict';
/**
 * The I/O of notification delivery (PROTOCOL.md §7): the HTTP POST of one notification and the
 * batch schedule. What is sent, when it is due and whether the answer acknowledges it is decided
 * in notifications.ts; this file only moves bytes and keeps timers.
 */
const http = require('node:http');
const https = require('node:https');

/** Answers longer than this are cut: an acknowledgement is a few hundred bytes. */
const ANSWER_LIMIT = 64 * 1024;

/**
 * @typedef {import('./notifications').OutgoingRequest} OutgoingRequest
 * @typedef {import('./notifications').TransportResult} TransportResult
 * @typedef {import('./simulator').Simulator} Simulator
 */

/**
 * POSTs one notification; never rejects. A fresh connection each time (no keep-alive), so that
 * receivers can close at once.
 * @param {OutgoingRequest} request
 * @param {Set<http.ClientRequest>} [active] requests in flight, so that they can be aborted
 * @returns {Promise<TransportResult>}
 */
function postNotification({ url, body, headers, timeoutMs }, active) {
	return new Promise((resolve) => {
		let target;
		try {
			target = new URL(url);
		} catch {
			resolve({ error: `not a URL: ${url}` });
			return;
		}
		const client = target.protocol === 'https:' ? https : http;
		/** @type {number | undefined} */
		let status;
		let settled = false;
		/** @param {TransportResult} result */
		const settle = (result) => {
			if (settled) return;
			settled = true;
			clearTimeout(deadline);
			active?.delete(req);
			resolve(result);
		};
		const req = client.request(
			target,
			{ method: 'POST', agent: false, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } },
			(res) => {
				status = res.statusCode;
				/** @type {Buffer[]} */
				const chunks = [];
				let size = 0;
				res.on('data', (/** @type {Buffer} */ chunk) => {
					if (size < ANSWER_LIMIT) chunks.push(chunk);
					size += chunk.length;
				});
				res.on('end', () =>
					settle({ status, body: Buffer.concat(chunks).toString('utf8').slice(0, ANSWER_LIMIT) }),
				);
				res.on('error', (error) => settle({ status, error: describe(error, url, timeoutMs) }));
			},
		);
		const deadline = setTimeout(() => {
			req.destroy(Object.assign(new Error('timeout'), { code: 'SIM_TIMEOUT' }));
		}, timeoutMs);
		deadline.unref();
		active?.add(req);
		req.on('error', (error) => settle({ status, error: describe(error, url, timeoutMs) }));
		req.end(body);
	});
}

/**
 * A transport for createSimulator and a way to abort what it still has in flight (on close).
 * @returns {{ transport: import('./notifications').Transport; abortAll: () => void }}
 */
function createNotifier() {
	/** @type {Set<http.ClientRequest>} */
	const active = new Set();
	return {
		transport: (request) => postNotification(request, active),
		abortAll: () => {
			for (const req of active) req.destroy(new Error('the simulator was closed'));
		},
	};
}

/**
 * @param {Error & { code?: string }} error
 * @param {string} url
 * @param {number} timeoutMs
 */
function describe(error, url, timeoutMs) {
	switch (error.code) {
		case 'SIM_TIMEOUT':
			return `timeout: no complete answer within ${timeoutMs} ms`;
		case 'ECONNREFUSED':
			return `connection refused by ${new URL(url).host}`;
		case 'ENOTFOUND':
			return `host not found: ${new URL(url).hostname}`;
		case 'ECONNRESET':
			return 'the receiver closed the connection without answering';
		default:
			return `${error.code ?? error.name}: ${error.message}`;
	}
}

/**
 * Delivers due notifications every `intervalMs` (0 = only on demand), and wakes up when a retry
 * falls due between two batches. Timers are unref'd: they never keep the process alive.
 * @param {Simulator} simulator
 * @param {number} intervalMs
 * @returns {{ stop: () => void }}
 */
function startDeliverySchedule(simulator, intervalMs) {
	if (!(intervalMs > 0)) return { stop: () => {} };
	let stopped = false;
	/** @type {NodeJS.Timeout | undefined} */
	let retryTimer;

	const arm = () => {
		clearTimeout(retryTimer);
		retryTimer = undefined;
		if (stopped) return;
		const due = simulator.notifications.nextDueAt();
		if (due === undefined) return;
		const wait = due - simulator.now();
		// Already due: the next batch takes it, like any new notification.
		if (wait <= 0) return;
		retryTimer = setTimeout(run, wait);
		retryTimer.unref();
	};
	const run = () => {
		if (stopped) return;
		simulator.deliverNow().then(arm, arm);
	};
	const interval = setInterval(run, intervalMs);
	interval.unref();
	return {
		stop: () => {
			stopped = true;
			clearInterval(interval);
			clearTimeout(retryTimer);
		},
	};
}

module.exports = { createNotifier, postNotification, startDeliverySchedule };

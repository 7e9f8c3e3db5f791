// @ts-check
'use strict';
/**
 * The floor of the batch benchmark: the least a correct ECTicket client can do, written the way
 * a careful engineer would by hand — bare node:crypto (key prepared once as a KeyObject, one-shot
 * SHA-256) and node:http with a keep-alive agent, no n8n, no validation, no protocol module. It still does everything the protocol requires: Data
 * encrypted, CheckMacValue over the plaintext, and every answer decrypted and its CheckMacValue
 * verified before its RtnCode or Status is believed.
 */
const crypto = require('node:crypto');
const http = require('node:http');

/** @param {string} text */
const urlEncode = (text) =>
	encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/**
 * @param {{ merchantId: string, hashKey: string, hashIV: string }} merchant
 * @param {string} baseUrl
 * @param {number} concurrency
 * @param {{ freshConnections?: boolean }} [options] a new TCP connection per request (as n8n's
 *   HTTP helper makes) instead of a keep-alive pool: a diagnostic, not the floor
 */
function floorClient(merchant, baseUrl, concurrency, options = {}) {
	const key = crypto.createSecretKey(Buffer.from(merchant.hashKey, 'latin1'));
	const iv = Buffer.from(merchant.hashIV, 'latin1');
	const url = new URL(baseUrl);
	const agent = options.freshConnections
		? new http.Agent({ keepAlive: false })
		: new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const encodedKey = urlEncode(merchant.hashKey).toLowerCase();
	const encodedIv = urlEncode(merchant.hashIV).toLowerCase();

	/** CheckMacValue from the URL-encoded JSON (the encoding Data needs too). @param {string} encoded */
	const mac = (encoded) => crypto.hash('sha256', encodedKey + encoded.toLowerCase() + encodedIv, 'hex').toUpperCase();

	/** @param {string} encoded */
	const seal = (encoded) => {
		const c = crypto.createCipheriv('aes-128-cbc', key, iv);
		return Buffer.concat([c.update(encoded, 'utf8'), c.final()]).toString('base64');
	};

	/** @param {{ TransCode: number, Data: string, CheckMacValue: string }} envelope */
	const open = (envelope) => {
		if (envelope.TransCode !== 1) throw new Error(`TransCode ${envelope.TransCode}`);
		const d = crypto.createDecipheriv('aes-128-cbc', key, iv);
		const encoded = Buffer.concat([d.update(Buffer.from(envelope.Data, 'base64')), d.final()]).toString('utf8');
		const json = decodeURIComponent(encoded.replace(/\+/g, '%20'));
		const expected = Buffer.from(mac(urlEncode(json)));
		const received = Buffer.from(String(envelope.CheckMacValue).toUpperCase());
		if (expected.length !== received.length || !crypto.timingSafeEqual(expected, received)) {
			throw new Error('CheckMacValue mismatch');
		}
		return JSON.parse(json);
	};

	/**
	 * POSTs business Data as a signed envelope; resolves with the verified, decrypted answer.
	 * @param {string} path
	 * @param {Record<string, unknown>} data
	 */
	const call = (path, data) => {
		const encoded = urlEncode(JSON.stringify(data));
		const body = JSON.stringify({
			PlatformID: null,
			MerchantID: merchant.merchantId,
			RqHeader: { Timestamp: Math.floor(Date.now() / 1000) },
			Data: seal(encoded),
			CheckMacValue: mac(encoded),
		});
		return new Promise((resolve, reject) => {
			const req = http.request(
				{
					host: url.hostname,
					port: url.port,
					path,
					method: 'POST',
					agent,
					headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Accept: 'text/html' },
				},
				(res) => {
					/** @type {Buffer[]} */
					const chunks = [];
					res.on('data', (c) => chunks.push(c));
					res.on('end', () => {
						try {
							if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
							resolve(open(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
						} catch (error) {
							reject(error);
						}
					});
					res.on('error', reject);
				},
			);
			req.on('error', reject);
			req.end(body);
		});
	};

	return { call, close: () => agent.destroy() };
}

/**
 * Runs `task` over 0..count-1 with at most `limit` in flight.
 * @param {number} count @param {number} limit @param {(i: number) => Promise<void>} task
 */
async function pool(count, limit, task) {
	let next = 0;
	const worker = async () => {
		while (next < count) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
}

module.exports = { floorClient, pool, urlEncode };

// @ts-check
'use strict';
/**
 * Protocol benchmark, one run in a fresh process:
 *   node --expose-gc bench/protocol.js [--rounds 5] [--ms 200]
 * One operation = seal a typical Issue request (Data encrypted, CheckMacValue) and open it again
 * (decrypt, verify CheckMacValue, parse) — the work a client does per call. Four ways, timed in
 * interleaved rounds of equal length (the order rotates each round):
 *   package      protocol/envelope.ts sealRequest + openRequest (the node's own code, unchanged)
 *   floor        bare node:crypto over the very same bytes, nothing else: AES-128-CBC both ways
 *                with the key prepared once (a KeyObject) and a one-shot SHA-256 twice
 *   byHand       the whole protocol written out by hand on node:crypto (JSON, URL encoding,
 *                Base64, hex), key prepared once, one URL encoding of the JSON shared by Data and
 *                CheckMacValue: the fastest complete implementation we could write (the target)
 *   cryptoJs     the protocol on crypto-js, as a Code-node user would write it
 * Prints ops/s per variant and per round.
 */
require('./lib/typescript');
const crypto = require('node:crypto');
const CryptoJS = require('crypto-js');
const { Codec } = require('../protocol/crypto');
const { sealRequest, openRequest } = require('../protocol/envelope');
const { MERCHANT, campaignItems, issueData, median, parseArgs, report } = require('./lib/common');
const { urlEncode } = require('./lib/floorClient');

const data = issueData(campaignItems(1, 'PROTO')[0]);
const sender = { merchantId: MERCHANT.merchantId };
const key = Buffer.from(MERCHANT.hashKey, 'latin1');
const iv = Buffer.from(MERCHANT.hashIV, 'latin1');

/* The package: exactly what the credential's authenticate and the transport call. */
const codec = new Codec({ hashKey: MERCHANT.hashKey, hashIV: MERCHANT.hashIV });
function packageOp() {
	const envelope = sealRequest(codec, sender, data);
	return openRequest(codec, envelope).data;
}

/* The floor: the same bytes, prepared once; per operation only AES both ways and SHA-256 twice. */
const secretKey = crypto.createSecretKey(key);
const json = JSON.stringify(data);
const plainBytes = Buffer.from(urlEncode(json), 'utf8');
const macBytes = Buffer.from(urlEncode(MERCHANT.hashKey + json + MERCHANT.hashIV).toLowerCase(), 'utf8');
const cipherBytes = (() => {
	const c = crypto.createCipheriv('aes-128-cbc', key, iv);
	return Buffer.concat([c.update(plainBytes), c.final()]);
})();
function floorOp() {
	const c = crypto.createCipheriv('aes-128-cbc', secretKey, iv);
	const sealed = Buffer.concat([c.update(plainBytes), c.final()]);
	const mac = crypto.hash('sha256', macBytes, 'buffer');
	const d = crypto.createDecipheriv('aes-128-cbc', secretKey, iv);
	const opened = Buffer.concat([d.update(cipherBytes), d.final()]);
	const check = crypto.hash('sha256', macBytes, 'buffer');
	return sealed.length + opened.length + mac[0] + check[0];
}

/* By hand on node:crypto: the whole wire format, no checks beyond the CheckMacValue comparison. */
const encodedKey = urlEncode(MERCHANT.hashKey).toLowerCase();
const encodedIv = urlEncode(MERCHANT.hashIV).toLowerCase();
const macOfEncoded = (/** @type {string} */ encoded) =>
	crypto.hash('sha256', encodedKey + encoded.toLowerCase() + encodedIv, 'hex').toUpperCase();
function byHandOp() {
	const text = JSON.stringify(data);
	const encoded = urlEncode(text);
	const c = crypto.createCipheriv('aes-128-cbc', secretKey, iv);
	const envelope = {
		PlatformID: null,
		MerchantID: MERCHANT.merchantId,
		RqHeader: { Timestamp: Math.floor(Date.now() / 1000) },
		Data: Buffer.concat([c.update(encoded, 'utf8'), c.final()]).toString('base64'),
		CheckMacValue: macOfEncoded(encoded),
	};
	const d = crypto.createDecipheriv('aes-128-cbc', secretKey, iv);
	const received = Buffer.concat([d.update(Buffer.from(envelope.Data, 'base64')), d.final()]).toString('utf8');
	const opened = decodeURIComponent(received.replace(/\+/g, '%20'));
	// The MAC is over the canonical encoding of the decrypted text (another encoder may have sent it).
	if (!crypto.timingSafeEqual(Buffer.from(macOfEncoded(urlEncode(opened))), Buffer.from(envelope.CheckMacValue))) throw new Error('mac');
	return JSON.parse(opened);
}

/* crypto-js: the same protocol, key material parsed once. */
const jsKey = CryptoJS.enc.Utf8.parse(MERCHANT.hashKey);
const jsIv = CryptoJS.enc.Utf8.parse(MERCHANT.hashIV);
const jsOptions = { iv: jsIv, mode: CryptoJS.mode.CBC, padding: CryptoJS.pad.Pkcs7 };
const jsMac = (/** @type {string} */ text) =>
	CryptoJS.SHA256(urlEncode(MERCHANT.hashKey + text + MERCHANT.hashIV).toLowerCase()).toString(CryptoJS.enc.Hex).toUpperCase();
function cryptoJsOp() {
	const text = JSON.stringify(data);
	const envelope = {
		PlatformID: null,
		MerchantID: MERCHANT.merchantId,
		RqHeader: { Timestamp: Math.floor(Date.now() / 1000) },
		Data: CryptoJS.AES.encrypt(CryptoJS.enc.Utf8.parse(urlEncode(text)), jsKey, jsOptions).toString(),
		CheckMacValue: jsMac(text),
	};
	const opened = decodeURIComponent(
		CryptoJS.AES.decrypt(envelope.Data, jsKey, jsOptions).toString(CryptoJS.enc.Utf8).replace(/\+/g, '%20'),
	);
	if (jsMac(opened) !== envelope.CheckMacValue) throw new Error('mac');
	return JSON.parse(opened);
}

/** @type {Record<string, () => unknown>} */
const VARIANTS = { package: packageOp, floor: floorOp, byHand: byHandOp, cryptoJs: cryptoJsOp };

/** Ops per second of `fn` over about `ms` milliseconds (checked every 64 calls). */
function measure(/** @type {() => unknown} */ fn, /** @type {number} */ ms) {
	let ops = 0;
	let sink = 0;
	const t0 = performance.now();
	const end = t0 + ms;
	let now = t0;
	while (now < end) {
		for (let i = 0; i < 64; i++) sink += fn() ? 1 : 0;
		ops += 64;
		now = performance.now();
	}
	if (sink < 0) console.log(sink);
	return ops / ((now - t0) / 1000);
}

function main() {
	const args = parseArgs(process.argv.slice(2));
	const rounds = Number(args.rounds ?? 5);
	const ms = Number(args.ms ?? 200);
	// Every variant must round-trip the payload to the same object.
	const expected = JSON.stringify(data);
	for (const [name, fn] of Object.entries(VARIANTS)) {
		if (name !== 'floor' && JSON.stringify(fn()) !== expected) throw new Error(`${name} does not round-trip the payload`);
	}
	for (const fn of Object.values(VARIANTS)) measure(fn, Math.min(ms, 150)); // warm-up
	const names = Object.keys(VARIANTS);
	/** @type {Record<string, number[]>} */
	const perRound = Object.fromEntries(names.map((n) => [n, []]));
	for (let r = 0; r < rounds; r++) {
		const order = names.map((_, i) => names[(i + r) % names.length]);
		for (const name of order) {
			if (global.gc) global.gc();
			perRound[name].push(measure(VARIANTS[name], ms));
		}
	}
	report({
		payloadBytes: { json: Buffer.byteLength(json), encrypted: plainBytes.length, macInput: macBytes.length, cipher: cipherBytes.length },
		opsPerSec: Object.fromEntries(names.map((n) => [n, median(perRound[n])])),
		ratioToFloor: Object.fromEntries(names.map((n) => [n, median(perRound[n].map((v, i) => v / perRound.floor[i]))])),
		perRound,
	});
}

main();

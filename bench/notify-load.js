// @ts-check
'use strict';
/**
 * Load generator for the trigger benchmark, in its own process:
 *   node bench/notify-load.js --url <webhook> --bodies <file.json> [--offset <k>] (--count <n> | --seconds <s>) --concurrency <c> [--header name:value]
 * `c` plain fetch loops (keep-alive) POST the pre-signed bodies in turn from the k-th, each once
 * (the trigger runs one execution per event: a body sent twice would be a duplicate), until `n`
 * are sent, `s` seconds have passed or the bodies run out; a 200 counts as accepted. Prints
 * accepted/s over the whole burst and how many bodies it used.
 */
const fs = require('node:fs');
const { parseArgs, report } = require('./lib/common');

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const url = String(args.url);
	/** @type {string[]} */
	const bodies = JSON.parse(fs.readFileSync(String(args.bodies), 'utf8'));
	const count = args.count ? Number(args.count) : Infinity;
	const seconds = Number(args.seconds ?? Infinity);
	const concurrency = Number(args.concurrency ?? 10);
	const offset = Number(args.offset ?? 0);
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json' };
	if (typeof args.header === 'string') {
		const at = args.header.indexOf(':');
		headers[args.header.slice(0, at)] = args.header.slice(at + 1);
	}
	let next = 0;
	let accepted = 0;
	let refused = 0;
	/** @type {Record<string, number>} */
	const statuses = {};
	const t0 = performance.now();
	const end = t0 + seconds * 1000;
	const loop = async () => {
		while (next < count && offset + next < bodies.length && performance.now() < end) {
			const body = bodies[offset + next++];
			try {
				const r = await fetch(url, { method: 'POST', headers, body });
				await r.arrayBuffer();
				statuses[r.status] = (statuses[r.status] ?? 0) + 1;
				if (r.status === 200) accepted++;
				else refused++;
			} catch {
				refused++;
				statuses.error = (statuses.error ?? 0) + 1;
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, loop));
	const elapsed = (performance.now() - t0) / 1000;
	report({ accepted, refused, used: next, exhausted: offset + next >= bodies.length, statuses, seconds: elapsed, acceptedPerSec: accepted / elapsed });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

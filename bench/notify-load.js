// @ts-check
'use strict';
/**
 * Load generator for the trigger benchmark, in its own process:
 *   node bench/notify-load.js --url <webhook> --bodies <file.json> (--count <n> | --seconds <s>) --concurrency <c> [--header name:value]
 * `c` plain fetch loops (keep-alive) POST the pre-signed bodies (in turn) until `n` are sent or
 * `s` seconds have passed; a 200 counts as accepted. Prints accepted/s over the whole burst.
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
		while (next < count && performance.now() < end) {
			const body = bodies[next++ % bodies.length];
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
	report({ accepted, refused, statuses, seconds: elapsed, acceptedPerSec: accepted / elapsed });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

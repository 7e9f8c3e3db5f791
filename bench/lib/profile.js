// @ts-check
'use strict';
/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof): self time per function and per area (this
 * package, n8n-core, n8n-workflow, HTTP client, Node internals, GC), idle excluded.
 *   node bench/lib/profile.js <file.cpuprofile> [top]
 *   node bench/lib/profile.js <file.cpuprofile> --callers <regex> [top]   (stacks of matching functions)
 *   node bench/lib/profile.js <file.cpuprofile> --inclusive <regex>...       (inclusive time of matching frames)
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

/** @param {string} url */
function areaOf(url) {
	if (!url) return 'V8 / native';
	const file = url.replace(/^file:\/\//, '');
	if (file.includes('/node_modules/')) {
		const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file.slice(file.lastIndexOf('/node_modules/')));
		const pkg = m ? m[1] : 'node_modules';
		if (pkg === 'ts-node' || pkg === '@cspotcode/source-map-support' || pkg === 'typescript') return 'ts-node (loader)';
		return pkg;
	}
	if (file.startsWith('node:')) return 'Node internals';
	if (file.startsWith(ROOT)) {
		const rel = path.relative(ROOT, file);
		if (rel.startsWith('protocol/')) return 'package: protocol/';
		if (rel.startsWith('nodes/') || rel.startsWith('credentials/')) return 'package: node + credential';
		if (rel.startsWith('test/harness')) return 'bench harness';
		if (rel.startsWith('bench/')) return 'bench harness';
		return `package: ${rel.split('/')[0]}/`;
	}
	return 'other';
}

/**
 * @param {string} file
 * @param {number} [top]
 */
function summarize(file, top = 15) {
	/** @type {{ nodes: Array<{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, hitCount?: number }>, samples: number[], timeDeltas: number[], startTime: number, endTime: number }} */
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	/** @type {Map<number, number>} */
	const selfUs = new Map();
	for (let i = 0; i < profile.samples.length; i++) {
		const id = profile.samples[i];
		selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
	}
	/** @type {Map<string, { fn: string, where: string, area: string, us: number }>} */
	const fns = new Map();
	/** @type {Map<string, number>} */
	const areas = new Map();
	let busy = 0;
	let idle = 0;
	for (const [id, us] of selfUs) {
		const node = byId.get(id);
		if (!node) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		if (functionName === '(idle)' || functionName === '(program)') {
			idle += functionName === '(idle)' ? us : 0;
			if (functionName === '(idle)') continue;
		}
		busy += us;
		const area =
			functionName === '(garbage collector)' ? 'GC' : functionName === '(program)' ? 'V8 / native' : url === 'node:inspector' ? 'profiler overhead' : areaOf(url);
		areas.set(area, (areas.get(area) ?? 0) + us);
		const rel = url ? url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '').replace(/^.*node_modules\//, '') : '';
		const where = rel ? `${rel}:${lineNumber + 1}` : '';
		const key = `${functionName}|${where}`;
		const entry = fns.get(key) ?? { fn: functionName || '(anonymous)', where, area, us: 0 };
		entry.us += us;
		fns.set(key, entry);
	}
	const ms = (/** @type {number} */ us) => Math.round(us / 100) / 10;
	const pct = (/** @type {number} */ us) => Math.round((us / busy) * 1000) / 10;
	return {
		busyMs: ms(busy),
		idleMs: ms(idle),
		areas: [...areas].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, ms: ms(us), pct: pct(us) })),
		top: [...fns.values()]
			.filter((f) => f.area !== 'profiler overhead')
			.sort((a, b) => b.us - a.us)
			.slice(0, top)
			.map((f) => ({ fn: f.fn, where: f.where, area: f.area, ms: ms(f.us), pct: pct(f.us) })),
	};
}

/**
 * Where the self time of the functions matching `pattern` comes from: their call stacks (the
 * frames of this package and of n8n only), heaviest first.
 * @param {string} file @param {RegExp} pattern @param {number} [top]
 */
function callers(file, pattern, top = 8) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	/** @type {Map<number, any>} */
	const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	/** @type {Map<number, number>} */
	const selfUs = new Map();
	profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
	/** @type {Map<string, number>} */
	const stacks = new Map();
	for (const [id, us] of selfUs) {
		const node = byId.get(id);
		if (!node || !pattern.test(`${node.callFrame.functionName} ${node.callFrame.url}`)) continue;
		const frames = [];
		for (let /** @type {number | undefined} */ cur = id; cur !== undefined; cur = parent.get(cur)) {
			const f = byId.get(cur).callFrame;
			const url = f.url.replace(/^file:\/\//, '');
			if (url.startsWith(ROOT) && !url.includes('/node_modules/')) frames.push(`${f.functionName || '(anon)'} ${path.relative(ROOT, url)}:${f.lineNumber + 1}`);
			else if (/node_modules\/(n8n-core|n8n-workflow)\//.test(url) && frames.length < 12) frames.push(`${f.functionName || '(anon)'} [${/node_modules\/([^/]+)/.exec(url)?.[1]}]`);
		}
		const key = `${node.callFrame.functionName} <- ${frames.slice(0, 6).join(' <- ')}`;
		stacks.set(key, (stacks.get(key) ?? 0) + us);
	}
	return [...stacks].sort((a, b) => b[1] - a[1]).slice(0, top).map(([stack, us]) => ({ ms: Math.round(us / 100) / 10, stack }));
}

/**
 * Inclusive (self + callees, synchronous part) time of the frames matching each pattern.
 * @param {string} file @param {Record<string, RegExp>} patterns
 */
function inclusive(file, patterns) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	/** @type {Map<number, any>} */
	const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	/** @type {Record<string, number>} */
	const totals = Object.fromEntries(Object.keys(patterns).map((k) => [k, 0]));
	profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
		const dt = profile.timeDeltas[i] ?? 0;
		const hit = new Set();
		for (let /** @type {number | undefined} */ cur = id; cur !== undefined; cur = parent.get(cur)) {
			const f = byId.get(cur).callFrame;
			const label = `${f.functionName} ${f.url.replace(/^file:\/\//, '')}`;
			for (const [name, re] of Object.entries(patterns)) if (!hit.has(name) && re.test(label)) hit.add(name);
		}
		for (const name of hit) totals[name] += dt;
	});
	return Object.fromEntries(Object.entries(totals).map(([k, us]) => [k, Math.round(us / 100) / 10]));
}

/**
 * Splits the busy time into buckets: each sample goes to the first bucket (in the given order)
 * that matches any frame of its stack (`function url` strings), or to `rest`.
 * @param {string} file @param {Array<[string, RegExp]>} buckets @param {string} rest
 */
function breakdown(file, buckets, rest) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	/** @type {Map<number, any>} */
	const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	/** @type {Map<number, string>} */
	const bucketOf = new Map();
	/** @type {Record<string, number>} */
	const totals = Object.fromEntries([...buckets.map(([name]) => [name, 0]), [rest, 0]]);
	let busy = 0;
	profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
		const dt = profile.timeDeltas[i] ?? 0;
		if (byId.get(id).callFrame.functionName === '(idle)') return;
		let bucket = bucketOf.get(id);
		if (bucket === undefined) {
			/** @type {string[]} */
			const labels = [];
			for (let /** @type {number | undefined} */ cur = id; cur !== undefined; cur = parent.get(cur)) {
				const f = byId.get(cur).callFrame;
				labels.push(`${f.functionName} ${f.url.replace(/^file:\/\//, '')}`);
			}
			bucket = buckets.find(([, re]) => labels.some((l) => re.test(l)))?.[0] ?? rest;
			bucketOf.set(id, bucket);
		}
		totals[bucket] += dt;
		busy += dt;
	});
	return Object.entries(totals)
		.map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, pct: Math.round((us / busy) * 1000) / 10 }))
		.sort((a, b) => b.ms - a.ms);
}

module.exports = { summarize, callers, inclusive, breakdown };

if (require.main === module && process.argv[3] === '--inclusive') {
	const patterns = Object.fromEntries(process.argv.slice(4).map((p) => [p, new RegExp(p)]));
	for (const [name, ms] of Object.entries(inclusive(process.argv[2], patterns))) console.log(`${String(ms).padStart(8)} ms  ${name}`);
} else if (require.main === module && process.argv[3] === '--callers') {
	for (const c of callers(process.argv[2], new RegExp(process.argv[4]), Number(process.argv[5] ?? 8))) console.log(`${String(c.ms).padStart(8)} ms  ${c.stack}`);
} else if (require.main === module) {
	const summary = summarize(process.argv[2], Number(process.argv[3] ?? 25));
	console.log(`busy ${summary.busyMs} ms, idle ${summary.idleMs} ms`);
	console.log('\nby area:');
	for (const a of summary.areas) console.log(`  ${String(a.pct).padStart(5)}%  ${String(a.ms).padStart(8)} ms  ${a.area}`);
	console.log('\ntop self time:');
	for (const f of summary.top) console.log(`  ${String(f.pct).padStart(5)}%  ${String(f.ms).padStart(8)} ms  ${f.fn}  ${f.where}  [${f.area}]`);
}

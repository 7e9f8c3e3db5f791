// @ts-check
'use strict';
/**
 * The Markdown report of a benchmark run: one table (every ratio beside its target) and the
 * closing note that quotes every ratio again with its target. The same shape in smoke mode.
 */

const num = (/** @type {number} */ v, digits = 0) =>
	Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
const sec = (/** @type {number} */ ms) => (Number.isFinite(ms) ? `${num(ms / 1000, 2)} s` : 'n/a');
const ratio = (/** @type {number} */ r) => (Number.isFinite(r) ? `${num(r, 2)}×` : 'n/a');
const mb = (/** @type {number} */ v) => (Number.isFinite(v) ? `${num(v, 0)} MB` : 'n/a');

/**
 * @param {number} value
 * @param {'>=' | '<=' | '<'} op
 * @param {number} target
 */
function verdict(value, op, target) {
	if (!Number.isFinite(value)) return '—';
	const met = op === '>=' ? value >= target : op === '<=' ? value <= target : value < target;
	return met ? '✅ met' : '❌ not met';
}

/** @param {Record<string, any>} r */
function renderMarkdown(r) {
	/** @type {string[][]} */
	const rows = [];
	/** @type {string[]} */
	const notes = [];
	const row = (/** @type {string[]} */ ...cells) => rows.push(cells);
	const smoke = r.mode === 'smoke';

	const p = r.protocol;
	if (p) {
		const bytes = p.payloadBytes;
		row('1', `Protocol: seal + open + verify of a typical Issue (${bytes.json} B JSON), ops/s`, `package ${num(p.opsPerSec.package)}`, `by hand ${num(p.opsPerSec.byHand)} (the fastest complete implementation we could write on node:crypto: JSON, URL encoding, Base64, hex, key prepared once)`, ratio(p.packageToByHand), '≥ 1.0×', verdict(p.packageToByHand, '>=', 1));
		row('1', '… context: bare AES-128-CBC ×2 + SHA-256 ×2 over the same bytes, no JSON, URL encoding, Base64 or hex (no complete implementation can reach it)', `package ${num(p.opsPerSec.package)}`, `floor ${num(p.opsPerSec.floor)} (by hand reaches ${ratio(p.ratioToFloor.byHand)} of it)`, ratio(p.ratioToFloor.package), '— (context)', '');
		row('1', '… against the same protocol on crypto-js', `package ${num(p.opsPerSec.package)}`, `crypto-js ${num(p.opsPerSec.cryptoJs)}`, ratio(p.packageToCryptoJs), '— (context)', p.packageToCryptoJs > 1 ? 'package faster' : 'package slower');
		notes.push(`1. Protocol: **${ratio(p.packageToByHand)}** the fastest complete implementation written by hand on node:crypto (target ≥ 1.0×: ${verdict(p.packageToByHand, '>=', 1).slice(2)}); ${ratio(p.packageToCryptoJs)} crypto-js; ${ratio(p.ratioToFloor.package)} the bare-crypto floor, of which the by-hand implementation reaches ${ratio(p.ratioToFloor.byHand)}.`);
	} else row('1', 'Protocol', 'not run', '', '', '≥ 1.0×', '—');

	const b = r.batch;
	if (b) {
		const label = `${num(b.items)} items → Issue + Wait for Issuance through the real node class in n8n-core`;
		row('2', `Batch: ${label}, wall time`, `node ${sec(b.node.wallMs)}`, `floor ${sec(b.floor.wallMs)} (node:http keep-alive, same signed requests, concurrency ${r.settings.concurrency}, same polling)`, ratio(b.ratio), '≤ 1.2×', verdict(b.ratio, '<=', 1.2));
		row('2', '… CPU time of the client process', `node ${sec(b.node.cpuMs)}`, `floor ${sec(b.floor.cpuMs)}`, ratio(b.cpuRatio), '—', '');
		row('2', '… peak memory of the client process: RSS / heap (growth over the baseline measured just before the batch)', `node ${mb(b.node.peakRssMB)} / ${mb(b.node.peakHeapMB)} (+${mb(b.node.peakRssMB - b.node.baselineRssMB)} / +${mb(b.node.peakHeapMB - b.node.baselineHeapMB)})`, `floor ${mb(b.floor.peakRssMB)} / ${mb(b.floor.peakHeapMB)} (+${mb(b.floor.peakRssMB - b.floor.baselineRssMB)} / +${mb(b.floor.peakHeapMB - b.floor.baselineHeapMB)})`, '—', '— (report)', '');
		if (b.floorFreshConnections) {
			row('2', '… diagnostic: the floor opening a TCP connection per request, as n8n\'s HTTP helper does', `node ${sec(b.node.wallMs)}`, `floor, fresh connections ${sec(b.floorFreshConnections.wallMs)}`, ratio(b.node.wallMs / b.floorFreshConnections.wallMs), '—', '');
		}
		notes.push(`2. Batch of ${num(b.items)}: node **${ratio(b.ratio)}** the floor's wall time (target ≤ 1.2×: ${verdict(b.ratio, '<=', 1.2).slice(2)}); peak RSS node ${mb(b.node.peakRssMB)} (baseline ${mb(b.node.baselineRssMB)}), floor ${mb(b.floor.peakRssMB)}.`);
	} else row('2', 'Batch', 'not run', '', '', '≤ 1.2×', '—');
	const d = r.batchDelayed;
	if (d) {
		row('2b', `… as briefed: issuance after ${d.issueDelayMs} ms, Poll Interval ${r.settings.pollIntervalS} s (${num(d.items)} items)`, `node ${sec(d.node.wallMs)}`, `floor ${sec(d.floor.wallMs)} (queries ${d.floorQueries.join('/')})`, ratio(d.ratio), '— (informational)', '');
	}

	const s = r.scaling;
	if (s) {
		const list = (/** @type {any[]} */ pts, /** @type {(p: any) => string} */ f) => pts.map(f).join(' / ');
		row('3', `Scaling ${s.sizes.map((/** @type {number} */ n) => num(n)).join(' / ')} items: wall time`, `node ${list(s.node, (x) => sec(x.wallMs))}`, `floor ${list(s.floor, (x) => sec(x.wallMs))}`, s.ratioBySize.map((/** @type {any} */ x) => ratio(x.ratio)).join(' / '), '—', '');
		row('3', '… time linearity: marginal time per item of the last step ÷ of the first step', list(s.perItem, (x) => `${num(x.wallMsPerItem, 2)} ms`) + ' per item', '', num(s.timeLinearity, 2), '≤ 1.2 (linear)', verdict(s.timeLinearity, '<=', 1.2));
		row('3', '… memory linearity: marginal peak heap per item, last step ÷ first step', list(s.perItem, (x) => `${num(x.peakHeapKBPerItem, 1)} KB`) + ' per item above baseline', '', num(s.memoryLinearity, 2), '≤ 1.2 (linear)', verdict(s.memoryLinearity, '<=', 1.2));
		row('3', '… peak RSS / retained heap after GC (results still held)', `node ${list(s.node, (x) => `${mb(x.peakRssMB)}/${mb(x.retainedHeapMB)}`)}`, `floor ${list(s.floor, (x) => `${mb(x.peakRssMB)}/${mb(x.retainedHeapMB)}`)}`, '', '— (report)', '');
		notes.push(`3. Scaling: time linearity **${num(s.timeLinearity, 2)}** (target ≤ 1.2: ${verdict(s.timeLinearity, '<=', 1.2).slice(2)}), memory linearity **${num(s.memoryLinearity, 2)}** (target ≤ 1.2: ${verdict(s.memoryLinearity, '<=', 1.2).slice(2)}); node/floor wall ${s.ratioBySize.map((/** @type {any} */ x) => `${ratio(x.ratio)} at ${num(x.items)}`).join(', ')}.`);
	} else row('3', 'Scaling', 'not run', '', '', '≤ 1.2 (linear)', '—');

	const n = r.n8n;
	const nb = n?.batch;
	if (nb) {
		row('4', `In n8n ${n.n8nBin?.match(/n8n-([\d.]+)/)?.[1] ?? ''}: ${num(nb.items)} items issued by \`n8n execute\`, wall time`, `ECTicket node ${sec(nb.medianMs.node)}`, `Code (node:crypto) + HTTP Request 4.2 (batches of ${r.settings.concurrency}) + Code ${sec(nb.medianMs.alternativeBatched)}`, ratio(nb.ratioToBatched), '< 1.0× (faster)', verdict(nb.ratioToBatched, '<', 1));
		row('4', '… against the same alternative sending every request at once (no batching)', `ECTicket node ${sec(nb.medianMs.node)}`, `Code + HTTP Request + Code ${sec(nb.medianMs.alternativeUnbatched)}`, ratio(nb.ratioToUnbatched), '< 1.0× (faster)', verdict(nb.ratioToUnbatched, '<', 1));
		if (nb.ratioJsonToBatched !== undefined) {
			row('4', '… the node with Order Input › From JSON (one expression per item instead of one per field)', `ECTicket node ${sec(nb.medianMs.nodeJson)}`, `Code + HTTP Request (batches) + Code ${sec(nb.medianMs.alternativeBatched)}`, ratio(nb.ratioJsonToBatched), '< 1.0× (faster)', verdict(nb.ratioJsonToBatched, '<', 1));
			notes.push(`4b. With Order Input › From JSON the node's workflow takes **${ratio(nb.ratioJsonToBatched)}** the time of the Code + HTTP Request workflow (target < 1.0×: ${verdict(nb.ratioJsonToBatched, '<', 1).slice(2)}).`);
		}
		notes.push(`4. In n8n: the node's workflow takes **${ratio(nb.ratioToBatched)}** the time of the Code + HTTP Request workflow (target < 1.0×: ${verdict(nb.ratioToBatched, '<', 1).slice(2)}); ${ratio(nb.ratioToUnbatched)} against its unbatched form.`);
	} else row('4', 'In n8n: node workflow vs Code + HTTP Request', n?.error ? 'failed (see JSON)' : 'not run', '', '', '< 1.0× (faster)', '—');
	const nt = n?.trigger;
	if (nt) {
		row('5', `Trigger: notifications accepted/s (${nt.loadConcurrency} senders, ${nt.loadSeconds} s bursts)`, `ECTicket Trigger ${num(nt.medianAcceptedPerSec.trigger)}`, `plain Webhook node ${num(nt.medianAcceptedPerSec.plainWebhook)}`, ratio(nt.ratioAccepted), '≥ 0.9×', verdict(nt.ratioAccepted, '>=', 0.9));
		row('5', '… executions completed/s (from the burst\'s start until every execution succeeded)', `${num(nt.medianProcessedPerSec.trigger)}`, `plain Webhook ${num(nt.medianProcessedPerSec.plainWebhook)}`, ratio(nt.ratioProcessed), '—', '');
		if (Number.isFinite(nt.ratioAcceptedToHeaderAuth)) {
			row('5', '… control: the Webhook node with Header Auth (n8n loads its credential on every call too), accepted/s', `ECTicket Trigger ${num(nt.medianAcceptedPerSec.trigger)}`, `Webhook + Header Auth ${num(nt.medianAcceptedPerSec.headerAuthWebhook)} (${num(nt.medianProcessedPerSec.headerAuthWebhook)} executions/s)`, ratio(nt.ratioAcceptedToHeaderAuth), '— (context)', '');
		}
		notes.push(`5. Trigger: **${ratio(nt.ratioAccepted)}** the plain Webhook node's accepted notifications per second (target ≥ 0.9×: ${verdict(nt.ratioAccepted, '>=', 0.9).slice(2)}); ${ratio(nt.ratioProcessed)} of its completed executions per second; ${ratio(nt.ratioAcceptedToHeaderAuth)} the Webhook node with Header Auth.`);
	} else row('5', 'Trigger vs plain Webhook', n?.error ? 'failed (see JSON)' : 'not run', '', '', '≥ 0.9×', '—');

	const w = r.wait;
	if (w) {
		for (const j of w.jobs) {
			const ok = j.requestsPerOrder <= j.target && j.confirmedOrders === j.items && j.refusedCalls === 0 && j.lastRoundAfterJobS <= w.pollSeconds;
			row('6', `Wait for Issuance, default options: ${num(j.items)} orders, ECPay's job ${j.order} over ${num(j.seconds)} s — requests per order (Issue + QueryIssueResult)`, `${num(j.requestsPerOrder, 3)} (${num(j.issues)} + ${num(j.queries)} in ${num(j.rounds)} rounds, at most ${num(j.maxQueriesPerOrder)} queries for one order, ${num(j.confirmedOrders)}/${num(j.items)} confirmed by their own query); output ${num(j.endAfterJobS, 1)} s after the job's last order (last round began ${num(j.lastRoundAfterJobS, 1)} s after it, its sweep took ${num(j.finalSweepS, 1)} s)`, 'physical limit 2 (one Issue, one query that finds it issued)', ratio(j.requestsPerOrder / 2), `≤ ${num(j.target, 1)} per order; last round ≤ ${w.pollSeconds} s after the job`, ok ? '✅ met' : '❌ not met');
		}
		const worst = (/** @type {string} */ order) => Math.max(...w.jobs.filter((/** @type {any} */ j) => j.order === order).map((/** @type {any} */ j) => j.requestsPerOrder));
		notes.push(`6. Wait for Issuance with default options: requests per order ${w.jobs.map((/** @type {any} */ j) => `**${num(j.requestsPerOrder, 2)}** (${j.order} ${num(j.seconds)} s)`).join(', ')}; targets ≤ 2.2 in submission order (worst ${num(worst('fifo'), 2)}), ≤ 3 otherwise (worst ${num(Math.max(worst('random'), worst('waves')), 2)}); output at most ${num(Math.max(...w.jobs.map((/** @type {any} */ j) => j.endAfterJobS)), 1)} s after the job's last order.`);
		for (const l of w.latency) {
			row('6', `… wall time at ${num(l.latencyMs)} ms per call: ${num(l.items)} orders Issue + Wait, job ${num(l.jobSeconds)} s, default options`, `node ${sec(l.nodeWallMs)} (${num(l.nodeQueries)} queries)`, `floor ${sec(l.floorWallMs)} (${num(l.floorQueries)} queries; same requests and frontier strategy on node:crypto + node:http keep-alive)`, ratio(l.ratio), `≤ ${num(l.target, 2)}×`, verdict(l.ratio, '<=', l.target));
			notes.push(`6. At ${num(l.latencyMs)} ms per call, job ${num(l.jobSeconds)} s: node **${ratio(l.ratio)}** the floor's wall time (target ≤ ${num(l.target, 2)}×: ${verdict(l.ratio, '<=', l.target).slice(2)}).`);
		}
	} else row('6', 'Wait for Issuance: requests per order', 'not run', '', '', '≤ 2.2 (fifo), ≤ 3 (random, waves)', '—');

	const header = ['#', 'Measure', 'This package', 'Baseline (same run)', 'Ratio', 'Target', 'Verdict'];
	const escape = (/** @type {string} */ c) => String(c).replace(/\|/g, '\\|');
	const table = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((cells) => `| ${cells.map(escape).join(' | ')} |`)].join('\n');
	const m = r.machine;
	const title = `## ECTicket benchmark${smoke ? ' (smoke run: tiny sizes, figures not meaningful)' : ''}`;
	const context = `${m.cpus} cores (${m.cpuModel}), ${m.memGB} GiB, Node ${m.node}; load average ${m.loadAvgAtStart.join(' ')} at start, ${m.loadAvgAtEnd?.join(' ')} at end. Medians of fresh-process runs; every ratio is paired with a baseline measured in the same run.`;
	const pr = r.profile;
	const profile = pr
		? [
				`### Where the node's CPU goes (V8 profile of one ${num(pr.items)}-item batch, ${num(pr.busyMs / 1000, 2)} s busy)`,
				'',
				'| Share | CPU | Bucket (each sample goes to the first bucket its stack matches) |',
				'|---:|---:|---|',
				...pr.breakdown.map((/** @type {any} */ b) => `| ${num(b.pct, 1)} % | ${num(b.ms)} ms | ${b.name} |`),
				'',
				'Top self time:',
				'',
				'| Share | Self | Function | Where |',
				'|---:|---:|---|---|',
				...pr.top.slice(0, 12).map((/** @type {any} */ f) => `| ${num(f.pct, 1)} % | ${num(f.ms)} ms | ${escape(f.fn)} | ${escape(f.where || f.area)} |`),
				'',
				`Profile: \`${pr.file}\` (open in Chrome DevTools, or \`node bench/lib/profile.js <file>\`).`,
			].join('\n')
		: '';
	const closing = [`**Closing note** (total ${num(r.totalSeconds, 0)} s):`, ...notes.map((x) => `- ${x}`)].join('\n');
	return `${title}\n\n${context}\n\n${table}\n\n${profile ? `${profile}\n\n` : ''}${closing}\n`;
}

module.exports = { renderMarkdown };

// @ts-check
'use strict';
/**
 * The benchmarks inside a real n8n (the pinned n8n of the end-to-end harness, package installed
 * from `npm pack` as users get it), one fresh user folder:
 *   node bench/n8n.js [--runs 3] [--items 1000] [--load-seconds 8] [--load-concurrency 10] [--trigger-rounds 3]
 *                     [--parts batch,trigger] [--sides trigger,plainWebhook,headerAuthWebhook]
 *                     [--server-profile <dir>] [--execute-profile <dir>] [--keep-user-folder] [--port 5790]
 * --server-profile writes V8 CPU profiles of `n8n start` (and its task runner) into <dir> when n8n
 * stops: with --sides trigger, a profile of the trigger under load alone. --execute-profile <dir>
 * does the same for every `n8n execute` of the batch part (one file per process, in run order).
 *
 * 4. Batch in n8n: the same campaign items issued by a workflow with this node versus the workflow
 *    a user builds without it (Code node sealing each item with node:crypto, HTTP Request v4.2,
 *    Code node opening and verifying each answer). Issue only, no wait. Each workflow run with
 *    `n8n execute --id`, wall time from spawn to exit, nothing subtracted. n8n runs with
 *    NODE_FUNCTION_ALLOW_BUILTIN=crypto (the Code node may not require('crypto') otherwise).
 * 5. Trigger: signed notifications accepted per second by a published ECTicket Trigger → No-Op
 *    workflow versus n8n's plain Webhook → No-Op, same server, same execution-saving settings,
 *    same bodies, a fixed number of concurrent senders in a separate process. A third workflow,
 *    the Webhook node with Header Auth (a credential n8n loads for every call, as it does for the
 *    trigger), tells n8n's per-call credential cost apart from the trigger's own work.
 * Prints one BENCH_RESULT line; progress goes to stderr.
 */
require('./lib/typescript');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8n, packPackage } = require('../e2e/lib/n8n');
const { Codec } = require('../protocol/crypto');
const { sealRequest } = require('../protocol/envelope');
const { MERCHANT, CONCURRENCY, TICKET_LINES, issueParameters, median, parseArgs, report, runChild, sleep, startSimulatorProcess } = require('./lib/common');

/** The newest version each node declares: what a user adding the node today gets. */
const latestVersion = (/** @type {any} */ NodeClass) => {
	const { version, defaultVersion } = new NodeClass().description;
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
};
const NODE_VERSION = latestVersion(require('../nodes/EcPayEcTicket/EcPayEcTicket.node').EcPayEcTicket);
const TRIGGER_VERSION = latestVersion(require('../nodes/EcPayEcTicketTrigger/EcPayEcTicketTrigger.node').EcPayEcTicketTrigger);
const NODE = 'n8n-nodes-ecpay-ecticket.ecPayEcTicket';
const TRIGGER = 'n8n-nodes-ecpay-ecticket.ecPayEcTicketTrigger';
const CREDENTIAL = { id: 'benchEcTicketCred1', name: 'ECTicket bench', type: 'ecPayEcTicketApi' };
const TRIGGER_WEBHOOK_ID = '7d1e2c3b-4a59-4c6d-8e7f-b3e0c0000001';
const PLAIN_WEBHOOK_ID = '7d1e2c3b-4a59-4c6d-8e7f-b3e0c0000002';
const AUTH_WEBHOOK_ID = '7d1e2c3b-4a59-4c6d-8e7f-b3e0c0000003';
const HEADER_AUTH = { id: 'benchHeaderAuth01', name: 'Bench header auth', type: 'httpHeaderAuth' };
const HEADER = { name: 'X-Bench-Key', value: 'bench-secret-0001' };
/** Identical for every workflow: n8n's defaults, spelled out. */
const SETTINGS = {
	executionOrder: 'v1',
	saveDataSuccessExecution: 'all',
	saveDataErrorExecution: 'all',
	saveManualExecutions: true,
	saveExecutionProgress: false,
};

const log = (/** @type {string} */ message) => process.stderr.write(`  [n8n] ${message}\n`);

/* ------------------------------------------------------------------ workflows */

const node = (/** @type {string} */ name, /** @type {string} */ type, /** @type {number} */ typeVersion, /** @type {number} */ x, /** @type {object} */ parameters, /** @type {object} */ extra = {}) => ({
	id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
	name,
	type,
	typeVersion,
	position: [x, 0],
	parameters,
	...extra,
});

/** @param {string} id @param {string} name @param {any[]} nodes */
function chainWorkflow(id, name, nodes) {
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: SETTINGS, pinData: {} };
}

/** The same campaign items in both workflows: one per order, unique order numbers per execution. */
const itemsCode = (/** @type {number} */ count) => `const tag = Date.now().toString(36).toUpperCase();
const items = [];
for (let i = 0; i < ${count}; i++) {
  items.push({ json: { orderNo: ('N' + tag + String(i).padStart(5, '0')).slice(0, 25), name: '王小明', phone: '09' + String(10000000 + i).slice(-8), email: 'buyer' + i + '@example.com' } });
}
return items;`;

const manual = () => node('Manual', 'n8n-nodes-base.manualTrigger', 1, 0, {});
const campaign = (/** @type {number} */ count) => node('Campaign items', 'n8n-nodes-base.code', 2, 220, { jsCode: itemsCode(count) });

/** @param {number} count */
function nodeWorkflow(count) {
	return chainWorkflow('benchIssueWithNode', 'Bench: issue with the ECTicket node', [
		manual(),
		campaign(count),
		node('Issue', NODE, NODE_VERSION, 440, issueParameters({ wait: false }), { credentials: { ecPayEcTicketApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } } }),
	]);
}

/** The same order mapped with Order Input › From JSON: one expression per item. @param {number} count */
function nodeJsonWorkflow(count) {
	return chainWorkflow('benchIssueWithNodeJson', 'Bench: issue with the ECTicket node, order from JSON', [
		manual(),
		campaign(count),
		node('Issue', NODE, NODE_VERSION, 440, {
			resource: 'ticket',
			operation: 'issue',
			issueType: '3',
			orderInput: 'json',
			orderJson: `={{ { MerchantTradeNo: $json.orderNo, IsImmediate: '1', Operator: 'campaign', CustomerName: $json.name, CustomerPhone: $json.phone, CustomerEmail: $json.email, TicketInfo: ${JSON.stringify(TICKET_LINES.map((l) => ({ ItemNo: l.itemNo, TicketAmount: l.ticketAmount })))} } }}`,
			waitForIssuance: false,
			options: { concurrency: CONCURRENCY },
		}, { credentials: { ecPayEcTicketApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } } }),
	]);
}

/** What a user writes in a Code node to speak ECTicket without this package. */
const protocolCode = `const crypto = require('crypto');
const KEY = ${JSON.stringify(MERCHANT.hashKey)}, IV = ${JSON.stringify(MERCHANT.hashIV)}, MID = ${JSON.stringify(MERCHANT.merchantId)};
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const mac = (json) => crypto.createHash('sha256').update(enc(KEY + json + IV).toLowerCase()).digest('hex').toUpperCase();`;

const sealCode = `${protocolCode}
return $input.all().map(({ json: it }) => {
  const data = { MerchantID: MID, MerchantTradeNo: it.orderNo, IssueType: '3', IsImmediate: '1', Operator: 'campaign',
    CustomerName: it.name, CustomerPhone: it.phone, CustomerEmail: it.email,
    TicketInfo: ${JSON.stringify(TICKET_LINES.map((l) => ({ ItemNo: l.itemNo, TicketAmount: l.ticketAmount })))} };
  const json = JSON.stringify(data);
  const cipher = crypto.createCipheriv('aes-128-cbc', KEY, IV);
  const Data = cipher.update(enc(json), 'utf8', 'base64') + cipher.final('base64');
  return { json: { envelope: { PlatformID: null, MerchantID: MID, RqHeader: { Timestamp: Math.floor(Date.now() / 1000) }, Data, CheckMacValue: mac(json) } } };
});`;

const openCode = `${protocolCode}
return $input.all().map(({ json: r }) => {
  if (r.TransCode !== 1) throw new Error('ECPay refused the envelope: ' + r.TransMsg);
  const decipher = crypto.createDecipheriv('aes-128-cbc', KEY, IV);
  const text = decodeURIComponent((decipher.update(r.Data, 'base64', 'utf8') + decipher.final('utf8')).replace(/\\+/g, '%20'));
  if (mac(text) !== r.CheckMacValue) throw new Error('CheckMacValue does not match');
  const data = JSON.parse(text);
  if (data.RtnCode !== 1) throw new Error('ECPay refused: ' + data.RtnMsg);
  return { json: data };
});`;

/**
 * @param {number} count
 * @param {string} simUrl
 * @param {boolean} batched HTTP Request batching 5 items / 1 ms: the closest it has to the node's
 *   concurrency 5 (it never waits for answers, it only pauses between groups); unbatched it
 *   sends every request at once.
 */
function alternativeWorkflow(count, simUrl, batched) {
	return chainWorkflow(batched ? 'benchIssueAltBatch' : 'benchIssueAltAll', `Bench: issue with Code + HTTP Request${batched ? ' (batches of 5)' : ''}`, [
		manual(),
		campaign(count),
		node('Seal', 'n8n-nodes-base.code', 2, 440, { jsCode: sealCode }),
		node('POST Issue', 'n8n-nodes-base.httpRequest', 4.2, 660, {
			method: 'POST',
			url: `${simUrl}/api/Ticket/Issue`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json.envelope) }}',
			options: batched ? { batching: { batch: { batchSize: CONCURRENCY, batchInterval: 1 } } } : {},
		}),
		node('Open', 'n8n-nodes-base.code', 2, 880, { jsCode: openCode }),
	]);
}

function triggerWorkflow() {
	return chainWorkflow('benchTrigger', 'Bench: ECTicket Trigger', [
		node('ECPay ECTicket Trigger', TRIGGER, TRIGGER_VERSION, 0, { events: ['refund', 'useStatus'], options: {} }, {
			webhookId: TRIGGER_WEBHOOK_ID,
			credentials: { ecPayEcTicketApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		}),
		node('Done', 'n8n-nodes-base.noOp', 1, 220, {}),
	]);
}

function plainWebhookWorkflow() {
	return chainWorkflow('benchPlainWebhook', 'Bench: plain Webhook', [
		node('Webhook', 'n8n-nodes-base.webhook', 2, 0, { httpMethod: 'POST', path: 'bench-plain', responseMode: 'onReceived', options: {} }, { webhookId: PLAIN_WEBHOOK_ID }),
		node('Done', 'n8n-nodes-base.noOp', 1, 220, {}),
	]);
}

function headerAuthWebhookWorkflow() {
	return chainWorkflow('benchAuthWebhook', 'Bench: Webhook with Header Auth', [
		node('Webhook', 'n8n-nodes-base.webhook', 2, 0, { httpMethod: 'POST', path: 'bench-auth', responseMode: 'onReceived', authentication: 'headerAuth', options: {} }, {
			webhookId: AUTH_WEBHOOK_ID,
			credentials: { httpHeaderAuth: { id: HEADER_AUTH.id, name: HEADER_AUTH.name } },
		}),
		node('Done', 'n8n-nodes-base.noOp', 1, 220, {}),
	]);
}

/* ------------------------------------------------------------------ helpers */

/** The items of a node's first output in `n8n execute --rawOutput` JSON. */
function outputOf(/** @type {any} */ run, /** @type {string} */ nodeName) {
	return (run?.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0] ?? []).map((/** @type {any} */ i) => i.json);
}

/**
 * One `n8n execute --id` timed from spawn to exit; checks every item came back issued.
 * @param {InstanceType<typeof N8n>} n8n @param {string} id @param {string} lastNode @param {number} count
 */
async function timedExecute(n8n, id, lastNode, count) {
	const t0 = performance.now();
	const result = await n8n.execute(id);
	const wallMs = performance.now() - t0;
	const items = outputOf(result.run, lastNode);
	const ok = items.filter((/** @type {any} */ i) => i.RtnCode === 1).length;
	if (result.code !== 0 || ok !== count) {
		throw new Error(`${id}: exit ${result.code}, ${ok}/${count} issued\n${(result.stderr || result.stdout).slice(-1500)}`);
	}
	return wallMs;
}

/** Signed use-status notifications, each about another ticket. @param {number} count */
function notificationBodies(count) {
	const codec = new Codec({ hashKey: MERCHANT.hashKey, hashIV: MERCHANT.hashIV });
	const bodies = [];
	for (let i = 0; i < count; i++) {
		const n = String(i).padStart(6, '0');
		bodies.push(JSON.stringify(sealRequest(codec, { merchantId: MERCHANT.merchantId }, {
			MerchantID: MERCHANT.merchantId,
			MerchantTradeNo: `BENCHNTF${n}`,
			FreeTradeNo: '',
			TicketTradeNo: `20261125143${n.slice(1)}`,
			TicketNo: `BENCHTICKET${n}`.slice(0, 16),
			WriteOffNo: `2026112500${String(i).padStart(8, '0')}`,
			UseStatus: 2,
			WriteOffDate: '2026/11/25 14:31:00',
		})));
	}
	return bodies;
}

/** Executions of a workflow in a state, counted by n8n's REST API. */
async function countExecutions(/** @type {InstanceType<typeof N8n>} */ n8n, /** @type {string} */ workflowId, /** @type {string[]} */ status) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status }));
	const data = await n8n.rest('GET', `/executions?filter=${filter}&limit=1`);
	return Number(data.count ?? 0);
}

/** Waits until `target` executions of the workflow succeeded; returns when that happened. */
async function waitForSuccesses(/** @type {InstanceType<typeof N8n>} */ n8n, /** @type {string} */ workflowId, /** @type {number} */ target, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const done = await countExecutions(n8n, workflowId, ['success']);
		if (done >= target) return performance.now();
		if (Date.now() > deadline) throw new Error(`${workflowId}: only ${done}/${target} executions succeeded`);
		await sleep(100);
	}
}

/** POSTs one body until the webhook answers 200 (n8n registers webhooks after readiness). */
async function waitForWebhook(/** @type {string} */ url, /** @type {string} */ body, /** @type {{ name: string, value: string }} */ header) {
	for (let i = 0; i < 240; i++) {
		try {
			const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [header.name]: header.value }, body });
			await r.arrayBuffer();
			if (r.status === 200) return;
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
	throw new Error(`${url} never answered 200`);
}

/* ------------------------------------------------------------------ main */

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const runs = Number(args.runs ?? 3);
	const count = Number(args.items ?? 1000);
	const loadSeconds = Number(args['load-seconds'] ?? 8);
	const loadConcurrency = Number(args['load-concurrency'] ?? 10);
	const triggerRounds = Number(args['trigger-rounds'] ?? 3);
	// Each body is sent once per side (the trigger starts one execution per event): enough for
	// every burst at up to 1,500 a second.
	const notifications = Math.max(2000, Math.ceil(loadSeconds * triggerRounds * 1500) + 200);
	const port = Number(args.port ?? 5790);
	const parts = String(args.parts ?? 'batch,trigger').split(',');
	const triggerSides = /** @type {Array<'trigger' | 'plainWebhook' | 'headerAuthWebhook'>} */ (String(args.sides ?? 'trigger,plainWebhook,headerAuthWebhook').split(','));

	// The Code node may require('crypto') only when n8n is told so; it applies to both workflows.
	process.env.NODE_FUNCTION_ALLOW_BUILTIN = 'crypto';
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ecticket-bench-'));
	const t0 = Date.now();
	const sim = await startSimulatorProcess({ issueDelayMs: 0 });
	const n8n = new N8n({ port });
	/** @type {Record<string, any>} */
	const result = { n8nBin: n8n.bin, userFolder: n8n.userFolder, env: { NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' }, typeVersions: { node: NODE_VERSION, trigger: TRIGGER_VERSION } };
	try {
		log('building and packing the package, installing it into a fresh n8n user folder');
		n8n.installPackage(packPackage(work));
		await n8n.importJson('credentials', [
			{ ...CREDENTIAL, data: { environment: 'custom', baseUrl: sim.url, merchantId: MERCHANT.merchantId, hashKeySecret: MERCHANT.hashKey, hashIvSecret: MERCHANT.hashIV } },
			{ ...HEADER_AUTH, data: HEADER },
		]);
		// One import for all of them: every n8n CLI call costs seconds of start-up.
		await n8n.importJson('workflow', [nodeWorkflow(count), nodeJsonWorkflow(count), alternativeWorkflow(count, sim.url, true), alternativeWorkflow(count, sim.url, false), triggerWorkflow(), plainWebhookWorkflow(), headerAuthWebhookWorkflow()]);
		result.setupSeconds = (Date.now() - t0) / 1000;

		if (parts.includes('batch')) {
			/** @type {Record<string, number[]>} */
			const wall = { node: [], nodeJson: [], alternativeBatched: [], alternativeUnbatched: [] };
			const cases = /** @type {const} */ ([
				['node', 'benchIssueWithNode', 'Issue'],
				['nodeJson', 'benchIssueWithNodeJson', 'Issue'],
				['alternativeBatched', 'benchIssueAltBatch', 'Open'],
				['alternativeUnbatched', 'benchIssueAltAll', 'Open'],
			]);
			for (let r = 0; r < runs; r++) {
				// Rotate the order so drift (database growth, page cache) hits every side alike.
				for (let k = 0; k < cases.length; k++) {
					const [key, id, last] = cases[(k + r) % cases.length];
					await sim.reset();
					if (args['execute-profile']) process.env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${path.resolve(String(args['execute-profile']), key)}`;
					const ms = await timedExecute(n8n, id, last, count);
					delete process.env.NODE_OPTIONS;
					wall[key].push(ms);
					log(`run ${r + 1}/${runs} ${key}: ${(ms / 1000).toFixed(2)} s`);
				}
			}
			result.batch = {
				items: count,
				runs,
				wallMs: wall,
				medianMs: Object.fromEntries(Object.entries(wall).map(([k, v]) => [k, median(v)])),
				ratioToBatched: median(wall.node.map((v, i) => v / wall.alternativeBatched[i])),
				ratioToUnbatched: median(wall.node.map((v, i) => v / wall.alternativeUnbatched[i])),
				ratioJsonToBatched: median(wall.nodeJson.map((v, i) => v / wall.alternativeBatched[i])),
			};
		}

		if (parts.includes('trigger')) {
			await n8n.mustCli(['publish:workflow', '--id=benchTrigger']);
			await n8n.mustCli(['publish:workflow', '--id=benchPlainWebhook']);
			await n8n.mustCli(['publish:workflow', '--id=benchAuthWebhook']);
			log('starting n8n with both webhook workflows published');
			if (args['server-profile']) process.env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${path.resolve(String(args['server-profile']))}`;
			await n8n.start();
			delete process.env.NODE_OPTIONS;
			await n8n.setupOwner();
			const bodies = notificationBodies(notifications);
			const bodiesFile = path.join(work, 'notifications.json');
			fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
			const urls = {
				trigger: `${n8n.baseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`,
				plainWebhook: `${n8n.baseUrl}/webhook/bench-plain`,
				headerAuthWebhook: `${n8n.baseUrl}/webhook/bench-auth`,
			};
			const ids = { trigger: 'benchTrigger', plainWebhook: 'benchPlainWebhook', headerAuthWebhook: 'benchAuthWebhook' };
			// Every side gets the very same requests, header included.
			const header = `${HEADER.name}:${HEADER.value}`;
			/** @type {Record<string, number>} executions each side's workflow has completed, as expected */
			const sent = { trigger: 0, plainWebhook: 0, headerAuthWebhook: 0 };
			/** @type {Record<string, number>} the bodies each side has used (bodies[0] reaches the webhook first) */
			const used = { trigger: 1, plainWebhook: 1, headerAuthWebhook: 1 };
			/** One burst of fresh bodies to a side; counts what it used and what n8n must run. @param {(typeof triggerSides)[number]} side @param {string[]} limit */
			const burst = async (side, limit) => {
				const load = await runChild('notify-load.js', ['--url', urls[side], '--bodies', bodiesFile, '--offset', String(used[side]), ...limit, '--concurrency', String(loadConcurrency), '--header', header]);
				if (load.exhausted) throw new Error(`${side}: the ${notifications} notification bodies ran out`);
				used[side] += load.used;
				sent[side] += load.accepted;
				return load;
			};
			for (const side of triggerSides) {
				await waitForWebhook(urls[side], bodies[0], HEADER);
				sent[side] = await waitForSuccesses(n8n, ids[side], 1).then(() => countExecutions(n8n, ids[side], ['success']));
			}
			// A short warm-up of each, so both are measured with their code paths compiled.
			for (const side of triggerSides) {
				await burst(side, ['--count', '100']);
				await waitForSuccesses(n8n, ids[side], sent[side]);
			}
			/** @type {Record<string, Record<string, number[]>>} */
			const rounds = Object.fromEntries(triggerSides.map((side) => [side, { acceptedPerSec: [], processedPerSec: [], refused: [] }]));
			for (let r = 0; r < triggerRounds; r++) {
				// Rotate the order so drift (database growth) hits every side alike.
				const order = triggerSides.map((_, i) => triggerSides[(i + r) % triggerSides.length]);
				for (const side of order) {
					const start = performance.now();
					const load = await burst(side, ['--seconds', String(loadSeconds)]);
					const finished = await waitForSuccesses(n8n, ids[side], sent[side]);
					rounds[side].acceptedPerSec.push(load.acceptedPerSec);
					rounds[side].processedPerSec.push(load.accepted / ((finished - start) / 1000));
					rounds[side].refused.push(load.refused);
					log(`round ${r + 1}/${triggerRounds} ${side}: ${load.acceptedPerSec.toFixed(0)} accepted/s, ${(load.accepted / ((finished - start) / 1000)).toFixed(0)} executions/s, ${load.refused} refused`);
				}
			}
			const paired = (/** @type {string} */ metric, /** @type {string} */ baseline) =>
				rounds.trigger && rounds[baseline] ? median(rounds.trigger[metric].map((/** @type {number} */ v, /** @type {number} */ i) => v / rounds[baseline][metric][i])) : NaN;
			result.trigger = {
				loadSeconds,
				loadConcurrency,
				header: HEADER.name,
				rounds,
				medianAcceptedPerSec: Object.fromEntries(triggerSides.map((side) => [side, median(rounds[side].acceptedPerSec)])),
				medianProcessedPerSec: Object.fromEntries(triggerSides.map((side) => [side, median(rounds[side].processedPerSec)])),
				ratioAccepted: paired('acceptedPerSec', 'plainWebhook'),
				ratioProcessed: paired('processedPerSec', 'plainWebhook'),
				ratioAcceptedToHeaderAuth: paired('acceptedPerSec', 'headerAuthWebhook'),
				ratioProcessedToHeaderAuth: paired('processedPerSec', 'headerAuthWebhook'),
			};
		}
	} finally {
		await n8n.stop();
		await sim.stop();
		fs.rmSync(work, { recursive: true, force: true });
		if (!args['keep-user-folder']) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
	}
	result.totalSeconds = (Date.now() - t0) / 1000;
	report(result);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

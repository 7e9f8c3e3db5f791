// @ts-check
'use strict';
/**
 * End-to-end suite: the packed package inside a real, pinned n8n, against the local simulator.
 *   bash scripts/e2e.sh        (installs n8n on first use; prints "N passed, N failed")
 * Covers the credential test through n8n's own endpoint, `n8n execute` of every IssueType with
 * Wait for Issuance, an invalid item, the example workflows, a published trigger workflow
 * receiving the simulator's notifications, forged notifications, and the editor in Chromium.
 */
require('ts-node').register({ transpileOnly: true });
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8n, ROOT, outputOf, packPackage } = require('./lib/n8n');
const { startCli } = require('../simulator/cliProcess');
const { assert, checklist, equal } = require('./lib/checks');
const { exampleChecks } = require('./examples');
const { ackAfterSuccessWorkflow, ACK_AFTER_SUCCESS_WEBHOOK, issueWorkflow, invalidItemWorkflow, notifyingIssueWorkflow, CREDENTIAL } = require('./workflows');
const { Codec } = require('../protocol/crypto');
const { openResponse, sealRequest } = require('../protocol/envelope');
const merchant = require('../simulator/merchants.json')[0];

const N8N_PORT = Number(process.env.ECTICKET_E2E_N8N_PORT ?? 5690);
const SIM_PORT = Number(process.env.ECTICKET_E2E_SIM_PORT ?? 7390);
const SIM = `http://127.0.0.1:${SIM_PORT}`;

const { results, check } = checklist({ stack: true });
const timings = {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stamp = () => Date.now().toString(36).toUpperCase();

async function simulator(method, urlPath, body) {
	const response = await fetch(`${SIM}${urlPath}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${urlPath}: HTTP ${response.status} ${text}`);
	return JSON.parse(text);
}


async function main() {
	const t0 = Date.now();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ecticket-e2e-'));
	const sim = await startCli(['--port', String(SIM_PORT), '--issue-delay', '2', '--notify-interval', '0', '--notify-retry-delay', '1']);
	const n8n = new N8n({ port: N8N_PORT });
	console.log(`# n8n ${n8n.bin.includes('n8n-') ? path.basename(path.dirname(path.dirname(path.dirname(n8n.bin)))) : n8n.bin}, user folder ${n8n.userFolder}`);
	try {
		n8n.installPackage(packPackage(work));
		const badKey = [...merchant.hashKey].reverse().join('');
		await n8n.importJson('credentials', [
			{ ...CREDENTIAL, data: { environment: 'custom', baseUrl: SIM, merchantId: merchant.merchantId, hashKeySecret: merchant.hashKey, hashIvSecret: merchant.hashIV } },
			{ id: 'ecticketCredBad', name: 'ECTicket wrong key', type: 'ecPayEcTicketApi', data: { environment: 'custom', baseUrl: SIM, merchantId: merchant.merchantId, hashKeySecret: badKey, hashIvSecret: merchant.hashIV } },
		]);
		const run = stamp();
		const orders = { 1: `E2E1${run}`, 2: `E2E2${run}`, 3: `E2E3${run}`, 4: `E2E4${run}` };
		const invalidOrder = `E2EBAD${run}`;
		const workflows = [
			...Object.entries(orders).map(([type, no]) => issueWorkflow(type, no)),
			invalidItemWorkflow(invalidOrder),
		];
		for (const wf of workflows) await n8n.importJson('workflow', wf);
		for (const example of fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json'))) {
			await n8n.mustCli(['import:workflow', `--input=${path.join(ROOT, 'examples', example)}`]);
		}
		timings.setup = (Date.now() - t0) / 1000;

		// 1. n8n execute: every IssueType, waiting for issuance, then Get Issuance Result.
		const t1 = Date.now();
		for (const [type, no] of Object.entries(orders)) {
			await check(`IssueType ${type}: issued with Wait for Issuance, then Get Issuance Result (n8n execute)`, async () => {
				const result = await n8n.execute(`e2eIssueType${type}`);
				equal(result.code, 0, `exit code (${result.stderr.slice(-300)})`);
				const [issued] = outputOf(result.run, 'Issue');
				equal(issued.RtnCode, 1, 'RtnCode');
				equal(issued.MerchantTradeNo, no, 'MerchantTradeNo');
				assert(/^\d{16}$/.test(issued.TicketTradeNo), `TicketTradeNo ${issued.TicketTradeNo}`);
				equal(issued.TicketData, type === '4' ? [{ ItemName: 'SPA課程體驗券', TicketPrice: 3200, TicketAmount: 2 }] : [{ ItemNo: 'VQT04959', TicketAmount: 2 }], 'TicketData');
				equal(issued.issuance.state, 'issued', 'issuance.state');
				equal(issued.issuance.StatusLabel, 'issued', 'issuance.StatusLabel');
				const [queried] = outputOf(result.run, 'Get Issuance Result');
				equal([queried.MerchantTradeNo, queried.TicketTradeNo, queried.Status, queried.StatusLabel], [no, issued.TicketTradeNo, 1, 'issued'], 'Get Issuance Result');
			});
		}
		await check('an invalid item fails the execution with the node\'s message and sends nothing', async () => {
			const result = await n8n.execute('e2eInvalidItem');
			assert(result.code !== 0, 'exit code must not be 0');
			const text = result.stdout + result.stderr;
			assert(text.includes('Item 0: Customer Phone (CustomerPhone) must be a Taiwan mobile number'), `message not found in: ${text.slice(-600)}`);
			const log = await simulator('GET', '/_simulator/requests');
			const requests = Array.isArray(log) ? log : log.requests;
			assert(!JSON.stringify(requests).includes(invalidOrder), 'the simulator received the invalid order');
		});
		await check('example 01: shop order → electronic tickets → one item per ticket', async () => {
			const result = await n8n.execute('ecticketExample01');
			equal(result.code, 0, 'exit code');
			const tickets = outputOf(result.run, 'Ticket numbers for the customer');
			equal(tickets.length, 2, 'tickets');
			for (const t of tickets) {
				assert(/^[A-Z0-9]{16}$/.test(t.ticketNo) && /^\d{18}$/.test(t.writeOffNo), `ticket ${JSON.stringify(t)}`);
				equal([t.status, t.email], ['unused', 'customer@example.com'], 'status and email');
			}
		});
		timings.executes = (Date.now() - t1) / 1000;

		// 2. The server: credential test, published trigger, notifications.
		const t2 = Date.now();
		await n8n.importJson('workflow', ackAfterSuccessWorkflow());
		await n8n.mustCli(['publish:workflow', '--id=ecticketExample03']);
		await n8n.mustCli(['publish:workflow', '--id=e2eAckAfterSuccess']);
		await n8n.start();
		await n8n.setupOwner();
		timings.start = (Date.now() - t2) / 1000;
		const t3 = Date.now();
		await check('credential test through n8n passes with the right keys', async () => {
			const answer = await n8n.rest('POST', '/credentials/test', { credentials: { id: CREDENTIAL.id, name: CREDENTIAL.name, type: CREDENTIAL.type, data: { environment: 'custom', baseUrl: SIM, merchantId: merchant.merchantId, hashKeySecret: merchant.hashKey, hashIvSecret: merchant.hashIV } } });
			equal(answer.status, 'OK', `status (${answer.message})`);
		});
		await check('credential test through n8n fails clearly with a wrong Hash Key', async () => {
			const answer = await n8n.rest('POST', '/credentials/test', { credentials: { id: 'ecticketCredBad', name: 'ECTicket wrong key', type: 'ecPayEcTicketApi', data: { environment: 'custom', baseUrl: SIM, merchantId: merchant.merchantId, hashKeySecret: badKey, hashIvSecret: merchant.hashIV } } });
			equal(answer.status, 'Error', 'status');
			assert(/TransCode|Hash Key/.test(answer.message) && !answer.message.includes(badKey), `message ${answer.message}`);
		});
		timings.examples = await exampleChecks(n8n, check, { simulatorUrl: SIM, merchant, stamp: run });

		const hook = `${n8n.baseUrl}/webhook/5b2f6a1e-0c3d-4e8f-9a7b-ec71c4e70003`;
		const urls = { refund: `${hook}/refund`, useStatus: `${hook}/use-status` };
		const codec = new Codec({ hashKey: merchant.hashKey, hashIV: merchant.hashIV });
		const signed = (data) => JSON.stringify(sealRequest(codec, { merchantId: merchant.merchantId }, { MerchantID: merchant.merchantId, ...data }));
		const deliver = (url, data) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: signed(data) }).then(async (r) => ({ status: r.status, text: await r.text() }));
		const acknowledged = (answer) => answer.status === 200 && openResponse(codec, answer.text).data.RtnCode === 1;
		const notifyOrder = `E2ENTF${run}`;
		let tickets = [];
		await check('an order issued with the trigger\'s /refund and /use-status Production URLs as its notify URLs', async () => {
			await n8n.importJson('workflow', notifyingIssueWorkflow(notifyOrder, urls));
			const result = await n8n.execute('e2eNotifyingIssue');
			equal(result.code, 0, `exit code (${result.stderr.slice(-300)})`);
			tickets = outputOf(result.run, 'Get the tickets');
			equal(tickets.length, 2, 'tickets');
		});
		await check('a redemption and a refund (delivered to both URLs): every delivery acknowledged, one execution per event', async () => {
			await simulator('POST', '/_simulator/tickets/redeem', { WriteOffNo: tickets[0].WriteOffNo });
			await simulator('POST', '/_simulator/tickets/refund', { TicketNo: tickets[1].TicketNo });
			await simulator('POST', '/_simulator/notifications/deliver');
			const deliveries = (await simulator('GET', '/_simulator/deliveries')).filter((d) => d.url.startsWith(hook));
			equal(deliveries.length, 3, 'deliveries (the refund reaches both URLs)');
			assert(deliveries.every((d) => d.accepted && d.ackFormat === 'envelope'), `acknowledgements ${JSON.stringify(deliveries)}`);
			const executions = await waitForExecutions(n8n, 'ecticketExample03', 2);
			await sleep(1500);
			equal((await n8n.executions('ecticketExample03')).length, 2, 'executions');
			assert(executions.every((e) => e.status === 'success'), `executions ${JSON.stringify(executions.map((e) => [e.status, e.mode]))}`);
			const items = (await Promise.all(executions.map(async (e) => (await n8n.execution(e.id)).run))).map((r) => outputOf(r, 'ECPay ECTicket Trigger')[0]);
			const redeemed = items.find((i) => i.event === 'redeemed');
			assert(redeemed && redeemed.TicketNo === tickets[0].TicketNo && redeemed.UseStatusLabel === 'redeemed' && redeemed.MerchantTradeNo === notifyOrder, `redeemed item ${JSON.stringify(items)}`);
			assert(items.some((i) => i.event === 'refunded' && i.TicketNo === tickets[1].TicketNo), `refund item ${JSON.stringify(items)}`);
		});
		await check('one refund delivered to both URLs and resent 4 times, all at once: exactly one execution', async () => {
			const before = (await n8n.executions('ecticketExample03')).length;
			const base = { MerchantTradeNo: notifyOrder, TicketTradeNo: tickets[1].TicketTradeNo, TicketNo: tickets[1].TicketNo, RefundDate: '2026/12/01 10:00:00' };
			const answers = await Promise.all(Array.from({ length: 5 }, () => [
				deliver(urls.refund, { ...base, RefundAmount: 680, Remark: '' }),
				deliver(urls.useStatus, { ...base, FreeTradeNo: '', WriteOffNo: tickets[1].WriteOffNo, UseStatus: 3, WriteOffDate: '' }),
			]).flat());
			assert(answers.every(acknowledged), `answers ${JSON.stringify(answers.map((a) => a.status))}`);
			await waitForExecutions(n8n, 'ecticketExample03', before + 1);
			await sleep(2000);
			equal((await n8n.executions('ecticketExample03')).length, before + 1, 'executions');
		});
		await check('100 distinct events, each sent twice, all at once: exactly 100 executions', async () => {
			const before = (await n8n.executions('ecticketExample03')).length;
			const event = (i) => ({ MerchantTradeNo: notifyOrder, TicketNo: `E2E${run}${String(i).padStart(4, '0')}`.slice(-16), UseStatus: 2, WriteOffDate: `2026/12/02 10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, RefundDate: '' });
			const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => [deliver(urls.useStatus, event(i)), deliver(urls.useStatus, event(i))]).flat());
			assert(answers.every(acknowledged), `answers ${JSON.stringify(answers.filter((a) => !acknowledged(a)).slice(0, 3))}`);
			await waitForExecutions(n8n, 'ecticketExample03', before + 100);
			await sleep(2000);
			equal((await n8n.executions('ecticketExample03')).length, before + 100, 'executions');
		});
		await check('Acknowledge › After the Workflow Succeeded: a failed run answers 500, ECPay\'s resend runs it again and is acknowledged', async () => {
			const ackHook = `${n8n.baseUrl}/webhook/${ACK_AFTER_SUCCESS_WEBHOOK}/refund`;
			const data = { MerchantTradeNo: notifyOrder, TicketNo: tickets[0].TicketNo, RefundAmount: 680, RefundDate: '2026/12/03 10:00:00', Remark: '' };
			const first = await deliver(ackHook, data);
			equal(first.status, 500, `first delivery (${first.text})`);
			const resend = await deliver(ackHook, data);
			assert(acknowledged(resend), `resend ${resend.status} ${resend.text.slice(0, 200)}`);
			const later = await deliver(ackHook, data);
			assert(acknowledged(later), 'a later resend is acknowledged');
			const executions = await waitForExecutions(n8n, 'e2eAckAfterSuccess', 2);
			equal(executions.map((e) => e.status).sort(), ['error', 'success'], 'one failed, one successful execution');
		});
		await check('a forged notification gets 401 and records no execution', async () => {
			const before = (await n8n.executions('ecticketExample03')).length;
			const forged = { ...sealRequest(codec, { merchantId: merchant.merchantId }, { MerchantID: merchant.merchantId, TicketNo: tickets[0].TicketNo, UseStatus: 3 }), CheckMacValue: 'A'.repeat(64) };
			const r = await fetch(urls.useStatus, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forged) });
			equal(r.status, 401, 'status');
			await sleep(1500);
			equal((await n8n.executions('ecticketExample03')).length, before, 'executions');
		});
		timings.trigger = (Date.now() - t3) / 1000;

		await check('no HashKey or HashIV in n8n\'s log, the CLI output or the stored executions', async () => {
			const executions = await n8n.executions('ecticketExample03');
			const stored = await Promise.all(executions.map((e) => n8n.rest('GET', `/executions/${e.id}`)));
			const texts = [fs.readFileSync(n8n.logFile, 'utf8'), ...n8n.transcript, JSON.stringify(stored)];
			const secrets = [merchant.hashKey, merchant.hashIV, badKey];
			const leaks = texts.filter((t) => secrets.some((k) => t.includes(k))).length;
			equal(leaks, 0, 'texts holding a key');
			assert(texts.join('').length > 10_000, 'the scan read almost nothing');
		});

		if (process.env.ECTICKET_E2E_BROWSER !== '0') {
			const t4 = Date.now();
			const { editorChecks } = require('./browser');
			await editorChecks(n8n, check);
			timings.browser = (Date.now() - t4) / 1000;
		}
	} finally {
		await n8n.stop();
		await sim.stop();
		// An n8n user folder is about 200 MB; keep it only when asked (to read n8n.log).
		if (process.env.ECTICKET_E2E_KEEP !== '1') fs.rmSync(n8n.userFolder, { recursive: true, force: true });
		fs.rmSync(work, { recursive: true, force: true });
	}
	timings.total = (Date.now() - t0) / 1000;
	const passed = results.filter((r) => r.ok).length;
	console.log(`# timings (s): ${JSON.stringify(timings)}`);
	console.log(`${passed} passed, ${results.length - passed} failed`);
	process.exit(results.length && passed === results.length ? 0 : 1);
}

async function waitForExecutions(n8n, workflowId, count) {
	for (let i = 0; i < 120; i++) {
		const executions = await n8n.executions(workflowId);
		if (executions.length >= count && executions.every((e) => e.status !== 'running' && e.status !== 'new')) return executions;
		await sleep(500);
	}
	throw new Error(`fewer than ${count} finished executions of ${workflowId}`);
}

main().catch((error) => {
	console.error(error);
	console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
	process.exit(1);
});

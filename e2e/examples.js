// @ts-check
'use strict';
/**
 * The end-to-end checks of examples 02, 04 and 05, each run as its users run it, in the n8n that
 * e2e/run.js started (owner logged in, examples imported, the simulator with a 2 s issue delay):
 *   02 issue without waiting → the pending-orders Data Table → the hourly check (run from its
 *      Schedule Trigger, as "Execute workflow" does) removes issued and failed orders;
 *   04 a shop's order webhook, answered at once → Issue from JSON → an email with the tickets,
 *      received by a local SMTP sink (e2e/lib/smtpSink.js);
 *   05 the store-counter form, submitted over HTTP as its page does in a browser → Redeem → the
 *      ending page.
 * The ticket numbers are compared with the simulator's own, asked with signed ECPay calls.
 */
const path = require('node:path');

const { assert, equal } = require('./lib/checks');
const { outputOf } = require('./lib/n8n');
const { startSmtpSink } = require('./lib/smtpSink');
const { submitN8nForm } = require('./lib/n8nForm');

/** The credentials examples 04 and 05 name besides the ECPay one, as a user creates them. */
const SMTP_CREDENTIAL = { id: 'ecticketSmtp001', name: 'Shop email (SMTP)', type: 'smtp' };
const COUNTER_LOGIN = { user: 'counter', password: 'EcTicketCounter2026' };
const COUNTER_CREDENTIAL = { id: 'ecticketCounter01', name: 'Store counter login', type: 'httpBasicAuth', data: COUNTER_LOGIN };
/** The Data Table example 02 reads and writes, with the columns its set-up note asks for. */
const PENDING_TABLE = { name: 'ECTicket pending orders', columns: [{ name: 'orderNo', type: 'string' }, { name: 'customerEmail', type: 'string' }] };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Signed ECPay calls to the simulator, as the merchant: the numbers the simulator really holds. */
function ecpayClient(simulatorUrl, merchant) {
	// TypeScript: loaded here, once e2e/run.js has registered ts-node (the demo needs none of it).
	const { Codec } = require('../protocol/crypto');
	const { openResponse, sealRequest } = require('../protocol/envelope');
	const codec = new Codec({ hashKey: merchant.hashKey, hashIV: merchant.hashIV });
	return async (endpoint, data) => {
		const envelope = sealRequest(codec, { merchantId: merchant.merchantId }, { MerchantID: merchant.merchantId, ...data });
		const response = await fetch(`${simulatorUrl}${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
		return openResponse(codec, await response.text()).data;
	};
}

async function finished(n8n, id, timeoutMs = 90_000) {
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(300)) {
		const found = await n8n.execution(id);
		if (!['new', 'running', 'waiting'].includes(found.status)) return found;
	}
	throw new Error(`execution ${id} did not finish in ${timeoutMs / 1000} s`);
}

/** "Execute workflow" in the editor, starting from the given trigger; resolves to the finished execution. */
async function runFromTrigger(n8n, workflowId, trigger) {
	const { executionId } = await n8n.rest('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: trigger } });
	assert(executionId, `no execution started from ${trigger}`);
	return finished(n8n, executionId);
}

/**
 * "Publish" in the editor. n8n 2.41 publishes through an outbox: the workflow's webhooks answer
 * once its publication status says "published", a moment after the call returns.
 */
async function publish(n8n, workflowId) {
	const { versionId } = await n8n.rest('GET', `/workflows/${workflowId}`);
	await n8n.rest('POST', `/workflows/${workflowId}/activate`, { versionId });
	for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
		const publication = await n8n.rest('GET', `/workflows/${workflowId}/publication-status`);
		if (publication.status === 'published') return;
		if (publication.status === 'failed' || publication.status === 'partial' || Date.now() > deadline) {
			throw new Error(`publishing ${workflowId}: ${JSON.stringify(publication)}`);
		}
	}
}

/**
 * What the set-up notes of examples 02, 04 and 05 ask a user to do, in a started n8n with the
 * examples imported: the SMTP credential (here: a local sink), the counter login, the Data Table
 * of pending orders, and examples 04 and 05 published. Used by the e2e suite and the demo.
 * @param {import('./lib/n8n').N8n} n8n
 * @param {{ smtpPort: number }} options
 */
async function setUpExamples(n8n, { smtpPort }) {
	await n8n.importJson('credentials', [
		{ ...SMTP_CREDENTIAL, data: { host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true, user: '', password: '' } },
		COUNTER_CREDENTIAL,
	]);
	const project = await n8n.rest('GET', '/projects/personal');
	const created = await n8n.rest('POST', `/projects/${project.id}/data-tables`, PENDING_TABLE);
	await publish(n8n, 'ecticketExample04');
	await publish(n8n, 'ecticketExample05');
	return { table: { id: created.id, projectId: project.id }, shopWebhook: `${n8n.baseUrl}/webhook/shop-order`, counterForm: `${n8n.baseUrl}/form/ticket-counter` };
}

/**
 * With ECTICKET_SCREENSHOTS set (and Debian's Chromium there): example 02 in the editor, the
 * counter form and its answer to an unknown number, as the README shows them.
 * @param {import('./lib/n8n').N8n} n8n
 * @param {string} dir
 */
async function screenshots(n8n, dir) {
	const { chromium } = require('playwright-core');
	const { OWNER } = require('./lib/n8n');
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'] });
	try {
		const editor = await browser.newPage({ viewport: { width: 1600, height: 900 } });
		await editor.goto(`${n8n.baseUrl}/signin`);
		await editor.fill('input[name="emailOrLdapLoginId"]', OWNER.email);
		await editor.fill('input[name="password"]', OWNER.password);
		await editor.locator('[data-test-id="form-submit-button"]').click();
		await editor.waitForURL((url) => !url.pathname.includes('signin'));
		await editor.goto(`${n8n.baseUrl}/workflow/ecticketExample02`);
		await editor.locator('[data-node-name="Remove from pending orders"]').first().waitFor();
		await editor.keyboard.press('1'); // zoom to fit
		await editor.waitForTimeout(800);
		await editor.screenshot({ path: path.join(dir, 'example-02-pending-orders.png') });
		const context = await browser.newContext({ viewport: { width: 700, height: 420 }, httpCredentials: { username: COUNTER_LOGIN.user, password: COUNTER_LOGIN.password } });
		const counter = await context.newPage();
		await counter.goto(`${n8n.baseUrl}/form/ticket-counter`);
		await counter.screenshot({ path: path.join(dir, 'example-05-counter-form.png') });
		await counter.fill('input[name="field-0"]', '999999999999999999');
		await counter.click('#submit-btn');
		await counter.getByText('Not redeemed').first().waitFor();
		await counter.screenshot({ path: path.join(dir, 'example-05-not-redeemed.png') });
	} finally {
		await browser.close();
	}
}

/**
 * @param {import('./lib/n8n').N8n} n8n  started, owner logged in, the examples imported
 * @param {(name: string, fn: () => Promise<void>) => Promise<void>} check
 * @param {{ simulatorUrl: string, merchant: { merchantId: string, hashKey: string, hashIV: string }, stamp: string }} context
 * @returns {Promise<number>} the seconds the checks took
 */
async function exampleChecks(n8n, check, { simulatorUrl, merchant, stamp }) {
	const t0 = Date.now();
	const ecpay = ecpayClient(simulatorUrl, merchant);
	const sink = await startSmtpSink();
	let table = { id: '', projectId: '' };
	const tableRows = async () => (await n8n.rest('GET', `/projects/${table.projectId}/data-tables/${table.id}/rows?take=100`)).data;
	try {
		await check('examples set up as their notes say: SMTP and counter-login credentials, the pending-orders Data Table, examples 04 and 05 published', async () => {
			({ table } = await setUpExamples(n8n, { smtpPort: sink.port }));
		});

		// Example 04: the shop's webhook.
		const shopOrder = {
			order_number: `#${1000 + (parseInt(stamp, 36) % 9000)}`,
			line_items: [
				{ sku: 'VQT04959', title: '下午茶套餐兌換券', quantity: 2 },
				{ sku: 'VNS21400', title: '雙人電影票', quantity: 1 },
			],
			customer: { name: '王小明', phone: '0912-345-678', email: `buyer-${stamp.toLowerCase()}@example.com` },
		};
		const shopOrderNo = `SHOP${shopOrder.order_number.slice(1)}`;
		let tickets = [];
		await check(`example 04: the shop's order webhook (${shopOrder.order_number}) is answered at once, while the issuance is still under way`, async () => {
			const answer = await fetch(`${n8n.baseUrl}/webhook/shop-order`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(shopOrder) });
			const body = await answer.text();
			equal([answer.status, JSON.parse(body)], [200, { received: true, order: shopOrder.order_number }], 'answer to the shop');
			const executions = await n8n.executions('ecticketExample04');
			equal(executions.length, 1, 'executions');
			assert(['new', 'running'].includes(executions[0].status), `the execution should still be waiting for ECPay, it is ${executions[0].status}`);
		});
		await check('example 04: the buyer gets one email with every ticket and write-off number the simulator issued', async () => {
			const [started] = await n8n.executions('ecticketExample04');
			const done = await finished(n8n, started.id, 120_000);
			const error = done.run.data?.resultData?.error;
			equal(done.status, 'success', `execution status (${done.run.data?.resultData?.lastNodeExecuted}: ${error?.message ?? ''} ${error?.description ?? ''})`);
			const mail = await sink.waitFor((m) => m.to.includes(shopOrder.customer.email), 10_000);
			const order = await ecpay('/api/Ticket/QueryOrderInfo', { MerchantTradeNo: shopOrderNo, PageNum: 1 });
			tickets = /** @type {Array<Record<string, string>>} */ (order.TicketList ?? []);
			equal(tickets.length, 3, `tickets the simulator issued for ${shopOrderNo} (RtnCode ${order.RtnCode} ${order.RtnMsg})`);
			const missing = tickets.filter((t) => !mail.text.includes(t.TicketNo) || !mail.text.includes(t.WriteOffNo));
			assert(missing.length === 0, `ticket numbers missing from the email: ${JSON.stringify(missing)}\n${mail.text}`);
			assert(mail.subject.includes(shopOrder.order_number) && mail.text.includes(shopOrder.customer.name), `subject ${mail.subject}, text ${mail.text}`);
			equal(sink.mails.filter((m) => m.to.includes(shopOrder.customer.email)).length, 1, 'emails to the buyer');
		});
		await check('example 04: the shop sending the same order again is answered, nothing is issued twice, the buyer gets the same tickets again', async () => {
			const answer = await fetch(`${n8n.baseUrl}/webhook/shop-order`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(shopOrder) });
			equal(answer.status, 200, 'answer to the shop');
			const [again] = await n8n.executions('ecticketExample04');
			const done = await finished(n8n, again.id);
			equal(done.status, 'success', 'execution status');
			const [issued] = outputOf(done.run, 'Issue electronic tickets');
			equal([issued.issuedBefore, issued.issuance.state], [true, 'issued'], 'Issue output');
			const order = await ecpay('/api/Ticket/QueryOrderInfo', { MerchantTradeNo: shopOrderNo, PageNum: 1 });
			equal((order.TicketList ?? []).map((t) => t.TicketNo), tickets.map((t) => t.TicketNo), 'tickets of the order');
			const toBuyer = () => sink.mails.filter((m) => m.to.includes(shopOrder.customer.email));
			await sink.waitFor(() => toBuyer().length === 2, 10_000);
			const second = toBuyer()[1];
			assert(tickets.every((t) => second.text.includes(t.WriteOffNo)), `second email ${second.text}`);
		});

		// Example 02: the pending-orders Data Table shared by the issue part and the hourly check.
		let pendingNo = '';
		const failedNo = `E2EFAIL${stamp}`;
		const unknownNo = `NOSUCH${stamp}`;
		await check('example 02: an order issued with Wait for Issuance off lands in the pending-orders Data Table', async () => {
			const run = await runFromTrigger(n8n, 'ecticketExample02', 'Try it: issue a demo order');
			equal(run.status, 'success', 'execution status');
			const [issued] = outputOf(run.run, 'Issue without waiting');
			equal([issued.RtnCode, issued.issuance.state], [1, 'received'], 'Issue output');
			pendingNo = issued.MerchantTradeNo;
			const rows = await tableRows();
			equal(rows.map((r) => [r.orderNo, r.customerEmail]), [[pendingNo, 'customer@example.com']], 'rows of the table');
		});
		await check('example 02: the hourly check keeps processing and unreachable orders and removes issued and failed ones', async () => {
			// Another order, issued by someone else, whose issuance fails (FAILS001), and a row for an order ECPay does not know.
			const failing = await ecpay('/api/Ticket/Issue', { MerchantTradeNo: failedNo, IssueType: '3', IsImmediate: '1', Operator: 'e2e', CustomerName: '王小明', CustomerPhone: '0912345678', CustomerEmail: 'customer@example.com', TicketInfo: [{ ItemNo: 'FAILS001', TicketAmount: 1 }] });
			equal(failing.RtnCode, 1, `Issue of ${failedNo} (${failing.RtnMsg})`);
			await n8n.rest('POST', `/projects/${table.projectId}/data-tables/${table.id}/insert`, { data: [{ orderNo: failedNo, customerEmail: '' }, { orderNo: unknownNo, customerEmail: '' }] });

			// Right away: the simulator completes an order 2 s after accepting it.
			const first = await runFromTrigger(n8n, 'ecticketExample02', 'Every hour');
			equal(first.status, 'success', 'first check: execution status');
			const routed = (run) => ['Issued', 'Failed', 'Processing', 'Error or unknown'].map((_, i) => outputOf(run, 'By status', i).map((j) => j.MerchantTradeNo ?? j.error));
			const firstRoutes = routed(first.run);
			const stillProcessing = firstRoutes[2].filter((no) => no === pendingNo || no === failedNo);
			equal(firstRoutes[3].length, 1, `first check: the unknown order goes to "Error or unknown" (${JSON.stringify(firstRoutes)})`);
			const keptFirst = (await tableRows()).map((r) => r.orderNo).sort();
			equal(keptFirst, [...stillProcessing, unknownNo].sort(), `first check: rows kept (routes ${JSON.stringify(firstRoutes)})`);

			// Once the simulator has completed both orders.
			for (const no of [pendingNo, failedNo]) {
				for (let i = 0; i < 50 && (await ecpay('/api/Ticket/QueryIssueResult', { MerchantTradeNo: no })).Status === 3; i++) await sleep(200);
			}
			const second = await runFromTrigger(n8n, 'ecticketExample02', 'Every hour');
			equal(second.status, 'success', 'second check: execution status');
			const secondRoutes = routed(second.run);
			const removedFirst = [pendingNo, failedNo].filter((no) => !stillProcessing.includes(no));
			equal([secondRoutes[0].includes(pendingNo) || removedFirst.includes(pendingNo), secondRoutes[1].includes(failedNo) || removedFirst.includes(failedNo)], [true, true], `issued and failed routes ${JSON.stringify({ firstRoutes, secondRoutes })}`);
			equal((await tableRows()).map((r) => r.orderNo), [unknownNo], 'second check: rows left');
			console.log(`       (first check: ${stillProcessing.length ? `${stillProcessing.join(', ')} still processing and kept` : 'both orders already completed'})`);
		});

		// Example 05: the store counter.
		const formUrl = `${n8n.baseUrl}/form/ticket-counter`;
		await check('example 05: the store-counter form asks for the counter login', async () => {
			equal((await fetch(formUrl)).status, 401, 'form without the login');
		});
		await check('example 05: staff submit a write-off number in the form, the ticket is redeemed and the page says so', async () => {
			assert(tickets.length > 0, 'no ticket from example 04 to redeem');
			const ticket = tickets[0];
			const page = await submitN8nForm(formUrl, [ticket.WriteOffNo], COUNTER_LOGIN);
			assert(page.title.includes('Redeemed') && !page.title.includes('Not') && page.message.includes(ticket.TicketNo), `page ${JSON.stringify(page)}`);
			const held = await ecpay('/api/Ticket/QueryTicketStatus', { WriteOffNo: ticket.WriteOffNo });
			equal([held.TicketNo, held.UseStatus, Boolean(held.WriteOffDate)], [ticket.TicketNo, 2, true], 'the ticket at the simulator');
			equal((await finished(n8n, page.executionId)).status, 'success', 'execution status');
		});
		await check('example 05: a ticket already used, an unknown number and a mistyped one each get a clear "not redeemed" page, not a crash', async () => {
			const cases = [
				[tickets[0]?.WriteOffNo ?? '', /already redeemed/i],
				['999999999999999999', /No ticket|3010/i],
				['12-34 abc!', /WriteOffNo/],
			];
			for (const [number, reason] of cases) {
				const page = await submitN8nForm(formUrl, [String(number)], COUNTER_LOGIN);
				assert(page.title.includes('Not redeemed') && reason.test(page.message), `${number}: page ${JSON.stringify(page)}`);
				equal((await finished(n8n, page.executionId)).status, 'success', `${number}: execution status`);
			}
			const held = await ecpay('/api/Ticket/QueryTicketStatus', { WriteOffNo: tickets[1].WriteOffNo });
			equal(held.UseStatus, 1, 'another ticket of the order stays unused');
		});
		const shots = process.env.ECTICKET_SCREENSHOTS;
		if (shots && process.env.ECTICKET_E2E_BROWSER !== '0') {
			await check(`example screenshots in ${shots}`, () => screenshots(n8n, shots));
		}
	} finally {
		await sink.close();
	}
	return (Date.now() - t0) / 1000;
}

module.exports = { COUNTER_LOGIN, exampleChecks, setUpExamples };

// @ts-check
'use strict';
/**
 * The editor in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download). Logs in, opens the ECTicket node, switches Issue Type, Order Kind, Usable From,
 * Mail Tickets to Customer and ECTicket Mode, and asserts which fields the editor shows for each,
 * exactly per the Ticket Issuance API page. Screenshots go to ECTICKET_SCREENSHOTS (or a temp dir).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium, selectors } = require('playwright-core');
const { OWNER } = require('./lib/n8n');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Issue fields whose visibility the spec decides. */
const FIELDS = ['issueType', 'apiMode', 'paymentProvider', 'orderKind', 'merchantTradeNo', 'freeTradeNo', 'printType', 'mailToCustomer', 'isImmediate', 'operator', 'customerName', 'customerPhone', 'customerEmail', 'customerAddress', 'ticketsInput', 'itemNo', 'itemName', 'ticketPrice', 'ticketAmount', 'startDate', 'expireDate', 'validateOnly', 'waitForIssuance'];
const COMMON = ['issueType', 'apiMode', 'orderKind', 'merchantTradeNo', 'operator', 'ticketsInput', 'ticketAmount', 'expireDate', 'validateOnly', 'waitForIssuance'];

/** What the spec shows for each case (ticket-issue-api.txt), with Order Kind pickup unless said. */
const EXPECTED = [
	{ name: 'Convenience Store Ticket (1)', set: { issueType: 'Convenience Store Ticket' }, visible: [...COMMON, 'customerEmail', 'itemNo'] },
	{ name: 'Paper Ticket (2)', set: { issueType: 'Paper Ticket' }, visible: [...COMMON, 'printType', 'mailToCustomer', 'itemNo'] },
	{ name: 'Paper Ticket printed by ECPay', set: { printType: 'Printed by ECPay' }, visible: [...COMMON, 'printType', 'mailToCustomer', 'itemNo'] },
	{ name: 'Paper Ticket mailed to the customer', set: { mailToCustomer: true }, visible: [...COMMON, 'printType', 'mailToCustomer', 'customerName', 'customerAddress', 'itemNo'] },
	{ name: 'Electronic Ticket (3), usable immediately', set: { issueType: 'Electronic Ticket' }, visible: [...COMMON, 'isImmediate', 'customerName', 'customerPhone', 'customerEmail', 'itemNo'] },
	{ name: 'Electronic Ticket usable from a start date', set: { isImmediate: 'A Start Date' }, visible: [...COMMON, 'isImmediate', 'customerName', 'customerPhone', 'customerEmail', 'itemNo', 'startDate'] },
	{ name: 'Serial Number Only (4)', set: { issueType: 'Serial Number Only' }, visible: [...COMMON, 'itemName', 'ticketPrice'] },
	{ name: 'gift-voucher order (Free Trade No)', set: { orderKind: 'Gift Vouchers Only (Free Trade No)' }, visible: [...COMMON.filter((f) => f !== 'merchantTradeNo'), 'freeTradeNo', 'itemName', 'ticketPrice'] },
	{ name: 'issuance-only mode', set: { apiMode: 'Issuance Only' }, visible: [...COMMON.filter((f) => f !== 'merchantTradeNo'), 'freeTradeNo', 'itemName', 'ticketPrice', 'paymentProvider'] },
];

/** @param {import('playwright-core').Page} page */
async function visibleFields(page) {
	const shown = [];
	for (const field of FIELDS) {
		const input = page.getByTestId(`parameter-input-${field}`).or(page.getByTestId(`resource-locator-${field}`));
		if (await input.first().isVisible()) shown.push(field);
	}
	return shown.sort();
}

/** @param {import('playwright-core').Page} page */
async function setField(page, field, value) {
	const input = page.getByTestId(`parameter-input-${field}`).first();
	if (typeof value === 'boolean') {
		await input.locator('.el-switch').first().click();
	} else {
		await input.click();
		// An option's text is its name followed by its description.
		const startsWith = new RegExp(`^${value.replace(/[()]/g, '\\$&')}`);
		await page.locator('li.el-select-dropdown__item:visible').filter({ hasText: startsWith }).first().click();
	}
	await page.waitForTimeout(300);
}

/**
 * @param {import('./lib/n8n').N8n} n8n
 * @param {(name: string, fn: () => Promise<void>) => Promise<void>} check
 */
async function editorChecks(n8n, check) {
	if (!fs.existsSync(CHROMIUM)) {
		await check('the editor in Chromium', async () => {
			throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
		});
		return;
	}
	const shots = process.env.ECTICKET_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ecticket-shots-'));
	fs.mkdirSync(shots, { recursive: true });
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
	const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
	page.setDefaultTimeout(30_000);
	try {
		await check('editor: log in as the owner', async () => {
			await page.goto(`${n8n.baseUrl}/signin`);
			await page.fill('input[name="emailOrLdapLoginId"]', OWNER.email);
			await page.fill('input[name="password"]', OWNER.password);
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL((url) => !url.pathname.includes('signin'));
		});
		await check('editor: the ECTicket node opens with its fields', async () => {
			await page.goto(`${n8n.baseUrl}/workflow/e2eIssueType3`);
			await page.locator('[data-node-name="Issue"]').first().waitFor();
			await page.screenshot({ path: path.join(shots, 'workflow.png') });
			await page.locator('[data-node-name="Issue"]').first().dblclick({ force: true });
			await page.getByTestId('parameter-input-issueType').first().waitFor();
		});
		for (const expected of EXPECTED) {
			await check(`editor: fields shown for ${expected.name}`, async () => {
				for (const [field, value] of Object.entries(expected.set)) await setField(page, field, value);
				const shown = await visibleFields(page);
				const want = [...new Set(expected.visible)].sort();
				if (JSON.stringify(shown) !== JSON.stringify(want)) {
					throw new Error(`shown ${JSON.stringify(shown)}\n       expected ${JSON.stringify(want)}`);
				}
				await page.screenshot({ path: path.join(shots, `issue-${expected.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.png`) });
			});
		}
		await extraChecks(n8n, page, shots, check);
		await check('editor: the trigger shows its Production URL and what to give ECPay', async () => {
			await page.goto(`${n8n.baseUrl}/workflow/ecticketExample03`);
			await page.locator('[data-node-name="ECPay ECTicket Trigger"]').first().waitFor();
			await page.screenshot({ path: path.join(shots, 'trigger-workflow.png') });
			await page.locator('[data-node-name="ECPay ECTicket Trigger"]').first().dblclick({ force: true });
			await page.getByText('Refund Notify URL', { exact: false }).first().waitFor();
			await page.getByText('Webhook URLs', { exact: true }).first().click();
			await page.getByText('Production URL', { exact: true }).first().click();
			const url = page.getByText(`${n8n.baseUrl}/webhook/5b2f6a1e-0c3d-4e8f-9a7b-ec71c4e70003/refund`).first();
			await url.waitFor();
			await page.screenshot({ path: path.join(shots, 'trigger.png') });
		});
	} finally {
		await browser.close();
		console.log(`# screenshots in ${shots}`);
	}
}

/** Issue (Item No to pick from the list) → a step that has never run: for the list and the schema preview. */
const EDITOR_WORKFLOW = {
	name: 'E2E editor help',
	nodes: [
		{ id: 'm', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'i',
			name: 'Issue',
			type: 'n8n-nodes-ecpay-ecticket.ecPayEcTicket',
			typeVersion: 1,
			position: [240, 0],
			credentials: { ecPayEcTicketApi: { id: 'ecticketCred001', name: 'ECPay ECTicket account' } },
			parameters: { resource: 'ticket', operation: 'issue', issueType: '3', orderKind: 'pickup', merchantTradeNo: 'EDITOR0001', tickets: { line: [{ itemNo: { __rl: true, mode: 'list', value: '' }, ticketAmount: 1 }] } },
		},
		{ id: 'n', name: 'Email the customer', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [480, 0], parameters: {} },
	],
	connections: {
		Manual: { main: [[{ node: 'Issue', type: 'main', index: 0 }]] },
		Issue: { main: [[{ node: 'Email the customer', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

/**
 * Issue 13's editor help, each seen in the browser: the canvas subtitle, the notice for a pickup
 * order without notify URLs, Validate Only hiding the wait, the date picker, Item No picked from
 * the merchant's products, and the output schema a later step can map before anything ran.
 * @param {import('./lib/n8n').N8n} n8n @param {import('playwright-core').Page} page @param {string} shots
 * @param {(name: string, fn: () => Promise<void>) => Promise<void>} check
 */
async function extraChecks(n8n, page, shots, check) {
	const created = await n8n.rest('POST', '/workflows', EDITOR_WORKFLOW);
	const open = async (nodeName) => {
		await page.goto(`${n8n.baseUrl}/workflow/${created.id}`);
		const node = page.locator(`[data-node-name="${nodeName}"]`).first();
		await node.waitFor();
		return node;
	};
	await check('editor: the canvas subtitle reads "Issue · Electronic Ticket"', async () => {
		await open('Issue');
		await page.getByText('Issue · Electronic Ticket', { exact: true }).first().waitFor();
		await page.screenshot({ path: path.join(shots, 'canvas.png') });
	});
	await check('editor: a pickup order without notify URLs shows the notice; Validate Only hides the wait', async () => {
		await (await open('Issue')).dblclick({ force: true });
		const notice = page.getByText('No notify URLs', { exact: false }).first();
		await notice.waitFor();
		await notice.scrollIntoViewIfNeeded();
		await page.screenshot({ path: path.join(shots, 'issue-notice.png') });
		await setField(page, 'validateOnly', true);
		if (await page.getByTestId('parameter-input-waitForIssuance').first().isVisible()) throw new Error('Wait for Issuance still shown with Validate Only on');
		await setField(page, 'validateOnly', true);
		await page.getByTestId('parameter-input-waitForIssuance').first().waitFor();
	});
	await check('editor: Start Date is a date picker', async () => {
		await setField(page, 'isImmediate', 'A Start Date');
		await page.getByTestId('parameter-input-startDate').first().locator('.el-date-editor, input').first().click();
		await page.locator('.el-picker-panel:visible, .el-date-picker:visible').first().waitFor();
		await page.screenshot({ path: path.join(shots, 'date-picker.png') });
		await page.keyboard.press('Escape');
	});
	await check("editor: Item No › From List lists the merchant's products, searchable", async () => {
		await (await open('Issue')).dblclick({ force: true });
		const locator = page.getByTestId('resource-locator-itemNo').first();
		await locator.scrollIntoViewIfNeeded();
		await locator.getByTestId('rlc-input').first().click();
		// The list opens in a popover outside the field.
		const item = (name) => page.getByTestId('rlc-item').filter({ hasText: name }).first();
		await item('下午茶套餐兌換券 (VQT04959)').waitFor();
		await page.screenshot({ path: path.join(shots, 'item-no-list.png') });
		await page.locator('[data-test-id="rlc-search"] input, input[data-test-id="rlc-search"]').first().fill('電影');
		await item('雙人電影票 (VNS21400)').waitFor();
		await item('下午茶套餐兌換券 (VQT04959)').waitFor({ state: 'hidden' });
		await item('雙人電影票 (VNS21400)').click();
		const picked = await page.getByTestId('resource-locator-itemNo').first().locator('[data-test-id="rlc-input"] input, input[data-test-id="rlc-input"]').first().inputValue();
		if (!picked.includes('VNS21400') && !picked.includes('雙人電影票')) throw new Error(`picked "${picked}"`);
	});
	await check('editor: the next step can map the Issue output from its schema before anything ran', async () => {
		const schema = await (await fetch(`${n8n.baseUrl}/schemas/n8n-nodes-ecpay-ecticket.ecPayEcTicket/1.0.0/ticket/issue.json`)).json();
		if (!schema?.properties?.TicketTradeNo) throw new Error(`no Issue schema served: ${JSON.stringify(schema).slice(0, 200)}`);
		await (await open('Email the customer')).dblclick({ force: true });
		await page.getByText('TicketTradeNo', { exact: true }).first().waitFor();
		await page.screenshot({ path: path.join(shots, 'schema-preview.png') });
	});
}

module.exports = { editorChecks };

// @ts-check
'use strict';
/**
 * The credential and workflows the queue-mode suite imports (and publishes) before n8n's main
 * process starts: shop orders arriving as webhook calls and issued by the package's node, and a
 * published ECPay ECTicket Trigger.
 */

const PACKAGE = 'n8n-nodes-ecpay-ecticket';
const CREDENTIAL = { id: 'qmEcticketCred01', name: 'ECPay ECTicket (queue suite)', type: 'ecPayEcTicketApi' };
const credentials = { ecPayEcTicketApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };

/** Production URLs are /webhook/<path> for the Webhook node, /webhook/<webhookId>/refund and /use-status (and /webhook for both) for the trigger. */
const PATHS = { issue: 'qm-issue', issueNotify: 'qm-issue-notify' };
const TRIGGER_WEBHOOK_ID = '9d1c3e55-7a2b-4c1d-8e0f-ec71c4e7a0e1';
const IDS = { issue: 'qmIssueOrder0001', issueNotify: 'qmIssueNotify001', trigger: 'qmTriggerAck0001' };

/** @param {{ merchantId: string, hashKey: string, hashIV: string }} merchant @param {string} baseUrl */
function credentialFile(merchant, baseUrl) {
	return [{ ...CREDENTIAL, data: { environment: 'custom', baseUrl, merchantId: merchant.merchantId, hashKeySecret: merchant.hashKey, hashIvSecret: merchant.hashIV } }];
}

/** @param {string} name @param {string} type @param {number} version @param {number} x @param {object} parameters @param {object} [extra] */
const node = (name, type, version, x, parameters, extra = {}) => ({ id: name.replace(/\W/g, '').toLowerCase(), name, type, typeVersion: version, position: [x, 0], parameters, ...extra });

/** @param {string} id @param {string} name @param {any[]} nodes */
function chain(id, name, nodes) {
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const webhook = (/** @type {string} */ path, /** @type {string} */ responseData) =>
	node('Shop order', 'n8n-nodes-base.webhook', 2, 0, { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} }, { webhookId: `qm-${path}` });

/**
 * Proof 1–3: POST {orderNo} → Ticket › Issue, electronic (IssueType 3), Wait for Issuance polling
 * every second; the webhook answers the Issue node's item. The simulator issues after 2 s
 * (--issue-delay 2): that short delay is the simulator's, ECPay's job takes up to 5 minutes.
 */
const issueWorkflow = () =>
	chain(IDS.issue, 'Queue suite: shop order → issue electronic tickets', [
		webhook(PATHS.issue, 'firstEntryJson'),
		node('Issue', `${PACKAGE}.ecPayEcTicket`, 1, 240, {
			resource: 'ticket',
			operation: 'issue',
			issueType: '3',
			orderKind: 'pickup',
			merchantTradeNo: '={{ $json.body.orderNo }}',
			operator: 'queue',
			isImmediate: '1',
			customerName: '王小明',
			customerPhone: '0912345678',
			customerEmail: 'buyer@example.com',
			tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 1 }] },
			waitForIssuance: true,
			options: { pollInterval: 1 },
		}, { credentials }),
	]);

/**
 * Proof 2's orders: POST {orderNo, refundNotifyUrl, useStatusNotifyUrl, tickets} → paper tickets
 * (issued at once) with those notify URLs → Order › Get, one item per ticket; the webhook answers
 * every ticket.
 */
const issueNotifyWorkflow = () =>
	chain(IDS.issueNotify, 'Queue suite: order with notify URLs → its tickets', [
		webhook(PATHS.issueNotify, 'allEntries'),
		node('Issue', `${PACKAGE}.ecPayEcTicket`, 1, 240, {
			resource: 'ticket',
			operation: 'issue',
			issueType: '2',
			orderKind: 'pickup',
			merchantTradeNo: '={{ $json.body.orderNo }}',
			operator: 'queue',
			printType: '2',
			tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: '={{ $json.body.tickets }}' }] },
			additionalFields: { refundNotifyUrl: '={{ $json.body.refundNotifyUrl }}', useStatusNotifyUrl: '={{ $json.body.useStatusNotifyUrl }}' },
			waitForIssuance: true,
			options: { pollInterval: 1 },
		}, { credentials }),
		node('Tickets', `${PACKAGE}.ecPayEcTicket`, 1, 480, {
			resource: 'order',
			operation: 'get',
			orderKind: 'pickup',
			merchantTradeNo: '={{ $json.MerchantTradeNo }}',
			returnAll: true,
			splitTickets: true,
			options: {},
		}, { credentials }),
	]);

/**
 * Proof 2: the published trigger; each ECPay event starts one execution. Options › Main Instance
 * URL is main's own address: the webhook processors relay every delivery to main, whose trigger
 * starts the executions (one per event, n8n's deduplication key).
 * @param {string} mainUrl
 */
const triggerWorkflow = (mainUrl) =>
	chain(IDS.trigger, 'Queue suite: ECPay notifications', [
		node('ECPay ECTicket Trigger', `${PACKAGE}.ecPayEcTicketTrigger`, 2, 0, { events: ['refund', 'useStatus'], options: { mainUrl } }, { webhookId: TRIGGER_WEBHOOK_ID, credentials }),
		node('Received', 'n8n-nodes-base.noOp', 1, 240, {}),
	]);

module.exports = { CREDENTIAL, IDS, PATHS, TRIGGER_WEBHOOK_ID, credentialFile, issueWorkflow, issueNotifyWorkflow, triggerWorkflow };

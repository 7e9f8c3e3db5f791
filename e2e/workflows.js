// @ts-check
'use strict';
/** The workflows the end-to-end suite imports besides examples/: one per case it proves. */

const NODE = 'n8n-nodes-ecpay-ecticket.ecPayEcTicket';
const CREDENTIAL = { id: 'ecticketCred001', name: 'ECPay ECTicket account', type: 'ecPayEcTicketApi' };
const credentials = { ecPayEcTicketApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };

function chain(id, name, steps) {
	const nodes = [
		{ id: 'manual', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...steps.map(([stepName, parameters], i) => ({
			id: `step${i}`,
			name: stepName,
			type: NODE,
			typeVersion: 1,
			position: [220 * (i + 1), 0],
			credentials,
			parameters,
		})),
	];
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** Issue parameters valid for each IssueType (two tickets), waiting for issuance. */
function issueParameters(issueType, merchantTradeNo) {
	const base = { resource: 'ticket', operation: 'issue', issueType, orderKind: 'pickup', merchantTradeNo, operator: 'e2e', waitForIssuance: true, options: { pollInterval: 1 } };
	const line = { line: [{ itemNo: 'VQT04959', ticketAmount: 2 }] };
	switch (issueType) {
		case '1':
			return { ...base, customerEmail: 'buyer@example.com', tickets: line };
		case '2':
			return { ...base, printType: '2', tickets: line };
		case '3':
			return { ...base, isImmediate: '1', customerName: '王小明', customerPhone: '0912345678', customerEmail: 'buyer@example.com', tickets: line };
		default:
			return { ...base, tickets: { line: [{ itemName: 'SPA課程體驗券', ticketPrice: 3200, ticketAmount: 2 }] } };
	}
}

const issueWorkflow = (issueType, no) =>
	chain(`e2eIssueType${issueType}`, `E2E issue type ${issueType}`, [
		['Issue', issueParameters(issueType, no)],
		['Get Issuance Result', { resource: 'ticket', operation: 'getIssuanceResult', orderKind: 'pickup', merchantTradeNo: no, options: {} }],
	]);

const invalidItemWorkflow = (no) =>
	chain('e2eInvalidItem', 'E2E invalid item', [['Issue', { ...issueParameters('3', no), customerPhone: '0812345678' }]]);

const notifyingIssueWorkflow = (no, urls) =>
	chain('e2eNotifyingIssue', 'E2E issue with notify URLs', [
		['Issue', { ...issueParameters('2', no), additionalFields: { refundNotifyUrl: urls.refund, useStatusNotifyUrl: urls.useStatus } }],
		['Get the tickets', { resource: 'order', operation: 'get', orderKind: 'pickup', merchantTradeNo: no, splitTickets: true, options: {} }],
	]);

const ACK_AFTER_SUCCESS_WEBHOOK = '5b2f6a1e-0c3d-4e8f-9a7b-ec71c4e7a5c5';

/** A trigger acknowledging after success, whose workflow fails its first attempt at an event. */
const ackAfterSuccessWorkflow = () => ({
	id: 'e2eAckAfterSuccess',
	name: 'E2E acknowledge after success',
	active: false,
	nodes: [
		{ id: 't', name: 'ECPay ECTicket Trigger', type: `${NODE}Trigger`, typeVersion: 2, position: [0, 0], webhookId: ACK_AFTER_SUCCESS_WEBHOOK, credentials, parameters: { events: ['refund', 'useStatus'], options: { acknowledge: 'afterSuccess' } } },
		{ id: 'i', name: 'First attempt?', type: 'n8n-nodes-base.if', typeVersion: 2, position: [220, 0], parameters: { conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 }, conditions: [{ id: 'c', leftValue: '={{ $json.attempt }}', rightValue: 1, operator: { type: 'number', operation: 'equals' } }], combinator: 'and' }, looseTypeValidation: true, options: {} } },
		{ id: 'f', name: 'Fail the first attempt', type: 'n8n-nodes-base.stopAndError', typeVersion: 1, position: [440, -100], parameters: { errorMessage: 'first attempt fails' } },
		{ id: 'd', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [440, 100], parameters: {} },
	],
	connections: {
		'ECPay ECTicket Trigger': { main: [[{ node: 'First attempt?', type: 'main', index: 0 }]] },
		'First attempt?': { main: [[{ node: 'Fail the first attempt', type: 'main', index: 0 }], [{ node: 'Done', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
});

module.exports = { ACK_AFTER_SUCCESS_WEBHOOK, CREDENTIAL, ackAfterSuccessWorkflow, issueWorkflow, invalidItemWorkflow, notifyingIssueWorkflow };

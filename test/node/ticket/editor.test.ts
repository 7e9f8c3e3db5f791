/**
 * What the editor gives a user beyond the fields: the canvas subtitle, the notice for a pickup
 * order that no trigger will hear about, Validate Only (every rule checked, the request signed,
 * nothing sent) and date pickers whose values reach ECPay as yyyyMMdd. Visibility is decided by
 * n8n-workflow's own displayParameter, as the editor decides it.
 */
import type { INode, INodeParameters, INodeProperties, INodeTypes } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { EcPayEcTicket } from '../../../nodes/EcPayEcTicket/EcPayEcTicket.node';
import { openRequest } from '../../../protocol/envelope';
import { Codec } from '../../../protocol/crypto';
import { errorOf, issueCalls, issueParams, MERCHANT, outputOf, requests, run, taiwanDay, useSimulator } from '../fixtures';

const description = new EcPayEcTicket().description;
const property = (name: string) => description.properties.find((p) => p.name === name) as INodeProperties;

/** The subtitle as n8n's canvas shows it: the expression evaluated by n8n over the node's parameters. */
function subtitleOf(parameters: INodeParameters): string {
	const nodeType = new EcPayEcTicket();
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const node: INode = { id: '1', name: 'ECPay ECTicket', type: 'n8n-nodes-ecpay-ecticket.ecPayEcTicket', typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, String(description.subtitle), 'internal', {}) as string;
}

describe('the canvas subtitle', () => {
	it.each([
		[{ resource: 'ticket', operation: 'issue', issueType: '3' }, 'Issue · Electronic Ticket'],
		[{ resource: 'ticket', operation: 'issue', issueType: '1' }, 'Issue · Convenience Store Ticket'],
		[{ resource: 'ticket', operation: 'redeem' }, 'Ticket · Redeem'],
		[{ resource: 'ticket', operation: 'getIssuanceResult' }, 'Ticket · Get Issuance Result'],
		[{ resource: 'order', operation: 'getRefundInfo' }, 'Order · Get Refund Info'],
		[{ resource: 'product', operation: 'getAll' }, 'Product · Get Many'],
		[{ resource: 'merchant', operation: 'getEscrowDays' }, 'Merchant · Get Escrow Days'],
	])('%j reads "%s"', (parameters, expected) => {
		expect(subtitleOf(parameters)).toBe(expected);
	});
});

describe('the notice for a pickup order without notify URLs', () => {
	const notice = property('noNotifyUrlsNotice');
	const shown = (parameters: INodeParameters) => NodeHelpers.displayParameter(parameters, notice, null, null);
	const base = { resource: 'ticket', operation: 'issue', orderInput: 'fields', orderKind: 'pickup', additionalFields: {} };

	it('is a notice shown for a pickup order with neither URL', () => {
		expect(notice.type).toBe('notice');
		expect(shown(base)).toBe(true);
	});

	it('disappears once a notify URL is added, and for gift vouchers or orders from JSON', () => {
		expect(shown({ ...base, additionalFields: { refundNotifyUrl: 'https://n8n.example.com/webhook/x/refund' } })).toBe(false);
		expect(shown({ ...base, additionalFields: { useStatusNotifyUrl: 'https://n8n.example.com/webhook/x/use-status' } })).toBe(false);
		expect(shown({ ...base, orderKind: 'gift' })).toBe(false);
		expect(shown({ ...base, orderInput: 'json' })).toBe(false);
	});

	it('comes back when the added URL is left empty', () => {
		expect(shown({ ...base, additionalFields: { refundNotifyUrl: '' } })).toBe(true);
	});
});

const sim = useSimulator();

describe('Validate Only', () => {
	it('checks, builds and signs every order, sends nothing, and says so', async () => {
		const orders = [issueParams('3'), issueParams('3')].map((p) => p.merchantTradeNo as string);
		const result = await run(sim, { ...issueParams('3', { merchantTradeNo: '={{ $json.no }}' }), validateOnly: true, waitForIssuance: true }, { items: orders.map((no) => ({ no })) });
		const output = outputOf(result);

		expect(requests(sim).filter((r) => orders.some((no) => JSON.stringify(r.data ?? {}).includes(no)))).toEqual([]);
		expect(output.map((o) => o.json.MerchantTradeNo)).toEqual(orders);
		const codec = new Codec({ hashKey: MERCHANT.hashKey, hashIV: MERCHANT.hashIV });
		for (const [i, { json }] of output.entries()) {
			expect(json).toMatchObject({ validateOnly: true, issuance: { state: 'notSent' }, url: `${sim.url}/api/Ticket/Issue` });
			expect(json.request).toMatchObject({ MerchantID: MERCHANT.merchantId, MerchantTradeNo: orders[i], IssueType: '3' });
			// The envelope is exactly what would be sent: the simulator's codec opens and verifies it.
			expect(openRequest(codec, json.envelope).data).toEqual(json.request);
		}
		expect(result.hints.join(' ')).toMatch(/Validate Only: 2 order\(s\) passed every rule.*nothing was sent/);
	});

	it('fails an invalid item with the rule it breaks, exactly as issuing would', async () => {
		const before = issueCalls(sim).length;
		const error = errorOf(await run(sim, { ...issueParams('3', { customerPhone: '12345' }), validateOnly: true }));
		expect(error.message).toMatch(/Customer Phone \(CustomerPhone\)/);
		expect(issueCalls(sim)).toHaveLength(before);
	});

	it('hides Wait for Issuance and its options while on', () => {
		const shown = (name: string, parameters: INodeParameters) => NodeHelpers.displayParameter(parameters, property(name), null, null);
		const issue = { resource: 'ticket', operation: 'issue' };
		expect(shown('waitForIssuance', { ...issue, validateOnly: true })).toBe(false);
		expect(shown('waitForIssuance', { ...issue, validateOnly: false })).toBe(true);
	});
});

describe('date pickers', () => {
	it('are n8n date-time fields: Start Date, Expiry Date and the report dates', () => {
		const line = property('tickets').options?.[0] as { values: INodeProperties[] };
		const types = Object.fromEntries(line.values.map((v) => [v.name, v.type]));
		expect(types).toMatchObject({ startDate: 'dateTime', expireDate: 'dateTime' });
		const report = description.properties.filter((p) => p.name === 'beginDate' || p.name === 'endDate');
		expect(report.map((p) => p.type)).toEqual(['dateTime', 'dateTime']);
	});

	it('send the picked day as yyyyMMdd', async () => {
		const start = taiwanDay(10);
		const parameters = issueParams('3', {
			isImmediate: '2',
			tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 1, startDate: `${start.dashed}T00:00:00` }] },
		});
		outputOf(await run(sim, parameters));
		const sent = issueCalls(sim).find((r) => r.data?.MerchantTradeNo === parameters.merchantTradeNo);
		expect(sent?.data?.TicketInfo).toEqual([{ ItemNo: 'VQT04959', TicketAmount: 1, StartDate: start.wire }]);
	});

	it('keep the line fields in the order users fill them', () => {
		const line = property('tickets').options?.[0] as { values: INodeProperties[] };
		expect(line.values.map((v) => v.displayName)).toEqual(['Item No', 'Item Name', 'Ticket Price', 'Quantity', 'Start Date', 'Expiry Date']);
	});
});

import type { INodeProperties } from 'n8n-workflow';

import { ISSUE_TYPE_NAMES, ISSUE_TYPES } from '../../../protocol/rules/issueTypes';
import type { Operation, Resource } from './operation';
import { merchant } from './merchant';
import { order } from './order';
import { product } from './product';
import { ticket } from './ticket';

const resources: Resource[] = [ticket, order, product, merchant];

/** The node's whole editor description: resource, each resource's operations, their fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Merchant', value: 'merchant', description: 'Your ECTicket merchant settings' },
			{ name: 'Order', value: 'order', description: 'An issued order with its tickets, refunds and reports' },
			{ name: 'Product', value: 'product', description: 'Products listed in the ECPay vendor back office' },
			{ name: 'Ticket', value: 'ticket', description: 'Issue, look up, redeem and refund tickets' },
		],
		default: 'ticket',
	},
	...resources.map((resource) => resource.selector),
	...resources.flatMap((resource) => resource.operations.flatMap((operation) => operation.properties)),
];

export function operationFor(resource: string, operation: string): Operation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}

const RESOURCE_NAMES: Record<string, string> = { merchant: 'Merchant', order: 'Order', product: 'Product', ticket: 'Ticket' };

/**
 * The node's subtitle in the canvas, in the editor's words: "Issue · Electronic Ticket",
 * "Ticket · Redeem", "Order · Get Refund Info". An n8n expression over the node's own parameters.
 */
export function subtitle(): string {
	const names = Object.fromEntries(
		resources.flatMap((r) => r.operations.map((o) => [`${r.value}:${o.value}`, `${RESOURCE_NAMES[r.value]} · ${o.name}`])),
	);
	const issueTypes = Object.fromEntries(ISSUE_TYPE_NAMES.map((n) => [ISSUE_TYPES[n].code, ISSUE_TYPES[n].label]));
	names['ticket:issue'] = 'Issue';
	const operation = `${JSON.stringify(names)}[$parameter["resource"] + ":" + $parameter["operation"]]`;
	const issueType = `($parameter["operation"] === "issue" && ${JSON.stringify(issueTypes)}[$parameter["issueType"]] ? " · " + ${JSON.stringify(issueTypes)}[$parameter["issueType"]] : "")`;
	return `={{ (${operation} || $parameter["operation"]) + ${issueType} }}`;
}

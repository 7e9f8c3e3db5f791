import type { INodeProperties } from 'n8n-workflow';

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

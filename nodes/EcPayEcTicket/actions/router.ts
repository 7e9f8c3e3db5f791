import type { INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from './operation';
import { ticket } from './ticket';

const resources: Resource[] = [ticket];

/** The node's whole editor description: resource, each resource's operations, their fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Ticket', value: 'ticket', description: 'Issue tickets and follow their issuance' }],
		default: 'ticket',
	},
	...resources.map((resource) => resource.selector),
	...resources.flatMap((resource) => resource.operations.flatMap((operation) => operation.properties)),
];

export function operationFor(resource: string, operation: string): Operation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}

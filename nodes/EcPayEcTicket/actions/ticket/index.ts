import { operationOptions, type Operation, type Resource } from '../operation';
import { getIssuanceResult } from './getIssuanceResult';
import { issue } from './issue';

const operations = [issue, getIssuanceResult] as Operation[];

export const ticket: Resource = {
	value: 'ticket',
	operations,
	selector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ticket'] } },
		options: operationOptions(operations),
		default: 'issue',
	},
};

import { operationOptions, type Operation, type Resource } from '../operation';
import { getEscrowDays } from './getEscrowDays';

const operations = [getEscrowDays] as Operation[];

export const merchant: Resource = {
	value: 'merchant',
	operations,
	selector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['merchant'] } },
		options: operationOptions(operations),
		default: 'getEscrowDays',
	},
};

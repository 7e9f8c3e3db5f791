import { operationOptions, type Operation, type Resource } from '../operation';
import { get } from './get';
import { getAll } from './getAll';

const operations = [get, getAll] as Operation[];

export const product: Resource = {
	value: 'product',
	operations,
	selector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: operationOptions(operations),
		default: 'getAll',
	},
};

import { operationOptions, type Operation, type Resource } from '../operation';
import { downloadDetailReport } from './downloadDetailReport';
import { get } from './get';
import { getRefundInfo } from './getRefundInfo';

const operations = [get, getRefundInfo, downloadDetailReport] as Operation[];

export const order: Resource = {
	value: 'order',
	operations,
	selector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: operationOptions(operations),
		default: 'get',
	},
};

import { operationOptions, type Operation, type Resource } from '../operation';
import { get } from './get';
import { getIssuanceResult } from './getIssuanceResult';
import { getPrintData } from './getPrintData';
import { issue } from './issue';
import { cancelRefund, refund } from './refund';
import { cancelRedemption, redeem } from './writeOff';

const operations = [issue, getIssuanceResult, get, redeem, cancelRedemption, refund, cancelRefund, getPrintData] as Operation[];

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

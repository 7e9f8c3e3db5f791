import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { queryIssuance } from '../../transport/waitForIssuance';
import type { Operation } from '../operation';
import { optionsField, orderNumberFields, readOrderNumber } from '../sharedFields';
import { throwIfInvalid } from '../validation';
import { LIMITS } from '../../../../protocol/spec/issueRules';

const show = { resource: ['ticket'], operation: ['getIssuanceResult'] };

const properties: INodeProperties[] = [
	...orderNumberFields(show, 'given when the tickets were issued'),
	optionsField(show),
];

export const getIssuanceResult: Operation<IDataObject> = {
	value: 'getIssuanceResult',
	name: 'Get Issuance Result',
	action: 'Get the issuance result of an order',
	description: `Ask whether an order's tickets were issued, failed, or are still processing (${ENDPOINTS.queryIssueResult})`,
	properties,

	prepare(ctx, itemIndex) {
		const orderNumber = readOrderNumber(ctx, itemIndex);
		const [[field, value]] = Object.entries(orderNumber) as Array<[string, string]>;
		const max = field === 'FreeTradeNo' ? LIMITS.freeTradeNo : LIMITS.merchantTradeNo;
		if (!value) throwIfInvalid(ctx, itemIndex, [{ field, rule: 'required', message: 'is required' }]);
		else if (!/^[A-Za-z0-9]+$/.test(value) || value.length > max) {
			throwIfInvalid(ctx, itemIndex, [{ field, rule: 'charset', message: `must be at most ${max} letters and digits` }]);
		}
		return orderNumber;
	},

	run(ctx, orderNumber, itemIndex) {
		return queryIssuance(ctx, orderNumber, itemIndex);
	},
};

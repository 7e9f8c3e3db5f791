import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/rules/endpoints';
import { queryIssuance } from '../../transport/issuance';
import { checked } from '../ask';
import type { Operation } from '../operation';
import { optionsField, orderNumberFields, readOrderNumber } from '../sharedFields';

const show = { resource: ['ticket'], operation: ['getIssuanceResult'] };

export const getIssuanceResult: Operation<IDataObject> = {
	value: 'getIssuanceResult',
	name: 'Get Issuance Result',
	action: 'Get the issuance result of an order',
	description: `Ask whether an order's tickets were issued, failed, or are still processing (${ENDPOINTS.queryIssueResult})`,
	properties: [...orderNumberFields(show, 'given when the tickets were issued'), optionsField(show)],

	prepare: (x, itemIndex) => checked(x, itemIndex, 'queryIssueResult', readOrderNumber(x, itemIndex)),

	run: (x, orderNumber, itemIndex) => queryIssuance(x.client, orderNumber, itemIndex),
};

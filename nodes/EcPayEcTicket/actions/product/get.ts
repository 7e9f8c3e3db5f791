import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { ask, readChecked } from '../ask';
import type { Operation } from '../operation';
import { optionsField } from '../sharedFields';

const show = { resource: ['product'], operation: ['get'] };

export const get: Operation<IDataObject> = {
	value: 'get',
	name: 'Get',
	action: 'Get a product',
	description: 'Get one product listed in the ECPay vendor back office by its product number',
	properties: [
		{
			displayName: 'Item No',
			name: 'itemNo',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'VQT04959',
			description: 'The product number (ItemNo, up to 8 letters and digits) shown in the ECPay vendor back office under Product Management',
			displayOptions: { show },
		},
		optionsField(show),
	],

	prepare: (ctx, itemIndex) => readChecked(ctx, itemIndex, 'itemNo', 'ItemNo'),

	run: (ctx, data, itemIndex) => ask(ctx, ENDPOINTS.queryItemInfo, data, itemIndex),
};

import type { IDataObject } from 'n8n-workflow';

import { ITEM_NO } from '../../../../protocol/rules/requests';
import { ask, checked } from '../ask';
import { locatorProperty } from '../fields';
import type { Operation } from '../operation';
import { optionsField, textParameter } from '../sharedFields';

const show = { resource: ['product'], operation: ['get'] };

export const get: Operation<IDataObject> = {
	value: 'get',
	name: 'Get',
	action: 'Get a product',
	description: 'Get one product listed in the ECPay vendor back office by its product number',
	properties: [locatorProperty(ITEM_NO, { required: true, displayOptions: { show } }, 'searchProducts'), optionsField(show)],

	prepare: (x, itemIndex) => checked(x, itemIndex, 'queryItemInfo', { ItemNo: textParameter(x, 'itemNo', itemIndex) }),

	run: (x, data, itemIndex) => ask(x, 'queryItemInfo', data, itemIndex),
};

import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { checkFields, FIELD_RULES } from '../../../../protocol/spec/fieldRules';
import { callEcTicket, requireRtnCode1 } from '../../transport/request';
import type { Operation } from '../operation';
import { readable } from '../readable';
import { optionsField, textParameter } from '../sharedFields';
import { throwIfInvalid } from '../validation';

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

	prepare(ctx, itemIndex) {
		const data = { ItemNo: textParameter(ctx, 'itemNo', itemIndex) };
		throwIfInvalid(ctx, itemIndex, checkFields(data, { ItemNo: FIELD_RULES.ItemNo }));
		return data;
	},

	async run(ctx, data, itemIndex) {
		const answer = await callEcTicket(ctx, ENDPOINTS.queryItemInfo, data, { itemIndex });
		return readable(requireRtnCode1(ctx, answer, ENDPOINTS.queryItemInfo, itemIndex));
	},
};

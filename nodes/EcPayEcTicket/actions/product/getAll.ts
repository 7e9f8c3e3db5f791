import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { FIELD_RULES } from '../../../../protocol/spec/fieldRules';
import { ITEM_STATUS, RESPONSE_LISTS } from '../../../../protocol/spec/operations';
import { fetchPages } from '../../transport/paging';
import type { Operation } from '../operation';
import { readable } from '../readable';
import { optionsField, returnAllFields, textParameter } from '../sharedFields';
import { throwIfInvalid } from '../validation';

const show = { resource: ['product'], operation: ['getAll'] };

export const getAll: Operation<IDataObject> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many products',
	description: 'List your products, listed or delisted, optionally only some product numbers',
	properties: [
		{
			displayName: 'Status',
			name: 'itemStatus',
			type: 'options',
			options: [
				{ name: 'All', value: ITEM_STATUS.all },
				{ name: 'Delisted', value: ITEM_STATUS.delisted },
				{ name: 'Listed', value: ITEM_STATUS.listed },
			],
			default: '2',
			description: 'Which products to list (ItemStatus)',
			displayOptions: { show },
		},
		{
			displayName: 'Item Numbers',
			name: 'itemNos',
			type: 'string',
			default: '',
			placeholder: 'VQT04959, VNS21400',
			description: 'Only these product numbers (ItemNo), separated by commas. Empty lists every product.',
			displayOptions: { show },
		},
		...returnAllFields(show),
		optionsField(show),
	],

	prepare(ctx, itemIndex) {
		const itemNos = textParameter(ctx, 'itemNos', itemIndex)
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		throwIfInvalid(ctx, itemIndex, itemNos.flatMap((no, i) => FIELD_RULES.ItemNo(`ItemList[${i}].ItemNo`, no)));
		const data: IDataObject = { ItemStatus: ctx.getNodeParameter('itemStatus', itemIndex) as string };
		if (itemNos.length) data.ItemList = itemNos.map((ItemNo) => ({ ItemNo }));
		return data;
	},

	async run(ctx, data, itemIndex) {
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
		const { entries } = await fetchPages(ctx, ENDPOINTS.batchQueryItemInfo, data, RESPONSE_LISTS.batchQueryItemInfo, itemIndex, limit);
		return entries.map(readable);
	},
};

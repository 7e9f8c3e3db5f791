import type { IDataObject } from 'n8n-workflow';

import { readable, RESPONSE_LISTS } from '../../../../protocol/rules/answers';
import { ITEM_STATUS_FILTER } from '../../../../protocol/rules/codes';
import { ENDPOINTS } from '../../../../protocol/rules/endpoints';
import { fetchPages } from '../../transport/paging';
import { checked } from '../ask';
import type { Operation } from '../operation';
import { optionsField, returnAllFields, textParameter } from '../sharedFields';

const show = { resource: ['product'], operation: ['getAll'] };
const allProducts = ITEM_STATUS_FILTER.all;

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
				{ name: 'All', value: ITEM_STATUS_FILTER.all },
				{ name: 'Delisted', value: ITEM_STATUS_FILTER.delisted },
				{ name: 'Listed', value: ITEM_STATUS_FILTER.listed },
			],
			default: allProducts,
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

	prepare(x, itemIndex) {
		const itemNos = textParameter(x, 'itemNos', itemIndex)
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		const data: IDataObject = { ItemStatus: x.ctx.getNodeParameter('itemStatus', itemIndex) as string };
		if (itemNos.length) data.ItemList = itemNos.map((ItemNo) => ({ ItemNo }));
		// Checked with its first page; fetchPages adds PageNum page by page.
		checked(x, itemIndex, 'batchQueryItemInfo', { ...data, PageNum: 1 });
		return data;
	},

	async run(x, data, itemIndex) {
		const returnAll = x.ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (x.ctx.getNodeParameter('limit', itemIndex, 50) as number);
		const { entries } = await fetchPages(x.client, ENDPOINTS.batchQueryItemInfo, data, RESPONSE_LISTS.batchQueryItemInfo, itemIndex, limit);
		return entries.map((entry) => readable(entry) as IDataObject);
	},
};

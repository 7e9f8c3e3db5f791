import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { checkFields, FIELD_RULES } from '../../../../protocol/spec/fieldRules';
import { RESPONSE_LISTS } from '../../../../protocol/spec/operations';
import { fetchPages } from '../../transport/paging';
import type { Operation } from '../operation';
import { readable } from '../readable';
import { optionsField, orderNumberFields, readOrderNumber, returnAllFields } from '../sharedFields';
import { throwIfInvalid } from '../validation';

const show = { resource: ['order'], operation: ['get'] };

export const get: Operation<IDataObject> = {
	value: 'get',
	name: 'Get',
	action: 'Get an order with its tickets',
	description: 'Get an order\'s details, counts and amounts, and its tickets with their numbers and status',
	properties: [
		...orderNumberFields(show, 'of the order'),
		...returnAllFields(show),
		{
			displayName: 'Output One Item per Ticket',
			name: 'splitTickets',
			type: 'boolean',
			default: false,
			description: 'Whether to output each ticket as its own item (with the order numbers), instead of one item for the order holding TicketList',
			displayOptions: { show },
		},
		optionsField(show),
	],

	prepare(ctx, itemIndex) {
		const data = readOrderNumber(ctx, itemIndex);
		throwIfInvalid(ctx, itemIndex, checkFields(data, { MerchantTradeNo: FIELD_RULES.MerchantTradeNo, FreeTradeNo: FIELD_RULES.FreeTradeNo }, Object.keys(data)));
		return data;
	},

	async run(ctx, data, itemIndex) {
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
		const list = RESPONSE_LISTS.queryOrderInfo;
		const { first, entries } = await fetchPages(ctx, ENDPOINTS.queryOrderInfo, data, list, itemIndex, limit);
		if (!ctx.getNodeParameter('splitTickets', itemIndex, false)) return readable({ ...first, [list]: entries });
		const order = { MerchantTradeNo: first.MerchantTradeNo ?? '', FreeTradeNo: first.FreeTradeNo ?? '', TicketTradeNo: first.TicketTradeNo ?? '' };
		return entries.map((ticket) => readable({ ...order, ...ticket }));
	},
};

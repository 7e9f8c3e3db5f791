import type { IDataObject } from 'n8n-workflow';

import { readable, RESPONSE_LISTS } from '../../../../protocol/rules/answers';
import { ENDPOINTS } from '../../../../protocol/rules/endpoints';
import { fetchPages } from '../../transport/paging';
import { checked } from '../ask';
import type { Operation } from '../operation';
import { optionsField, orderNumberFields, readOrderNumber } from '../sharedFields';

const show = { resource: ['order'], operation: ['get'] };

export const get: Operation<IDataObject> = {
	value: 'get',
	name: 'Get',
	action: 'Get an order with its tickets',
	description: "Get an order's details, counts and amounts, and every one of its tickets with their numbers and status",
	properties: [
		...orderNumberFields(show, 'of the order'),
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

	prepare(x, itemIndex) {
		const orderNumber = readOrderNumber(x, itemIndex);
		// Checked with its first page; fetchPages adds PageNum page by page.
		checked(x, itemIndex, 'queryOrderInfo', { ...orderNumber, PageNum: 1 });
		return orderNumber;
	},

	/** The whole order: an order holds at most 100 tickets, so every page is followed. */
	async run(x, data, itemIndex) {
		const list = RESPONSE_LISTS.queryOrderInfo;
		const { first, entries } = await fetchPages(x.client, ENDPOINTS.queryOrderInfo, data, list, itemIndex);
		if (!x.ctx.getNodeParameter('splitTickets', itemIndex, false)) return readable({ ...first, [list]: entries }) as IDataObject;
		const order = { MerchantTradeNo: first.MerchantTradeNo ?? '', FreeTradeNo: first.FreeTradeNo ?? '', TicketTradeNo: first.TicketTradeNo ?? '' };
		return entries.map((ticket) => readable({ ...order, ...ticket }) as IDataObject);
	},
};

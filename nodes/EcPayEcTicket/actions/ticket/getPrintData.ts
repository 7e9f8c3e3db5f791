import type { IDataObject } from 'n8n-workflow';

import { RESPONSE_LISTS } from '../../../../protocol/rules/answers';
import { ask, checked } from '../ask';
import type { Operation } from '../operation';
import { merchantTradeNoField, optionsField, textParameter } from '../sharedFields';

const show = { resource: ['ticket'], operation: ['getPrintData'] };

export const getPrintData: Operation<IDataObject> = {
	value: 'getPrintData',
	name: 'Get Print Data',
	action: 'Get the print data of paper tickets',
	description: 'Get what you need to print the unused paper tickets of an order (when you print them yourself)',
	properties: [
		merchantTradeNoField(show, 'The order number (MerchantTradeNo) of a paper-ticket order'),
		{
			displayName: 'Output One Item per Ticket',
			name: 'splitTickets',
			type: 'boolean',
			default: true,
			description: 'Whether to output each ticket to print as its own item, instead of one item holding the list',
			displayOptions: { show },
		},
		optionsField(show),
	],

	prepare: (x, itemIndex) => checked(x, itemIndex, 'queryPrintData', { MerchantTradeNo: textParameter(x, 'merchantTradeNo', itemIndex) }),

	async run(x, data, itemIndex) {
		const answer = await ask(x, 'queryPrintData', data, itemIndex);
		if (!x.ctx.getNodeParameter('splitTickets', itemIndex, true)) return answer;
		// Each ticket carries the order's own fields (MerchantTradeNo, TicketTradeNo…) beside its own.
		const order: IDataObject = { MerchantTradeNo: data.MerchantTradeNo };
		for (const [key, value] of Object.entries(answer)) {
			if (!['RtnCode', 'RtnMsg', RESPONSE_LISTS.queryPrintData].includes(key)) order[key] = value;
		}
		const list = (answer[RESPONSE_LISTS.queryPrintData] as IDataObject[] | undefined) ?? [];
		return list.map((ticket) => ({ ...order, ...ticket }));
	},
};

import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { checkFields, FIELD_RULES } from '../../../../protocol/spec/fieldRules';
import { RESPONSE_LISTS } from '../../../../protocol/spec/operations';
import { callEcTicket, requireRtnCode1 } from '../../transport/request';
import type { Operation } from '../operation';
import { readable } from '../readable';
import { optionsField, textParameter } from '../sharedFields';
import { throwIfInvalid } from '../validation';

const show = { resource: ['ticket'], operation: ['getPrintData'] };

export const getPrintData: Operation<IDataObject> = {
	value: 'getPrintData',
	name: 'Get Print Data',
	action: 'Get the print data of paper tickets',
	description: 'Get what you need to print the unused paper tickets of an order (when you print them yourself)',
	properties: [
		{
			displayName: 'Merchant Trade No',
			name: 'merchantTradeNo',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'SHOP20261125001',
			description: 'The order number (MerchantTradeNo) of a paper-ticket order',
			displayOptions: { show },
		},
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

	prepare(ctx, itemIndex) {
		const data = { MerchantTradeNo: textParameter(ctx, 'merchantTradeNo', itemIndex) };
		throwIfInvalid(ctx, itemIndex, checkFields(data, { MerchantTradeNo: FIELD_RULES.MerchantTradeNo }));
		return data;
	},

	async run(ctx, data, itemIndex) {
		const answer = readable(
			requireRtnCode1(ctx, await callEcTicket(ctx, ENDPOINTS.queryPrintData, data, { itemIndex }), ENDPOINTS.queryPrintData, itemIndex),
		);
		if (!ctx.getNodeParameter('splitTickets', itemIndex, true)) return answer;
		const list = (answer[RESPONSE_LISTS.queryPrintData] as IDataObject[] | undefined) ?? [];
		return list.map((ticket) => ({ MerchantTradeNo: data.MerchantTradeNo, ...ticket }));
	},
};

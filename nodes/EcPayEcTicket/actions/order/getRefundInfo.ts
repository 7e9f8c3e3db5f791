import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { checkFields, FIELD_RULES } from '../../../../protocol/spec/fieldRules';
import { callEcTicket, requireRtnCode1 } from '../../transport/request';
import type { Operation } from '../operation';
import { readable } from '../readable';
import { optionsField, textParameter } from '../sharedFields';
import { throwIfInvalid } from '../validation';

const show = { resource: ['order'], operation: ['getRefundInfo'] };

export const getRefundInfo: Operation<IDataObject> = {
	value: 'getRefundInfo',
	name: 'Get Refund Info',
	action: 'Get the refunds of an order',
	description: 'Get the refunded tickets and amounts of a pickup-voucher order',
	properties: [
		{
			displayName: 'Merchant Trade No',
			name: 'merchantTradeNo',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'SHOP20261125001',
			description: 'The order number (MerchantTradeNo) of an order with pickup vouchers',
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
		const answer = await callEcTicket(ctx, ENDPOINTS.queryRefundInfo, data, { itemIndex });
		return readable(requireRtnCode1(ctx, answer, ENDPOINTS.queryRefundInfo, itemIndex));
	},
};

import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { ask, readChecked } from '../ask';
import type { Operation } from '../operation';
import { merchantTradeNoField, optionsField } from '../sharedFields';

const show = { resource: ['order'], operation: ['getRefundInfo'] };

export const getRefundInfo: Operation<IDataObject> = {
	value: 'getRefundInfo',
	name: 'Get Refund Info',
	action: 'Get the refunds of an order',
	description: 'Get the refunded tickets and amounts of a pickup-voucher order',
	properties: [
		merchantTradeNoField(show, 'The order number (MerchantTradeNo) of an order with pickup vouchers'),
		optionsField(show),
	],

	prepare: (ctx, itemIndex) => readChecked(ctx, itemIndex, 'merchantTradeNo', 'MerchantTradeNo'),

	run: (ctx, data, itemIndex) => ask(ctx, ENDPOINTS.queryRefundInfo, data, itemIndex),
};

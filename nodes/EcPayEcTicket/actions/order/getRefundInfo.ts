import type { IDataObject } from 'n8n-workflow';

import { ask, checked } from '../ask';
import type { Operation } from '../operation';
import { merchantTradeNoField, optionsField, textParameter } from '../sharedFields';

const show = { resource: ['order'], operation: ['getRefundInfo'] };

export const getRefundInfo: Operation<IDataObject> = {
	value: 'getRefundInfo',
	name: 'Get Refund Info',
	action: 'Get the refunds of an order',
	description: 'Get the refunded tickets and amounts of a pickup-voucher order',
	properties: [merchantTradeNoField(show, 'The order number (MerchantTradeNo) of an order with pickup vouchers'), optionsField(show)],

	prepare: (x, itemIndex) => checked(x, itemIndex, 'queryRefundInfo', { MerchantTradeNo: textParameter(x, 'merchantTradeNo', itemIndex) }),

	run: (x, data, itemIndex) => ask(x, 'queryRefundInfo', data, itemIndex),
};

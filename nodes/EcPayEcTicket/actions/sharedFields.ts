import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from './itemLoop';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** Pickup-voucher orders are numbered by MerchantTradeNo, gift-voucher-only orders by FreeTradeNo. */
export function orderNumberFields(show: Show, purpose: string): INodeProperties[] {
	return [
		{
			displayName: 'Order Kind',
			name: 'orderKind',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Gift Vouchers Only (Free Trade No)',
					value: 'gift',
					description: 'Every ticket is a gift voucher: the order is numbered by FreeTradeNo',
				},
				{
					name: 'Includes Pickup Vouchers (Merchant Trade No)',
					value: 'pickup',
					description: 'At least one ticket is a pickup voucher: the order is numbered by MerchantTradeNo',
				},
			],
			default: 'pickup',
			displayOptions: { show },
		},
		{
			displayName: 'Merchant Trade No',
			name: 'merchantTradeNo',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'SHOP20261125001',
			description: `Your order number (MerchantTradeNo, up to 25 letters and digits) ${purpose}`,
			displayOptions: { show: { ...show, orderKind: ['pickup'] } },
		},
		{
			displayName: 'Free Trade No',
			name: 'freeTradeNo',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'GIFT20261125001',
			description: `Your gift-voucher order number (FreeTradeNo, up to 20 letters and digits) ${purpose}`,
			displayOptions: { show: { ...show, orderKind: ['gift'] } },
		},
	];
}

/** The order number as ECPay's Data wants it: exactly one of MerchantTradeNo or FreeTradeNo. */
export function readOrderNumber(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const kind = ctx.getNodeParameter('orderKind', itemIndex) as string;
	return kind === 'gift'
		? { FreeTradeNo: String(ctx.getNodeParameter('freeTradeNo', itemIndex)).trim() }
		: { MerchantTradeNo: String(ctx.getNodeParameter('merchantTradeNo', itemIndex)).trim() };
}

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many items are sent to ECPay at the same time. ECPay blocks merchants that call too fast (HTTP 403), so stay modest.',
};

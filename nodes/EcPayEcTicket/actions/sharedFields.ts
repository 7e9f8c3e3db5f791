import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_SECONDS } from '../transport/request';
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

/**
 * A text parameter, trimmed; an expression that resolved to nothing (undefined, null) is empty,
 * never the text "undefined", so the required-rule catches it before anything is sent.
 */
export function textParameter(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

/** The order number as ECPay's Data wants it: exactly one of MerchantTradeNo or FreeTradeNo. */
export function readOrderNumber(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const kind = ctx.getNodeParameter('orderKind', itemIndex) as string;
	return kind === 'gift'
		? { FreeTradeNo: textParameter(ctx, 'freeTradeNo', itemIndex) }
		: { MerchantTradeNo: textParameter(ctx, 'merchantTradeNo', itemIndex) };
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

/** A ticket is found by its ticket number or by the write-off number printed on it. */
export function ticketIdentifierFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Find Ticket By',
			name: 'ticketBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Ticket No', value: 'ticketNo', description: 'The 16-character ticket number (TicketNo)' },
				{
					name: 'Write-Off No',
					value: 'writeOffNo',
					description: 'The 18-digit number on the ticket that a store scans to redeem it (WriteOffNo)',
				},
			],
			default: 'ticketNo',
			displayOptions: { show },
		},
		{
			displayName: 'Ticket No',
			name: 'ticketNo',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'CB2SY20220302153',
			description: 'The ticket number (TicketNo, 16 letters and digits), e.g. from Order › Get',
			displayOptions: { show: { ...show, ticketBy: ['ticketNo'] } },
		},
		writeOffNoField({ ...show, ticketBy: ['writeOffNo'] }),
	];
}

export function writeOffNoField(show: Show): INodeProperties {
	return {
		displayName: 'Write-Off No',
		name: 'writeOffNo',
		type: 'string',
		required: true,
		default: '',
		placeholder: '202611250000012345',
		description:
			'The 18-digit write-off number (WriteOffNo) printed on the ticket or shown in the customer\'s e-ticket: the number a store scans to redeem it',
		displayOptions: { show },
	};
}

/** { TicketNo } or { WriteOffNo }, as the user chose. */
export function readTicketIdentifier(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter('ticketBy', itemIndex) === 'writeOffNo'
		? { WriteOffNo: textParameter(ctx, 'writeOffNo', itemIndex) }
		: { TicketNo: textParameter(ctx, 'ticketNo', itemIndex) };
}

/** n8n's usual Return All / Limit pair for list operations. */
export function returnAllFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		'How long to wait for each answer from ECPay. Reads that time out are retried; an Issue that times out is checked with Get Issuance Result before it is ever sent again.',
};

/** The Options collection every operation has: concurrency and timeout, plus the operation's own. */
export function optionsField(show: Show, extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [concurrencyOption, timeoutOption, ...extra],
	};
}

/** The MerchantTradeNo of an existing pickup-voucher order, for the order-level queries. */
export function merchantTradeNoField(show: Show, description: string): INodeProperties {
	return {
		displayName: 'Merchant Trade No',
		name: 'merchantTradeNo',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'SHOP20261125001',
		description,
		displayOptions: { show },
	};
}

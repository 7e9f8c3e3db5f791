import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { isResourceLocatorValue } from 'n8n-workflow';

import { ISSUE_FIELDS } from '../../../protocol/rules/issueFields';
import { TICKET_NO, WRITE_OFF_NO } from '../../../protocol/rules/requests';
import { DEFAULT_CONCURRENCY } from '../transport/concurrency';
import { DEFAULT_TIMEOUT_SECONDS } from '../transport/request';
import { choice, fieldProperty, locatorProperty, type Show } from './fields';
import type { Execution } from './operation';

const spec = (wire: string) => ISSUE_FIELDS.find((f) => f.wire === wire) as (typeof ISSUE_FIELDS)[number];

/** Pickup-voucher orders are numbered by MerchantTradeNo, gift-voucher-only orders by FreeTradeNo. */
export function orderNumberFields(show: Show, purpose: string): INodeProperties[] {
	const merchantTradeNo = spec('MerchantTradeNo');
	const freeTradeNo = spec('FreeTradeNo');
	return [
		choice(
			'Order Kind',
			'orderKind',
			[
				{ name: 'Gift Vouchers Only (Free Trade No)', value: 'gift', description: 'Every ticket is a gift voucher: the order is numbered by FreeTradeNo' },
				{ name: 'Includes Pickup Vouchers (Merchant Trade No)', value: 'pickup', description: 'At least one ticket is a pickup voucher: the order is numbered by MerchantTradeNo' },
			],
			'pickup',
			show,
		),
		fieldProperty(merchantTradeNo, { required: true, description: `${merchantTradeNo.description} ${purpose}`, displayOptions: { show: { ...show, orderKind: ['pickup'] } } }),
		fieldProperty(freeTradeNo, { required: true, description: `${freeTradeNo.description} ${purpose}`, displayOptions: { show: { ...show, orderKind: ['gift'] } } }),
	];
}

/**
 * A text parameter, trimmed; an expression that resolved to nothing (undefined, null) is empty,
 * never the text "undefined", so the required rule catches it before anything is sent.
 */
export function textParameter(x: Execution, name: string, itemIndex: number): string {
	return plainText(x.ctx.getNodeParameter(name, itemIndex, '') as unknown);
}

/** A parameter's text, whether typed, mapped, or picked in a resource locator ({ __rl, mode, value }). */
export function plainText(value: unknown): string {
	const plain = isResourceLocatorValue(value) ? value.value : value;
	return plain === undefined || plain === null ? '' : String(plain).trim();
}

/** The order number as ECPay's Data wants it: exactly one of MerchantTradeNo or FreeTradeNo. */
export function readOrderNumber(x: Execution, itemIndex: number): IDataObject {
	return x.ctx.getNodeParameter('orderKind', itemIndex) === 'gift'
		? { FreeTradeNo: textParameter(x, 'freeTradeNo', itemIndex) }
		: { MerchantTradeNo: textParameter(x, 'merchantTradeNo', itemIndex) };
}

/** A ticket is found by its ticket number or by the write-off number printed on it. */
export function ticketIdentifierFields(show: Show): INodeProperties[] {
	return [
		choice(
			'Find Ticket By',
			'ticketBy',
			[
				{ name: 'Ticket No', value: 'ticketNo', description: TICKET_NO.description },
				{ name: 'Write-Off No', value: 'writeOffNo', description: WRITE_OFF_NO.description },
			],
			'ticketNo',
			show,
		),
		locatorProperty(TICKET_NO, { required: true, displayOptions: { show: { ...show, ticketBy: ['ticketNo'] } } }),
		writeOffNoField({ ...show, ticketBy: ['writeOffNo'] }),
	];
}

export const writeOffNoField = (show: Show): INodeProperties =>
	locatorProperty(WRITE_OFF_NO, { required: true, displayOptions: { show } });

/** { TicketNo } or { WriteOffNo }, as the user chose. */
export function readTicketIdentifier(x: Execution, itemIndex: number): IDataObject {
	return x.ctx.getNodeParameter('ticketBy', itemIndex) === 'writeOffNo'
		? { WriteOffNo: textParameter(x, 'writeOffNo', itemIndex) }
		: { TicketNo: textParameter(x, 'ticketNo', itemIndex) };
}

/** n8n's usual Return All / Limit pair, for lists that really come in pages. */
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

const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many items are sent to ECPay at the same time. ECPay blocks merchants that call too fast (HTTP 403), so stay modest.',
};

const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		'How long to wait for each answer from ECPay. Reads that time out are retried; a write that times out is checked with ECPay before it is ever sent again.',
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
	return fieldProperty(spec('MerchantTradeNo'), { required: true, description, displayOptions: { show } });
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { taiwanDate, validateIssue, type Violation } from '../../../../protocol/spec/issueRules';
import { issueOnce } from '../../transport/issueOnce';
import { merchantFor } from '../../transport/request';
import { waitForIssuance, waitOptions } from '../../transport/waitForIssuance';
import type { Operation, Outcome } from '../operation';
import { optionsField, orderNumberFields, readOrderNumber, textParameter } from '../sharedFields';
import { throwIfInvalid } from '../validation';

const always = { resource: ['ticket'], operation: ['issue'] };
/** The order's own fields: shown when the order is defined field by field. */
const show = { ...always, orderInput: ['fields'] };
const onlyFor = (issueType: string[], extra: IDataObject = {}) => ({
	show: { ...show, issueType, ...extra },
});

const NOTIFY_HINT =
	'Paste the Production URL of an ECPay ECTicket Trigger node here. ECPay must whitelist its domain first';

const properties: INodeProperties[] = [
	{
		displayName: 'Issue Type',
		name: 'issueType',
		type: 'options',
		options: [
			{ name: 'Convenience Store Ticket', value: '1', description: 'Redeemed at a convenience store; at most 8 tickets per order' },
			{ name: 'Electronic Ticket', value: '3', description: 'Sent to the customer by email and SMS' },
			{ name: 'Paper Ticket', value: '2', description: 'Printed by ECPay or by you; issued at once' },
			{ name: 'Serial Number Only', value: '4', description: 'Only a serial number, no listed product needed: name and price each line yourself' },
		],
		default: '3',
		description: 'Which kind of ticket to issue (IssueType). The fields below change with it.',
		displayOptions: { show: always },
	},
	{
		displayName: 'ECTicket Mode',
		name: 'apiMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Escrow, Redeem After Use',
				value: 'escrow',
				description: 'The usual ECTicket contract: ECPay holds pickup-voucher money in escrow until redemption (/api/Ticket/Issue)',
			},
			{
				name: 'Issuance Only',
				value: 'issuanceOnly',
				description: 'Your contract with ECPay covers issuing only, with payment handled elsewhere (/api/issuance/issue)',
			},
		],
		default: 'escrow',
		description: 'Which ECTicket contract your merchant account has; ask ECPay if unsure',
		displayOptions: { show: always },
	},
	{
		displayName: 'Payment Provider',
		name: 'paymentProvider',
		type: 'string',
		default: '',
		description: 'Who collected the payment, for issuance-only orders (PaymentProvider; the field name is inferred from public integrations)',
		displayOptions: { show: { ...always, apiMode: ['issuanceOnly'] } },
	},
	{
		displayName: 'Order Input',
		name: 'orderInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Fill in the order field by field' },
			{
				name: 'From JSON',
				value: 'json',
				description: 'Map the whole order from earlier nodes in one expression: fastest for large batches',
			},
		],
		default: 'fields',
		displayOptions: { show: always },
	},
	{
		displayName: 'Order (JSON)',
		name: 'orderJson',
		type: 'json',
		required: true,
		default: '{\n  "MerchantTradeNo": "SHOP20261125001",\n  "Operator": "shop",\n  "TicketInfo": [{ "ItemNo": "VQT04959", "TicketAmount": 1 }]\n}',
		description:
			'The order with ECPay\'s field names (everything of the Issue API but MerchantID and IssueType): MerchantTradeNo or FreeTradeNo, PrintType, IsImmediate, Operator, StoreID, the Customer fields, RefundNotifyURL, UseStatusNotifyURL and TicketInfo. Paper tickets with a CustomerAddress are mailed.',
		displayOptions: { show: { ...always, orderInput: ['json'] } },
	},
	...orderNumberFields(show, 'for this issuance. It can never be reused, not even after a failed issuance.'),
	{
		displayName: 'Print Type',
		name: 'printType',
		type: 'options',
		required: true,
		options: [
			{ name: 'Printed by ECPay', value: '1' },
			{ name: 'Printed by Merchant', value: '2' },
		],
		default: '2',
		description: 'Who prints the paper tickets (PrintType)',
		displayOptions: onlyFor(['2']),
	},
	{
		displayName: 'Mail Tickets to Customer',
		name: 'mailToCustomer',
		type: 'boolean',
		default: false,
		description: 'Whether the paper tickets are sent to the customer by mail; then Customer Name and Customer Address are required',
		displayOptions: onlyFor(['2']),
	},
	{
		displayName: 'Usable From',
		name: 'isImmediate',
		type: 'options',
		required: true,
		options: [
			{ name: 'Immediately', value: '1', description: 'The tickets can be used as soon as they are issued' },
			{ name: 'A Start Date', value: '2', description: 'Pre-sale: every ticket line gets a Start Date after today' },
		],
		default: '1',
		description: 'When electronic tickets become usable (IsImmediate)',
		displayOptions: onlyFor(['3']),
	},
	{
		displayName: 'Operator',
		name: 'operator',
		type: 'string',
		required: true,
		default: 'n8n',
		description: 'Who issued the tickets, kept for your records (Operator, up to 10 letters and digits)',
		displayOptions: { show },
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		required: true,
		default: '',
		placeholder: '王小明',
		description: 'Entirely in Chinese or entirely in English, 2 to 20 characters (CustomerName)',
		displayOptions: onlyFor(['3']),
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		required: true,
		default: '',
		placeholder: '王小明',
		description: 'Name on the mailed tickets: entirely in Chinese or entirely in English, 2 to 20 characters',
		displayOptions: onlyFor(['2'], { mailToCustomer: [true] }),
	},
	{
		displayName: 'Customer Phone',
		name: 'customerPhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0912345678',
		description: 'Taiwan mobile number: 10 digits starting with 09 (CustomerPhone)',
		displayOptions: onlyFor(['3']),
	},
	{
		displayName: 'Customer Email',
		name: 'customerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'Where ECPay sends the tickets (CustomerEmail, up to 80 characters)',
		displayOptions: onlyFor(['1', '3']),
	},
	{
		displayName: 'Customer Address',
		name: 'customerAddress',
		type: 'string',
		required: true,
		default: '',
		description: 'Postal address for the paper tickets (CustomerAddress, up to 100 characters)',
		displayOptions: onlyFor(['2'], { mailToCustomer: [true] }),
	},
	{
		displayName: 'Tickets Input',
		name: 'ticketsInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Enter each ticket line in the editor' },
			{ name: 'From JSON', value: 'json', description: 'Map a list of ticket lines from earlier nodes' },
		],
		default: 'fields',
		displayOptions: { show },
	},
	{
		displayName: 'Tickets',
		name: 'tickets',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Ticket Line',
		default: {},
		description: 'One line per product (TicketInfo)',
		displayOptions: { show: { ...show, ticketsInput: ['fields'] } },
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{
						displayName: 'Expire Date',
						name: 'expireDate',
						type: 'string',
						default: '',
						placeholder: '20271231',
						description: 'Last day of a gift voucher (ExpireDate, yyyyMMdd or yyyy-MM-dd): required for gift vouchers, not before the start date',
					},
					{
						displayName: 'Item Name',
						name: 'itemName',
						type: 'string',
						default: '',
						placeholder: 'SPA課程體驗券',
						description: 'Product name (ItemName): 4 to 20 characters of Chinese, English, digits and ()_/,.$%-, no spaces',
						displayOptions: { show: { '/issueType': ['4'] } },
					},
					{
						displayName: 'Item No',
						name: 'itemNo',
						type: 'string',
						default: '',
						placeholder: 'VQT04959',
						description:
							'Product number (ItemNo, up to 8 letters and digits) of a product listed in the ECPay vendor back office, under Product Management. Each product once per order.',
						displayOptions: { show: { '/issueType': ['1', '2', '3'] } },
					},
					{
						displayName: 'Start Date',
						name: 'startDate',
						type: 'string',
						default: '',
						placeholder: '20261231',
						description: 'First day the tickets can be used (StartDate, yyyyMMdd or yyyy-MM-dd), after today',
						displayOptions: { show: { '/issueType': ['3'], '/isImmediate': ['2'] } },
					},
					{
						displayName: 'Ticket Amount',
						name: 'ticketAmount',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
						description: 'How many tickets of this line (TicketAmount). An order holds at most 8 convenience-store tickets, or 100 of the other types.',
					},
					{
						displayName: 'Ticket Price',
						name: 'ticketPrice',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 999999999 },
						default: 0,
						description: 'Face value in NT$ (TicketPrice), 0 to 999,999,999',
						displayOptions: { show: { '/issueType': ['4'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Tickets (JSON)',
		name: 'ticketsJson',
		type: 'json',
		required: true,
		default: '[\n  { "ItemNo": "VQT04959", "TicketAmount": 1 }\n]',
		description:
			'An array of ticket lines with ECPay\'s field names: ItemNo and TicketAmount (types 1-3), or ItemName, TicketPrice and TicketAmount (type 4); optional StartDate and ExpireDate',
		displayOptions: { show: { ...show, ticketsInput: ['json'] } },
	},
	{
		displayName: 'Wait for Issuance',
		name: 'waitForIssuance',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep asking ECPay until the tickets are issued or failed. ECPay accepts the order at once but its scheduled job issues electronic, convenience-store and serial-number tickets within about 5 minutes.',
		displayOptions: { show: always },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Customer Email',
				name: 'customerEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Customer email address (CustomerEmail, up to 80 characters)',
				displayOptions: { show: { '/issueType': ['2', '4'] } },
			},
			{
				displayName: 'Customer Name',
				name: 'customerName',
				type: 'string',
				default: '',
				description: 'Entirely in Chinese or entirely in English, 2 to 20 characters (CustomerName)',
				displayOptions: { show: { '/issueType': ['1', '2', '4'] }, hide: { '/mailToCustomer': [true] } },
			},
			{
				displayName: 'Customer Phone',
				name: 'customerPhone',
				type: 'string',
				default: '',
				placeholder: '0912345678',
				description: 'Taiwan mobile number: 10 digits starting with 09 (CustomerPhone)',
				displayOptions: { show: { '/issueType': ['1', '2', '4'] } },
			},
			{
				displayName: 'Refund Notify URL',
				name: 'refundNotifyUrl',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…/webhook',
				description: `Where ECPay POSTs refunds of pickup vouchers (RefundNotifyURL). ${NOTIFY_HINT}.`,
			},
			{
				displayName: 'Store ID',
				name: 'storeId',
				type: 'string',
				default: '',
				description: 'Branch that issues the tickets (StoreID, 2 to 20 letters and digits) as created in the ECPay vendor back office. Empty means the main branch.',
			},
			{
				displayName: 'Use Status Notify URL',
				name: 'useStatusNotifyUrl',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…/webhook',
				description: `Where ECPay POSTs redemptions and returns of the tickets (UseStatusNotifyURL). ${NOTIFY_HINT}.`,
			},
		],
	},
	optionsField(always, waitOptions),
];

const WIRE_LINE_FIELDS = ['ItemNo', 'ItemName', 'TicketPrice', 'TicketAmount', 'StartDate', 'ExpireDate'];

/** yyyy-MM-dd, yyyy/MM/dd and ISO date-times become ECPay's yyyyMMdd; anything else is left for the rules to refuse. */
export function toWireDate(value: IDataObject[string]): IDataObject[string] {
	if (typeof value !== 'string') return value;
	const match = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:$|T)/.exec(value.trim());
	return match ? match[1] + match[2] + match[3] : value.trim();
}

/** Whole numbers that arrive as text (from forms, CSV, spreadsheets) are sent as numbers. */
const toWireNumber = (value: IDataObject[string]) =>
	typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;

/**
 * One ticket line in ECPay's form: only the fields of this IssueType, numbers as numbers, dates
 * as yyyyMMdd, StartDate only for electronic tickets usable from a start date.
 */
function wireLine(line: IDataObject, issueType: string, startsLater: boolean): IDataObject {
	const wire: IDataObject =
		issueType === '4'
			? { ItemName: line.ItemName, TicketPrice: toWireNumber(line.TicketPrice), TicketAmount: toWireNumber(line.TicketAmount) }
			: { ItemNo: line.ItemNo, TicketAmount: toWireNumber(line.TicketAmount) };
	if (startsLater) wire.StartDate = toWireDate(line.StartDate);
	if (line.ExpireDate) wire.ExpireDate = toWireDate(line.ExpireDate);
	return wire;
}

const fromEditor = (line: IDataObject): IDataObject => ({
	ItemNo: line.itemNo,
	ItemName: line.itemName,
	TicketPrice: line.ticketPrice,
	TicketAmount: line.ticketAmount,
	StartDate: line.startDate,
	ExpireDate: line.expireDate,
});

/** JSON text or an object from an expression; a parse failure is reported like a rule violation. */
function jsonParameter(ctx: IExecuteFunctions, itemIndex: number, name: string, field: string): unknown {
	const value = ctx.getNodeParameter(name, itemIndex) as unknown;
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		throwIfInvalid(ctx, itemIndex, [{ field, rule: 'type', message: 'must be valid JSON (it could not be parsed)' }]);
	}
	return undefined;
}

/** Keys outside `allowed` are refused by name, before anything is sent. */
function onlyKnownFields(ctx: IExecuteFunctions, itemIndex: number, value: object, allowed: string[], field: string): void {
	const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
	if (unknown.length) {
		throwIfInvalid(ctx, itemIndex, [{ field, rule: 'type', message: `has unknown field ${unknown.join(', ')}; allowed: ${allowed.join(', ')}` }]);
	}
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Ticket lines mapped from earlier nodes; structural problems are reported like rule violations. */
function checkedLines(ctx: IExecuteFunctions, itemIndex: number, value: unknown): IDataObject[] {
	if (!Array.isArray(value)) {
		throwIfInvalid(ctx, itemIndex, [{ field: 'TicketInfo', rule: 'type', message: 'must be an array of ticket lines' }]);
	}
	return (value as unknown[]).map((line, i) => {
		if (!isObject(line)) {
			throwIfInvalid(ctx, itemIndex, [{ field: `TicketInfo[${i}]`, rule: 'type', message: 'must be an object such as {"ItemNo":"VQT04959","TicketAmount":1}' }]);
		}
		onlyKnownFields(ctx, itemIndex, line as object, WIRE_LINE_FIELDS, `TicketInfo[${i}]`);
		return line as IDataObject;
	});
}

const ORDER_JSON_FIELDS = [
	'MerchantTradeNo', 'FreeTradeNo', 'PrintType', 'IsImmediate', 'RefundNotifyURL', 'UseStatusNotifyURL',
	'StoreID', 'Operator', 'CustomerName', 'CustomerPhone', 'CustomerEmail', 'CustomerAddress', 'TicketInfo',
];

/**
 * The whole order from one expression (Order Input › From JSON): one evaluation per item instead
 * of one per field. Paper tickets that have a CustomerAddress are the ones mailed to the customer.
 */
function orderFromJson(ctx: IExecuteFunctions, itemIndex: number): { data: IDataObject; mail: boolean } {
	const issueType = ctx.getNodeParameter('issueType', itemIndex) as string;
	const order = jsonParameter(ctx, itemIndex, 'orderJson', 'Order');
	if (!isObject(order)) {
		throwIfInvalid(ctx, itemIndex, [{ field: 'Order', rule: 'type', message: 'must be a JSON object holding the order' }]);
	}
	onlyKnownFields(ctx, itemIndex, order as object, ORDER_JSON_FIELDS, 'Order');
	const data: IDataObject = { IssueType: issueType };
	for (const [key, value] of Object.entries(order as IDataObject)) {
		if (value === undefined || value === null || value === '') continue;
		data[key] = typeof value === 'string' ? value.trim() : typeof value === 'number' && key !== 'TicketInfo' ? String(value) : value;
	}
	const startsLater = issueType === '3' && data.IsImmediate === '2';
	data.TicketInfo = checkedLines(ctx, itemIndex, (order as IDataObject).TicketInfo ?? []).map((line) => wireLine(line, issueType, startsLater));
	return { data, mail: issueType === '2' && Boolean(data.CustomerAddress) };
}

export interface IssueRequest {
	endpoint: typeof ENDPOINTS.issue | typeof ENDPOINTS.issuanceOnlyIssue;
	data: IDataObject;
}

function readIssue(ctx: IExecuteFunctions, itemIndex: number): { data: IDataObject; mail: boolean } {
	const param = <T>(name: string, fallback?: T) => ctx.getNodeParameter(name, itemIndex, fallback) as T;
	const issueType = param<string>('issueType');
	const extra = param<IDataObject>('additionalFields', {});
	const mail = issueType === '2' && param<boolean>('mailToCustomer', false);
	const isImmediate = issueType === '3' ? param<string>('isImmediate') : undefined;
	const topLevel = (name: string, shownFor: boolean) =>
		shownFor ? textParameter(ctx, name, itemIndex) : ((extra[name] as string | undefined) ?? '');

	const data: IDataObject = {
		...readOrderNumber(ctx, itemIndex),
		IssueType: issueType,
		PrintType: issueType === '2' ? param<string>('printType') : undefined,
		IsImmediate: isImmediate,
		RefundNotifyURL: extra.refundNotifyUrl,
		UseStatusNotifyURL: extra.useStatusNotifyUrl,
		StoreID: extra.storeId,
		Operator: textParameter(ctx, 'operator', itemIndex),
		CustomerName: topLevel('customerName', issueType === '3' || mail),
		CustomerPhone: topLevel('customerPhone', issueType === '3'),
		CustomerEmail: topLevel('customerEmail', issueType === '1' || issueType === '3'),
		CustomerAddress: mail ? textParameter(ctx, 'customerAddress', itemIndex) : undefined,
	};
	const lines =
		param<string>('ticketsInput', 'fields') === 'json'
			? checkedLines(ctx, itemIndex, jsonParameter(ctx, itemIndex, 'ticketsJson', 'TicketInfo'))
			: ((param<IDataObject>('tickets', {}).line as IDataObject[] | undefined) ?? []).map(fromEditor);
	data.TicketInfo = lines.map((line) => wireLine(line, issueType, isImmediate === '2'));
	// Empty optional fields are not sent at all.
	for (const [key, value] of Object.entries(data)) {
		if (value === undefined || value === '') delete data[key];
		else if (typeof value === 'string') data[key] = value.trim();
	}
	return { data, mail };
}

/** The order number the user chose must be filled: said about that field, not the other one. */
function chosenOrderNumberMissing(ctx: IExecuteFunctions, itemIndex: number, data: IDataObject): Violation[] {
	const field = ctx.getNodeParameter('orderKind', itemIndex) === 'gift' ? 'FreeTradeNo' : 'MerchantTradeNo';
	return data[field] ? [] : [{ field, rule: 'required', message: 'is required' }];
}

export const issue: Operation<IssueRequest> = {
	value: 'issue',
	name: 'Issue',
	action: 'Issue tickets',
	description: 'Issue electronic, paper, convenience-store or serial-number tickets for an order',
	properties,

	async prepare(ctx, itemIndex) {
		const fromJson = ctx.getNodeParameter('orderInput', itemIndex, 'fields') === 'json';
		const { data, mail } = fromJson ? orderFromJson(ctx, itemIndex) : readIssue(ctx, itemIndex);
		const { merchantId } = await merchantFor(ctx);
		const missing = fromJson ? [] : chosenOrderNumberMissing(ctx, itemIndex, data);
		const violations = [
			...missing,
			...validateIssue({ MerchantID: merchantId, ...data }, { today: taiwanDate(), mailPaperTickets: mail }).filter(
				(v) => !(missing.length && v.rule === 'oneOf'),
			),
		];
		throwIfInvalid(ctx, itemIndex, violations);
		const issuanceOnly = ctx.getNodeParameter('apiMode', itemIndex, 'escrow') === 'issuanceOnly';
		const provider = issuanceOnly ? textParameter(ctx, 'paymentProvider', itemIndex) : '';
		return {
			endpoint: issuanceOnly ? ENDPOINTS.issuanceOnlyIssue : ENDPOINTS.issue,
			data: provider ? { ...data, PaymentProvider: provider } : data,
		};
	},

	run(ctx, { endpoint, data }, itemIndex) {
		return issueOnce(ctx, endpoint, data, itemIndex);
	},

	async finish(ctx, outcomes: Outcome[]) {
		const waiting = outcomes
			.map((outcome, itemIndex) => ({ outcome, itemIndex }))
			.filter(({ outcome, itemIndex }) => outcome?.ok && ctx.getNodeParameter('waitForIssuance', itemIndex, false));
		if (waiting.length) await waitForIssuance(ctx, waiting);
	},
};

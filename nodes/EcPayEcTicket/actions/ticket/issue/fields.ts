import type { INodeProperties } from 'n8n-workflow';

import { PAYMENT_PROVIDER, USABLE_FROM } from '../../../../../protocol/rules/codes';
import { isRequired, paramOf, type Condition, type FieldSpec } from '../../../../../protocol/rules/field';
import { ISSUE_FIELDS, LINE_FIELDS } from '../../../../../protocol/rules/issueFields';
import { ALL_ISSUE_TYPE_CODES, ISSUE_TYPE_NAMES, ISSUE_TYPES, codesOf } from '../../../../../protocol/rules/issueTypes';
import { PAYMENT_PROVIDER as PAYMENT_PROVIDER_FIELD } from '../../../../../protocol/rules/requests';
import { DEFAULT_POLL_SECONDS, DEFAULT_WAIT_SECONDS } from '../../../transport/issuance';
import { byDisplayName, choice, codeOptions, fieldProperty, inputChoice, locatorProperty, type Show } from '../../fields';
import { optionsField, orderNumberFields } from '../../sharedFields';

/**
 * The Issue form, derived from the Issue rule table: a field ECPay requires in some situation is
 * a required editor field shown in exactly that situation (one copy per condition: the editor's
 * conditions are ANDs), and an optional one in Additional Fields wherever it applies otherwise.
 */
const always = { resource: ['ticket'], operation: ['issue'] };
const byFields: Show = { ...always, orderInput: ['fields'] };

/** The editor parameters a table condition reads: Issue Type, Mail Tickets to Customer, Usable From. */
function showFor(condition: Condition, prefix = ''): Show {
	const show: Show = {};
	if (condition.issueType) show[`${prefix}issueType`] = [...condition.issueType];
	if (condition.mail !== undefined) show[`${prefix}mailToCustomer`] = [condition.mail];
	if (condition.startsLater !== undefined) show[`${prefix}isImmediate`] = [condition.startsLater ? USABLE_FROM.startDate : USABLE_FROM.immediately];
	return show;
}

const wire = (name: string) => ISSUE_FIELDS.find((f) => f.wire === name) as FieldSpec;

/** Option names and descriptions of the coded order fields. */
const CODED: Record<string, Partial<INodeProperties>> = {
	PrintType: { type: 'options', options: codeOptions({ 1: 'Printed by ECPay', 2: 'Printed by Merchant' }), default: '2' },
	IsImmediate: {
		type: 'options',
		options: codeOptions(
			{ [USABLE_FROM.immediately]: 'Immediately', [USABLE_FROM.startDate]: 'A Start Date' },
			{ [USABLE_FROM.immediately]: 'The tickets can be used as soon as they are issued', [USABLE_FROM.startDate]: 'Pre-sale: every ticket line gets a Start Date after today' },
		),
		default: USABLE_FROM.immediately,
	},
	Operator: { default: 'n8n' },
};

/** The order fields required in some situation: one required copy per condition. */
function requiredFields(spec: FieldSpec): INodeProperties[] {
	if (spec.required === true) return [fieldProperty(spec, { ...CODED[spec.wire], displayOptions: { show: byFields } })];
	return (spec.required ?? []).map((condition) =>
		fieldProperty(spec, { required: true, ...CODED[spec.wire], displayOptions: { show: { ...byFields, ...showFor(condition) } } }),
	);
}

/** Where an order field is optional: the IssueTypes it applies to, hidden where a condition makes it required. */
function optionalField(spec: FieldSpec): INodeProperties | undefined {
	const conditions = spec.required === true ? undefined : spec.required ?? [];
	// Required in no situation but some, or only for mailing (Customer Address): never optional.
	if (!conditions || (conditions.length > 0 && conditions.every((c) => c.mail))) return undefined;
	const types = (spec.issueTypes ?? ALL_ISSUE_TYPE_CODES).filter(
		(code) => !conditions.some((c) => c.issueType?.includes(code) && c.mail === undefined && c.startsLater === undefined),
	);
	if (types.length === 0) return undefined;
	const hidden = conditions.filter((c) => c.mail !== undefined || c.startsLater !== undefined).map((c) => showFor({ ...c, issueType: undefined }, '/'));
	const show = types.length < ALL_ISSUE_TYPE_CODES.length ? { '/issueType': types } : undefined;
	const hide = Object.assign({}, ...hidden);
	return fieldProperty(spec, {
		required: false,
		...(show || hidden.length ? { displayOptions: { ...(show ? { show } : {}), ...(hidden.length ? { hide } : {}) } } : {}),
	});
}

const ORDER_FIELDS = ['PrintType', 'IsImmediate', 'Operator', 'CustomerName', 'CustomerPhone', 'CustomerEmail', 'CustomerAddress', 'RefundNotifyURL', 'UseStatusNotifyURL', 'StoreID'].map(wire);

/** The line fields, each shown for the IssueTypes that send it. */
function lineField(spec: FieldSpec): INodeProperties {
	const show: Show = {};
	if (spec.issueTypes) show['/issueType'] = [...spec.issueTypes];
	if (spec.wire === 'StartDate') show['/isImmediate'] = [USABLE_FROM.startDate];
	const extra: Partial<INodeProperties> = spec.wire === 'TicketAmount' ? { typeOptions: { minValue: 1 }, default: 1 } : {};
	// Ticket Price has no usable default: a forgotten price would issue NT$0 vouchers.
	if (spec.wire === 'TicketPrice') Object.assign(extra, { type: 'string', default: '' });
	const display = Object.keys(show).length ? { displayOptions: { show } } : {};
	// Item No: picked from the merchant's listed products, or typed and checked as it is typed.
	if (spec.wire === 'ItemNo') return locatorProperty(spec, display, 'searchProducts');
	return fieldProperty(spec, { ...extra, ...display });
}

const defaultIssueType = ISSUE_TYPES.electronic.code;

const issueTypeField: INodeProperties = {
	displayName: 'Issue Type',
	name: 'issueType',
	type: 'options',
	// A fixed choice: the form below depends on it. Order Input › From JSON may set IssueType per item.
	noDataExpression: true,
	options: ISSUE_TYPE_NAMES.map((n) => ({ name: ISSUE_TYPES[n].label, value: ISSUE_TYPES[n].code, description: ISSUE_TYPES[n].description })).sort((a, b) =>
		a.name.localeCompare(b.name),
	),
	default: defaultIssueType,
	description: wire('IssueType').description,
	displayOptions: { show: always },
};

export const issueProperties: INodeProperties[] = [
	issueTypeField,
	inputChoice('Order Input', 'orderInput', always, 'Fill in the order field by field', 'Map the whole order from earlier nodes in one expression: fastest for large batches'),
	{
		displayName: 'Order (JSON)',
		name: 'orderJson',
		type: 'json',
		required: true,
		default: '{\n  "MerchantTradeNo": "SHOP20261125001",\n  "Operator": "shop",\n  "TicketInfo": [{ "ItemNo": "VQT04959", "TicketAmount": 1 }]\n}',
		description:
			"The order with ECPay's field names and every field its Issue Type requires (as the table in the docs lists them; e.g. Operator, IsImmediate and the Customer fields for electronic tickets): MerchantTradeNo or FreeTradeNo, TicketInfo, and optionally IssueType (to override Issue Type per item), PrintType, StoreID, RefundNotifyURL, UseStatusNotifyURL. Paper tickets with a CustomerAddress are mailed.",
		displayOptions: { show: { ...always, orderInput: ['json'] } },
	},
	...orderNumberFields(byFields, 'for this issuance. It can never be reused, not even after a failed issuance.'),
	{
		displayName: 'Mail Tickets to Customer',
		name: 'mailToCustomer',
		type: 'boolean',
		default: false,
		description: 'Whether the paper tickets are sent to the customer by mail; then Customer Name and Customer Address are required',
		displayOptions: { show: { ...byFields, issueType: codesOf('paper') } },
	},
	...ORDER_FIELDS.flatMap(requiredFields),
	inputChoice('Tickets Input', 'ticketsInput', byFields, 'Enter each ticket line in the editor', 'Map a list of ticket lines from earlier nodes'),
	{
		displayName: 'Tickets',
		name: 'tickets',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Ticket Line',
		default: {},
		description: wire('TicketInfo').description,
		displayOptions: { show: { ...byFields, ticketsInput: ['fields'] } },
		// In the order users fill a line (n8n's lint sorts only collections whose fields it can read).
		options: [{ displayName: 'Line', name: 'line', values: LINE_FIELDS.map(lineField) }],
	},
	{
		displayName: 'Tickets (JSON)',
		name: 'ticketsJson',
		type: 'json',
		required: true,
		default: '[\n  { "ItemNo": "VQT04959", "TicketAmount": 1 }\n]',
		description:
			"An array of ticket lines with ECPay's field names: ItemNo and TicketAmount (types 1-3), or ItemName, TicketPrice and TicketAmount (type 4); optional StartDate and ExpireDate",
		displayOptions: { show: { ...byFields, ticketsInput: ['json'] } },
	},
	{
		displayName: 'Validate Only',
		name: 'validateOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to only check every item against ECPay\'s rules and build its signed request, without sending anything (issuance.state "notSent"). Issuances cannot be undone and order numbers are never reusable: try a new batch this way first.',
		displayOptions: { show: always },
	},
	{
		displayName: 'Wait for Issuance',
		name: 'waitForIssuance',
		type: 'boolean',
		default: true,
		description:
			"Whether to wait until ECPay says the tickets are issued or failed. ECPay only receives the order at once; its scheduled job issues the tickets within about 5 minutes and can still fail. Without waiting, the output's issuance.state is \"received\".",
		displayOptions: { show: { ...always, validateOnly: [false] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: byFields },
		options: byDisplayName(ORDER_FIELDS.map(optionalField).filter((p): p is INodeProperties => p !== undefined)),
	},
	{
		displayName:
			'No notify URLs: ECPay will not tell this workflow about refunds, redemptions or returns of these tickets. To react to them, add Refund Notify URL and Use Status Notify URL (Additional Fields) with the Production URLs of an ECPay ECTicket Trigger.',
		name: 'noNotifyUrlsNotice',
		type: 'notice',
		default: '',
		displayOptions: {
			show: { ...byFields, orderKind: ['pickup'] },
			hide: { '/additionalFields.refundNotifyUrl': [{ _cnd: { exists: true } }], '/additionalFields.useStatusNotifyUrl': [{ _cnd: { exists: true } }] },
		},
	},
	choice(
		'ECTicket Mode',
		'apiMode',
		[
			{ name: 'Escrow, Redeem After Use', value: 'escrow', description: 'The usual ECTicket contract: ECPay holds pickup-voucher money in escrow until redemption (/api/Ticket/Issue)' },
			{ name: 'Issuance Only', value: 'issuanceOnly', description: 'Your contract with ECPay covers issuing only (/api/issuance/issue)' },
		],
		'escrow',
		always,
		'Which ECTicket contract your merchant account has; ask ECPay if unsure',
	),
	fieldProperty(PAYMENT_PROVIDER_FIELD, {
		type: 'options',
		options: codeOptions({ [PAYMENT_PROVIDER.ecpay]: 'ECPay', [PAYMENT_PROVIDER.other]: 'Another Provider' }),
		default: PAYMENT_PROVIDER.other,
		description: `${PAYMENT_PROVIDER_FIELD.description}. The field is inferred from ECPay's public sample code: check on Stage first.`,
		displayOptions: { show: { ...always, apiMode: ['issuanceOnly'] } },
	}),
	optionsField(always, [
		{
			displayName: 'Wait Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_WAIT_SECONDS,
			description: "How long Wait for Issuance keeps asking before it outputs the order as still processing. ECPay's job takes up to 5 minutes.",
			displayOptions: { show: { '/waitForIssuance': [true], '/validateOnly': [false] } },
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_POLL_SECONDS,
			description: 'Pause between two rounds of questions to ECPay while waiting for issuance',
			displayOptions: { show: { '/waitForIssuance': [true], '/validateOnly': [false] } },
		},
	]),
];

/** Whether an order field is a top-level editor field (required in this situation) or one of the Additional Fields. */
export const isTopLevel = isRequired;
export { paramOf };

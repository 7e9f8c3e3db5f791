import type { FieldSpec } from './field';
import { ALL_ISSUE_TYPE_CODES, codesOf, ISSUE_TYPES, type IssueTypeName } from './issueTypes';

/**
 * The Ticket Issuance API (`/api/Ticket/Issue`, and `/api/issuance/issue` in issuance-only mode)
 * as data: every field of the official page (ticket-issue-api.txt) with its rules and its editor
 * words. The node validates with it before sending, the simulator on arrival, the editor fields
 * and docs/RULES.md are derived from it.
 */
const PAGE = 'Ticket Issuance API page';
const NOTIFY_HINT =
	'Paste the Production URL of an ECPay ECTicket Trigger node here. ECPay must whitelist its domain first';

/** Where ECPay POSTs a kind of notification (the domain must be whitelisted by ECPay). */
const notifyUrl = (wire: string, label: string, what: string, path: string): FieldSpec => ({
	wire,
	type: 'text',
	length: { max: 200 },
	format: 'url',
	grade: 'official',
	source: `${PAGE}: String(200); the domain must be whitelisted by ECPay`,
	label,
	description: `Where ECPay POSTs ${what} (${wire}). ${NOTIFY_HINT}.`,
	placeholder: `https://n8n.example.com/webhook/…/${path}`,
});

/** A String(1) code `1` or `2` that one IssueType sends and requires (PrintType, IsImmediate). */
const typeSetting = (wire: string, type: IssueTypeName, codes: string, label: string, description: string): FieldSpec => ({
	wire,
	type: 'text',
	values: ['1', '2'],
	required: [{ issueType: codesOf(type) }],
	issueTypes: codesOf(type),
	grade: 'official',
	source: `${PAGE}: String(1), ${codes}, required for ${ISSUE_TYPES[type].label}s`,
	label,
	description,
});

export const ISSUE_FIELDS: readonly FieldSpec[] = [
	{
		wire: 'MerchantID',
		type: 'text',
		length: { max: 10 },
		required: true,
		grade: 'official',
		source: `${PAGE}: String(10), required`,
		label: 'Merchant ID (credential)',
		description: 'The MerchantID of the credential (MerchantID)',
	},
	{
		wire: 'MerchantTradeNo',
		type: 'text',
		length: { max: 25 },
		format: 'alnum',
		grade: 'official',
		source: `${PAGE}: String(25), upper/lower-case letters and digits; required when the order includes a pickup voucher, never reusable`,
		label: 'Merchant Trade No',
		description: 'Your order number (MerchantTradeNo, up to 25 letters and digits)',
		placeholder: 'SHOP20261125001',
	},
	{
		wire: 'FreeTradeNo',
		type: 'text',
		length: { max: 20 },
		format: 'alnum',
		grade: 'official',
		source: `${PAGE}: String(20), upper/lower-case letters and digits; required when every ticket is a gift voucher`,
		label: 'Gift Voucher Order No',
		description: 'Your gift-voucher order number (FreeTradeNo, up to 20 letters and digits)',
		placeholder: 'GIFT20261125001',
	},
	{
		wire: 'IssueType',
		type: 'text',
		values: ALL_ISSUE_TYPE_CODES,
		required: true,
		grade: 'official',
		source: `${PAGE}: String(1), required, 1–4`,
		label: 'Issue Type',
		description: 'Which kind of ticket to issue (IssueType). The fields below change with it.',
	},
	typeSetting('PrintType', 'paper', '1 ECPay prints / 2 merchant prints', 'Print Type', 'Who prints the paper tickets (PrintType)'),
	typeSetting('IsImmediate', 'electronic', '1 immediate / 2 from StartDate', 'Usable From', 'When electronic tickets become usable (IsImmediate)'),
	{
		wire: 'Operator',
		type: 'text',
		length: { max: 10 },
		format: 'alnum',
		required: true,
		grade: 'official',
		source: `${PAGE}: String(10), required, letters and digits, no full-width`,
		label: 'Operator',
		description: 'Who issued the tickets, kept for your records (Operator, up to 10 letters and digits)',
	},
	{
		wire: 'CustomerName',
		type: 'text',
		length: { min: 2, max: 20 },
		format: 'personName',
		required: [{ issueType: codesOf('electronic') }, { issueType: codesOf('paper'), mail: true }],
		grade: 'official',
		source: `${PAGE}: String(20), required for electronic tickets and mailed paper tickets, pure Chinese or pure English, at least 2 characters`,
		label: 'Customer Name',
		description: 'Entirely in Chinese or entirely in English, 2 to 20 characters (CustomerName)',
		placeholder: '王小明',
	},
	{
		wire: 'CustomerPhone',
		type: 'text',
		format: 'mobile09',
		required: [{ issueType: codesOf('electronic') }],
		grade: 'official',
		source: `${PAGE}: String(10), required for electronic tickets, digits only starting with 09, domestic mobile numbers`,
		label: 'Customer Phone',
		description: 'Taiwan mobile number: 10 digits starting with 09 (CustomerPhone); +886 and dashes are accepted and removed',
		placeholder: '0912345678',
	},
	{
		wire: 'CustomerEmail',
		type: 'text',
		length: { max: 80 },
		format: 'email',
		required: [{ issueType: codesOf('convenienceStore', 'electronic') }],
		grade: 'official',
		source: `${PAGE}: String(80), required for convenience-store and electronic tickets`,
		label: 'Customer Email',
		description: 'Where ECPay sends the tickets (CustomerEmail, up to 80 characters)',
		placeholder: 'name@email.com',
	},
	{
		wire: 'CustomerAddress',
		type: 'text',
		length: { max: 100 },
		required: [{ issueType: codesOf('paper'), mail: true }],
		issueTypes: codesOf('paper'),
		grade: 'official',
		source: `${PAGE}: String(100), required when paper tickets are sent to the customer`,
		label: 'Customer Address',
		description: 'Postal address for the paper tickets (CustomerAddress, up to 100 characters)',
	},
	notifyUrl('RefundNotifyURL', 'Refund Notify URL', 'refunds of pickup vouchers', 'refund'),
	notifyUrl('UseStatusNotifyURL', 'Use Status Notify URL', 'redemptions and returns of the tickets', 'use-status'),
	{
		wire: 'StoreID',
		type: 'text',
		length: { min: 2, max: 20 },
		format: 'alnum',
		grade: 'official',
		source: `${PAGE}: String(20), 2–20 English letters and digits, no full-width; must be an active branch`,
		label: 'Store ID',
		description: 'Branch that issues the tickets (StoreID, 2 to 20 letters and digits) as created in the ECPay vendor back office. Empty means the main branch.',
	},
	{
		wire: 'TicketInfo',
		type: 'list',
		required: true,
		grade: 'official',
		source: `${PAGE}: Array[Object]`,
		label: 'Tickets',
		description: 'One line per product (TicketInfo)',
		param: 'tickets',
	},
];

export const LISTED_PRODUCT_TYPES = codesOf('convenienceStore', 'paper', 'electronic');
const serial = codesOf('serialNumber');

/** The fields of one TicketInfo line. */
export const LINE_FIELDS: readonly FieldSpec[] = [
	{
		wire: 'ItemNo',
		type: 'text',
		length: { max: 8 },
		format: 'alnum',
		required: [{ issueType: LISTED_PRODUCT_TYPES }],
		issueTypes: LISTED_PRODUCT_TYPES,
		grade: 'official',
		source: `${PAGE}: String(8), required unless IssueType 4, letters and digits, once per order`,
		label: 'Item No',
		description:
			'Product number (ItemNo, up to 8 letters and digits) of a product listed in the ECPay vendor back office, under Product Management. Each product once per order.',
		placeholder: 'VQT04959',
	},
	{
		wire: 'ItemName',
		type: 'text',
		length: { min: 4, max: 20 },
		format: 'itemName',
		required: [{ issueType: serial }],
		issueTypes: serial,
		grade: 'official',
		source: `${PAGE}: String(20), required for IssueType 4, 4–20 characters of Chinese, English, digits and ()_/,.$%-, no full-width`,
		label: 'Item Name',
		description: 'Product name (ItemName): 4 to 20 characters of Chinese, English, digits and ()_/,.$%-, no spaces',
		placeholder: 'SPA課程體驗券',
	},
	{
		wire: 'TicketPrice',
		type: 'wholeNumber',
		range: { min: 0, max: 999_999_999, rule: 'priceRange', says: 'must be between NT$0 and NT$999,999,999' },
		required: [{ issueType: serial }],
		issueTypes: serial,
		grade: 'official',
		source: `${PAGE}: Int, required for IssueType 4, NT$0–999,999,999`,
		label: 'Ticket Price',
		description: 'Face value of each ticket in NT$ (TicketPrice), a whole number from 0 to 999,999,999',
		placeholder: '3200',
	},
	{
		wire: 'TicketAmount',
		type: 'wholeNumber',
		range: { min: 1 },
		required: true,
		grade: 'official',
		source: `${PAGE}: Int, required; at most 8 tickets per order for IssueType 1, 100 for the others`,
		label: 'Quantity',
		description: 'How many tickets of this line (TicketAmount). An order holds at most 8 convenience-store tickets, or 100 of the other types.',
	},
	{
		wire: 'StartDate',
		type: 'text',
		format: 'date',
		required: [{ startsLater: true }],
		issueTypes: codesOf('electronic'),
		grade: 'official',
		source: `${PAGE}: String(8) yyyymmdd, required when IsImmediate is 2, after the issue date`,
		label: 'Start Date',
		description: 'First day the tickets can be used (StartDate; pick a date or map yyyyMMdd or yyyy-MM-dd), after today',
		placeholder: '20261231',
	},
	{
		wire: 'ExpireDate',
		type: 'text',
		format: 'date',
		required: [{ giftVoucher: true }],
		grade: 'official',
		source: `${PAGE}: String(8) yyyymmdd, required for gift vouchers, not before StartDate`,
		label: 'Expiry Date',
		description: 'Last day a gift voucher can be used (ExpireDate; pick a date or map yyyyMMdd or yyyy-MM-dd): required for gift vouchers, not before the start date',
		placeholder: '20271231',
	},
];

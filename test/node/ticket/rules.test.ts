/**
 * One test per rule of the official Ticket Issuance page (ticket-issue-api.txt): each run breaks
 * exactly one rule, and the node must refuse it before sending anything, naming the item, the
 * field (editor label and wire name) and the rule.
 *
 * Required editor fields are emptied with an expression (`={{ "" }}`): n8n itself refuses a
 * workflow whose required parameter is literally empty before the node runs, but an expression
 * that resolves to nothing (per item, from earlier nodes) reaches the node and its own rules.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { EcTicketCredentials } from '../../../credentials/merchant';
import {
	CONTINUE,
	errorOf,
	issueCalls,
	issueParams,
	orderNoOf,
	outputOf,
	requests,
	run,
	taiwanDay,
	tradeNo,
	useSimulator,
} from '../fixtures';

const EMPTY = '={{ "" }}';

const sim = useSimulator();

const line = (values: INodeParameters) => ({ tickets: { line: [values] } });
const lines = (...values: INodeParameters[]) => ({ tickets: { line: values } });
const giftOrder = (overrides: INodeParameters = {}) =>
	issueParams('1', {
		orderKind: 'gift',
		freeTradeNo: tradeNo('G'),
		...line({ itemNo: 'CK851236', ticketAmount: 1, expireDate: taiwanDay(30).wire }),
		...overrides,
	});
const startsLater = (startDate: string, overrides: INodeParameters = {}) =>
	issueParams('3', { isImmediate: '2', ...line({ itemNo: 'VQT04959', ticketAmount: 1, startDate }), ...overrides });

interface Case {
	/** What the run breaks. */
	name: string;
	parameters: INodeParameters;
	credentials?: Partial<EcTicketCredentials>;
	/** The field as the message must name it: `Label (WireName)` or `Label (ticket line n, TicketInfo[i].Wire)`. */
	field: string;
	/** The rule's words that must follow the field. */
	says: string;
	/** The RuleId the description must list; absent for the JSON input errors, which are no wire rule. */
	rule?: string;
}

const A = (n: number) => 'A'.repeat(n);
const today = taiwanDay(0);
const yesterday = taiwanDay(-1);

const cases: Case[] = [
	// MerchantTradeNo / FreeTradeNo
	{ name: 'MerchantTradeNo is required for a pickup order', parameters: issueParams('2', { merchantTradeNo: EMPTY }), field: 'Merchant Trade No (MerchantTradeNo)', says: 'is required', rule: 'required' },
	{ name: 'MerchantTradeNo from an expression that resolves to nothing is missing, not "undefined"', parameters: issueParams('2', { merchantTradeNo: '={{ $json.missing }}' }), field: 'Merchant Trade No (MerchantTradeNo)', says: 'is required', rule: 'required' },
	{ name: 'MerchantTradeNo has at most 25 characters', parameters: issueParams('2', { merchantTradeNo: A(26) }), field: 'Merchant Trade No (MerchantTradeNo)', says: 'must be at most 25 characters long', rule: 'length' },
	{ name: 'MerchantTradeNo is letters and digits only', parameters: issueParams('2', { merchantTradeNo: 'ORDER-0001' }), field: 'Merchant Trade No (MerchantTradeNo)', says: 'may only contain English letters and digits', rule: 'charset' },
	{ name: 'MerchantTradeNo has no full-width characters', parameters: issueParams('2', { merchantTradeNo: 'ＯＲＤＥＲ１' }), field: 'Merchant Trade No (MerchantTradeNo)', says: 'may only contain English letters and digits', rule: 'charset' },
	{ name: 'FreeTradeNo is required for a gift-voucher order (named as such)', parameters: giftOrder({ freeTradeNo: EMPTY }), field: 'Gift Voucher Order No (FreeTradeNo)', says: 'is required', rule: 'required' },
	{ name: 'FreeTradeNo has at most 20 characters', parameters: giftOrder({ freeTradeNo: A(21) }), field: 'Gift Voucher Order No (FreeTradeNo)', says: 'must be at most 20 characters long', rule: 'length' },
	{ name: 'FreeTradeNo is letters and digits only', parameters: giftOrder({ freeTradeNo: 'GIFT_0001' }), field: 'Gift Voucher Order No (FreeTradeNo)', says: 'may only contain English letters and digits', rule: 'charset' },

	// Operator, StoreID
	{ name: 'Operator is required', parameters: issueParams('2', { operator: EMPTY }), field: 'Operator (Operator)', says: 'is required', rule: 'required' },
	{ name: 'Operator has at most 10 characters', parameters: issueParams('2', { operator: 'abcdefghijk' }), field: 'Operator (Operator)', says: 'must be at most 10 characters long', rule: 'length' },
	{ name: 'Operator is letters and digits only (no space)', parameters: issueParams('2', { operator: 'n8n user' }), field: 'Operator (Operator)', says: 'may only contain English letters and digits', rule: 'charset' },
	{ name: 'Operator has no Chinese or full-width characters', parameters: issueParams('2', { operator: '王小明' }), field: 'Operator (Operator)', says: 'may only contain English letters and digits', rule: 'charset' },
	{ name: 'StoreID has at least 2 characters', parameters: issueParams('2', { additionalFields: { storeId: 'T' } }), field: 'Store ID (StoreID)', says: 'must be 2 to 20 characters long', rule: 'length' },
	{ name: 'StoreID has at most 20 characters', parameters: issueParams('2', { additionalFields: { storeId: A(21) } }), field: 'Store ID (StoreID)', says: 'must be 2 to 20 characters long', rule: 'length' },
	{ name: 'StoreID is letters and digits only', parameters: issueParams('2', { additionalFields: { storeId: 'TPE-001' } }), field: 'Store ID (StoreID)', says: 'may only contain English letters and digits', rule: 'charset' },
	{ name: 'StoreID has no full-width characters', parameters: issueParams('2', { additionalFields: { storeId: 'ＴＰＥ００１' } }), field: 'Store ID (StoreID)', says: 'may only contain English letters and digits', rule: 'charset' },

	// PrintType, IsImmediate
	{ name: 'PrintType is required for paper tickets (IssueType 2)', parameters: issueParams('2', { printType: EMPTY }), field: 'Print Type (PrintType)', says: 'is required', rule: 'required' },
	{ name: 'PrintType is 1 or 2', parameters: issueParams('2', { printType: '3' }), field: 'Print Type (PrintType)', says: 'must be "1" or "2"', rule: 'enum' },
	{ name: 'IsImmediate is required for electronic tickets (IssueType 3)', parameters: issueParams('3', { isImmediate: EMPTY }), field: 'Usable From (IsImmediate)', says: 'is required', rule: 'required' },
	{ name: 'IsImmediate is 1 or 2', parameters: issueParams('3', { isImmediate: '0' }), field: 'Usable From (IsImmediate)', says: 'must be "1" or "2"', rule: 'enum' },

	// Customer
	{ name: 'CustomerName is required for electronic tickets', parameters: issueParams('3', { customerName: EMPTY }), field: 'Customer Name (CustomerName)', says: 'is required', rule: 'required' },
	{ name: 'CustomerName has at least 2 characters', parameters: issueParams('3', { customerName: '王' }), field: 'Customer Name (CustomerName)', says: 'must be 2 to 20 characters long', rule: 'length' },
	{ name: 'CustomerName has at most 20 characters', parameters: issueParams('3', { customerName: '王'.repeat(21) }), field: 'Customer Name (CustomerName)', says: 'must be 2 to 20 characters long', rule: 'length' },
	{ name: 'CustomerName does not mix Chinese and English', parameters: issueParams('3', { customerName: 'Wang小明' }), field: 'Customer Name (CustomerName)', says: 'entirely in Chinese, or entirely in English letters', rule: 'name' },
	{ name: 'CustomerName holds no digits', parameters: issueParams('1', { additionalFields: { customerName: 'Anna3' } }), field: 'Customer Name (CustomerName)', says: 'entirely in Chinese, or entirely in English letters', rule: 'name' },
	{ name: 'CustomerName is required when paper tickets are mailed', parameters: issueParams('2', { mailToCustomer: true, customerName: EMPTY, customerAddress: '台北市信義區市府路1號' }), field: 'Customer Name (CustomerName)', says: 'is required', rule: 'required' },
	{ name: 'CustomerAddress is required when paper tickets are mailed', parameters: issueParams('2', { mailToCustomer: true, customerName: '王小明', customerAddress: EMPTY }), field: 'Customer Address (CustomerAddress)', says: 'is required', rule: 'required' },
	{ name: 'CustomerAddress has at most 100 characters', parameters: issueParams('2', { mailToCustomer: true, customerName: '王小明', customerAddress: '路'.repeat(101) }), field: 'Customer Address (CustomerAddress)', says: 'must be at most 100 characters long', rule: 'length' },
	{ name: 'CustomerPhone is required for electronic tickets', parameters: issueParams('3', { customerPhone: EMPTY }), field: 'Customer Phone (CustomerPhone)', says: 'is required', rule: 'required' },
	{ name: 'CustomerPhone starts with 09', parameters: issueParams('3', { customerPhone: '0812345678' }), field: 'Customer Phone (CustomerPhone)', says: '10 digits starting with 09', rule: 'mobile09' },
	{ name: 'CustomerPhone has 10 digits', parameters: issueParams('3', { customerPhone: '09123456789' }), field: 'Customer Phone (CustomerPhone)', says: '10 digits starting with 09', rule: 'mobile09' },
	{ name: 'CustomerPhone is digits only', parameters: issueParams('2', { additionalFields: { customerPhone: '0912-345-67a' } }), field: 'Customer Phone (CustomerPhone)', says: '10 digits starting with 09', rule: 'mobile09' },
	{ name: 'CustomerEmail is required for convenience-store tickets (IssueType 1)', parameters: issueParams('1', { customerEmail: EMPTY }), field: 'Customer Email (CustomerEmail)', says: 'is required', rule: 'required' },
	{ name: 'CustomerEmail is required for electronic tickets (IssueType 3)', parameters: issueParams('3', { customerEmail: EMPTY }), field: 'Customer Email (CustomerEmail)', says: 'is required', rule: 'required' },
	{ name: 'CustomerEmail is an email address', parameters: issueParams('1', { customerEmail: 'buyer.example.com' }), field: 'Customer Email (CustomerEmail)', says: 'must be an email address', rule: 'email' },
	{ name: 'CustomerEmail has at most 80 characters', parameters: issueParams('3', { customerEmail: `${'b'.repeat(69)}@example.com` }), field: 'Customer Email (CustomerEmail)', says: 'must be at most 80 characters long', rule: 'length' },

	// Notify URLs
	{ name: 'RefundNotifyURL is an http(s) URL', parameters: issueParams('2', { additionalFields: { refundNotifyUrl: 'ftp://example.com/notify' } }), field: 'Refund Notify URL (RefundNotifyURL)', says: 'must be an http:// or https:// URL', rule: 'url' },
	{ name: 'UseStatusNotifyURL is an http(s) URL', parameters: issueParams('2', { additionalFields: { useStatusNotifyUrl: 'example.com/notify' } }), field: 'Use Status Notify URL (UseStatusNotifyURL)', says: 'must be an http:// or https:// URL', rule: 'url' },
	{ name: 'RefundNotifyURL has at most 200 characters', parameters: issueParams('2', { additionalFields: { refundNotifyUrl: `https://example.com/${'a'.repeat(181)}` } }), field: 'Refund Notify URL (RefundNotifyURL)', says: 'must be at most 200 characters long', rule: 'length' },
	{ name: 'UseStatusNotifyURL has at most 200 characters', parameters: issueParams('2', { additionalFields: { useStatusNotifyUrl: `https://example.com/${'a'.repeat(181)}` } }), field: 'Use Status Notify URL (UseStatusNotifyURL)', says: 'must be at most 200 characters long', rule: 'length' },

	// Ticket lines
	{ name: 'an order has at least one ticket line', parameters: issueParams('2', { tickets: {} }), field: 'Tickets (TicketInfo)', says: 'needs at least one ticket line', rule: 'required' },
	{ name: 'an order has at least one ticket line (From JSON)', parameters: issueParams('2', { ticketsInput: 'json', ticketsJson: '[]' }), field: 'Tickets (TicketInfo)', says: 'needs at least one ticket line', rule: 'required' },
	{ name: 'ItemNo is required (IssueType 1-3)', parameters: issueParams('3', line({ itemNo: '', ticketAmount: 1 })), field: 'Item No (ticket line 1, TicketInfo[0].ItemNo)', says: 'is required', rule: 'required' },
	{ name: 'ItemNo has at most 8 characters', parameters: issueParams('3', line({ itemNo: 'VQT049590', ticketAmount: 1 })), field: 'Item No (ticket line 1, TicketInfo[0].ItemNo)', says: 'must be at most 8 characters long', rule: 'length' },
	{ name: 'ItemNo is letters and digits only', parameters: issueParams('3', line({ itemNo: 'VQT-0495', ticketAmount: 1 })), field: 'Item No (ticket line 1, TicketInfo[0].ItemNo)', says: 'may only contain English letters and digits', rule: 'charset' },
	{ name: 'an ItemNo appears once per order', parameters: issueParams('2', lines({ itemNo: 'VQT04959', ticketAmount: 1 }, { itemNo: 'VQT04959', ticketAmount: 2 })), field: 'Item No (ticket line 2, TicketInfo[1].ItemNo)', says: 'repeats VQT04959', rule: 'duplicateItemNo' },
	{ name: 'ItemName is required (IssueType 4)', parameters: issueParams('4', line({ itemName: '', ticketPrice: 100, ticketAmount: 1 })), field: 'Item Name (ticket line 1, TicketInfo[0].ItemName)', says: 'is required', rule: 'required' },
	{ name: 'ItemName has at least 4 characters', parameters: issueParams('4', line({ itemName: 'SPA', ticketPrice: 100, ticketAmount: 1 })), field: 'Item Name (ticket line 1, TicketInfo[0].ItemName)', says: 'must be 4 to 20 characters long', rule: 'length' },
	{ name: 'ItemName has at most 20 characters', parameters: issueParams('4', line({ itemName: '券'.repeat(21), ticketPrice: 100, ticketAmount: 1 })), field: 'Item Name (ticket line 1, TicketInfo[0].ItemName)', says: 'must be 4 to 20 characters long', rule: 'length' },
	{ name: 'ItemName has no spaces', parameters: issueParams('4', line({ itemName: 'SPA 課程體驗', ticketPrice: 100, ticketAmount: 1 })), field: 'Item Name (ticket line 1, TicketInfo[0].ItemName)', says: 'may only contain Chinese, English letters, digits', rule: 'charset' },
	{ name: 'ItemName has no full-width letters', parameters: issueParams('4', line({ itemName: 'ＳＰＡ課程', ticketPrice: 100, ticketAmount: 1 })), field: 'Item Name (ticket line 1, TicketInfo[0].ItemName)', says: 'no full-width characters', rule: 'charset' },
	{ name: 'ItemName has no full-width punctuation', parameters: issueParams('4', line({ itemName: '課程體驗券（雙人）', ticketPrice: 100, ticketAmount: 1 })), field: 'Item Name (ticket line 1, TicketInfo[0].ItemName)', says: 'no full-width characters', rule: 'charset' },
	{ name: 'ItemName has only the allowed special characters', parameters: issueParams('4', line({ itemName: 'SPA#1234', ticketPrice: 100, ticketAmount: 1 })), field: 'Item Name (ticket line 1, TicketInfo[0].ItemName)', says: '( ) _ / , . $ % -', rule: 'charset' },
	{ name: 'TicketPrice is not negative', parameters: issueParams('4', line({ itemName: 'SPA課程體驗券', ticketPrice: -1, ticketAmount: 1 })), field: 'Ticket Price (ticket line 1, TicketInfo[0].TicketPrice)', says: 'must be between NT$0 and NT$999,999,999', rule: 'priceRange' },
	{ name: 'TicketPrice is at most NT$999,999,999', parameters: issueParams('4', line({ itemName: 'SPA課程體驗券', ticketPrice: 1_000_000_000, ticketAmount: 1 })), field: 'Ticket Price (ticket line 1, TicketInfo[0].TicketPrice)', says: 'must be between NT$0 and NT$999,999,999', rule: 'priceRange' },
	{ name: 'TicketPrice is a whole number', parameters: issueParams('4', line({ itemName: 'SPA課程體驗券', ticketPrice: 99.5, ticketAmount: 1 })), field: 'Ticket Price (ticket line 1, TicketInfo[0].TicketPrice)', says: 'must be a whole number', rule: 'type' },
	{ name: 'TicketAmount is at least 1', parameters: issueParams('2', line({ itemNo: 'VQT04959', ticketAmount: 0 })), field: 'Quantity (ticket line 1, TicketInfo[0].TicketAmount)', says: 'must be a whole number of at least 1', rule: 'type' },
	{ name: 'TicketAmount is a whole number', parameters: issueParams('2', line({ itemNo: 'VQT04959', ticketAmount: 1.5 })), field: 'Quantity (ticket line 1, TicketInfo[0].TicketAmount)', says: 'must be a whole number of at least 1', rule: 'type' },
	{ name: 'TicketAmount is a whole number (From JSON)', parameters: issueParams('2', { ticketsInput: 'json', ticketsJson: '[{"ItemNo":"VQT04959","TicketAmount":"two"}]' }), field: 'Quantity (ticket line 1, TicketInfo[0].TicketAmount)', says: 'must be a whole number of at least 1', rule: 'type' },
	{ name: 'a convenience-store order holds at most 8 tickets', parameters: issueParams('1', lines({ itemNo: 'VQT04959', ticketAmount: 5 }, { itemNo: 'VNS21400', ticketAmount: 4 })), field: 'Tickets (TicketInfo)', says: 'holds 9 tickets; an order of IssueType 1 may hold at most 8', rule: 'ticketCount' },
	{ name: 'a paper order holds at most 100 tickets', parameters: issueParams('2', lines({ itemNo: 'VQT04959', ticketAmount: 60 }, { itemNo: 'VNS21400', ticketAmount: 41 })), field: 'Tickets (TicketInfo)', says: 'holds 101 tickets; an order of IssueType 2 may hold at most 100', rule: 'ticketCount' },
	{ name: 'an electronic order holds at most 100 tickets', parameters: issueParams('3', line({ itemNo: 'VQT04959', ticketAmount: 101 })), field: 'Tickets (TicketInfo)', says: 'may hold at most 100', rule: 'ticketCount' },
	{ name: 'a serial-number order holds at most 100 tickets', parameters: issueParams('4', line({ itemName: 'SPA課程體驗券', ticketPrice: 1, ticketAmount: 101 })), field: 'Tickets (TicketInfo)', says: 'may hold at most 100', rule: 'ticketCount' },

	// Dates
	{ name: 'StartDate is required when tickets start later (IsImmediate 2)', parameters: startsLater(''), field: 'Start Date (ticket line 1, TicketInfo[0].StartDate)', says: 'is required', rule: 'required' },
	{ name: 'StartDate is a real date', parameters: startsLater('2027-02-30'), field: 'Start Date (ticket line 1, TicketInfo[0].StartDate)', says: 'must be a date written yyyyMMdd', rule: 'date' },
	{ name: 'StartDate is written yyyyMMdd (or yyyy-MM-dd)', parameters: startsLater('31/12/2027'), field: 'Start Date (ticket line 1, TicketInfo[0].StartDate)', says: 'must be a date written yyyyMMdd', rule: 'date' },
	{ name: 'StartDate is after today (not today)', parameters: startsLater(today.dashed), field: 'Start Date (ticket line 1, TicketInfo[0].StartDate)', says: `must be after the issue date (${today.wire})`, rule: 'dateOrder' },
	{ name: 'StartDate is after today (not yesterday)', parameters: startsLater(yesterday.wire), field: 'Start Date (ticket line 1, TicketInfo[0].StartDate)', says: 'must be after the issue date', rule: 'dateOrder' },
	{ name: 'ExpireDate is required for a gift-voucher order', parameters: giftOrder(line({ itemNo: 'CK851236', ticketAmount: 1 })), field: 'Expiry Date (ticket line 1, TicketInfo[0].ExpireDate)', says: 'is required', rule: 'required' },
	{ name: 'ExpireDate is a real date', parameters: giftOrder(line({ itemNo: 'CK851236', ticketAmount: 1, expireDate: '20271301' })), field: 'Expiry Date (ticket line 1, TicketInfo[0].ExpireDate)', says: 'must be a date written yyyyMMdd', rule: 'date' },
	{ name: 'ExpireDate is not before the StartDate', parameters: giftOrder({ issueType: '3', isImmediate: '2', customerName: '王小明', customerPhone: '0912345678', customerEmail: 'a@example.com', ...line({ itemNo: 'CK851236', ticketAmount: 1, startDate: taiwanDay(10).dashed, expireDate: taiwanDay(5).dashed }) }), field: 'Expiry Date (ticket line 1, TicketInfo[0].ExpireDate)', says: `must not be earlier than the start date (${taiwanDay(10).wire})`, rule: 'dateOrder' },
	{ name: 'ExpireDate is not before the issue date when tickets are usable at once', parameters: giftOrder(line({ itemNo: 'CK851236', ticketAmount: 1, expireDate: yesterday.dashed })), field: 'Expiry Date (ticket line 1, TicketInfo[0].ExpireDate)', says: `must not be earlier than the start date (${today.wire})`, rule: 'dateOrder' },

	// The credential's MerchantID is part of the Data too
	{ name: 'MerchantID (credential) has at most 10 characters', parameters: issueParams('2'), credentials: { merchantId: '30856761234' }, field: 'Merchant ID (credential) (MerchantID)', says: 'must be at most 10 characters long', rule: 'length' },

	// Tickets (JSON) input
	{ name: 'Tickets (JSON) is valid JSON', parameters: issueParams('2', { ticketsInput: 'json', ticketsJson: '[{"ItemNo": "VQT04959",' }), field: 'Tickets (TicketInfo)', says: 'must be valid JSON', rule: 'type' },
	{ name: 'Tickets (JSON) is an array', parameters: issueParams('2', { ticketsInput: 'json', ticketsJson: '{"ItemNo":"VQT04959","TicketAmount":1}' }), field: 'Tickets (TicketInfo)', says: 'must be an array of ticket lines', rule: 'type' },
	{ name: 'Tickets (JSON) lines use ECPay field names', parameters: issueParams('2', { ticketsInput: 'json', ticketsJson: '[{"ItemNo":"VQT04959","Amount":1}]' }), field: 'Quantity (ticket line 1, TicketInfo[0].TicketAmount)', says: 'is required', rule: 'required' },
];

describe('Issue: every rule is checked before anything is sent', () => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const before = requests(sim).length;
		const error = errorOf(await run(sim, c.parameters, { credentials: c.credentials }));

		expect(error.name).toBe('NodeOperationError');
		expect(error.message.startsWith(`Item 0: ${c.field} `)).toBe(true);
		expect(error.message).toContain(c.says);
		expect(error.message).not.toMatch(/\(and \d+ more\)$/); // exactly this one rule is broken
		if (c.rule) {
			expect(error.description).toContain('Nothing was sent to ECPay');
			expect(error.description).toContain(`[rule: ${c.rule}]`);
		}
		expect(error.context?.itemIndex).toBe(0);
		expect(requests(sim).length).toBe(before); // not one call reached the simulator
	});

	it('lists every broken rule in the description, the first in the message', async () => {
		const before = requests(sim).length;
		const error = errorOf(
			await run(sim, issueParams('3', { operator: 'n8n user', customerPhone: '0812345678', customerEmail: 'nope' })),
		);
		expect(error.message).toBe('Item 0: Operator (Operator) may only contain English letters and digits (A-Z, a-z, 0-9) (and 2 more)');
		expect(error.description).toContain('[rule: charset]');
		expect(error.description).toContain('Customer Phone (CustomerPhone) must be a Taiwan mobile number');
		expect(error.description).toContain('Customer Email (CustomerEmail) must be an email address');
		expect(requests(sim).length).toBe(before);
	});
});

describe('Issue: a batch with an invalid item', () => {
	const batch = () => {
		const items = [{ orderNo: tradeNo('BA') }, { orderNo: 'BAD-NO-1' }, { orderNo: tradeNo('BC') }];
		const parameters = issueParams('2', { merchantTradeNo: '={{ $json.orderNo }}' });
		return { items, parameters };
	};

	it('without Continue On Fail fails the execution and sends NOTHING, not even the valid items', async () => {
		const { items, parameters } = batch();
		const before = requests(sim).length;
		const error = errorOf(await run(sim, parameters, { items }));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			'Item 1: Merchant Trade No (MerchantTradeNo) may only contain English letters and digits (A-Z, a-z, 0-9)',
		);
		expect(error.context?.itemIndex).toBe(1);
		expect(requests(sim).length).toBe(before);
	});

	it('with Continue On Fail issues items 0 and 2 and outputs item 1 as an error naming its field', async () => {
		const { items, parameters } = batch();
		const before = requests(sim).length;
		const output = outputOf(await run(sim, parameters, { items, onError: CONTINUE }));

		expect(output).toHaveLength(3);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.RtnCode).toBe(1);
		expect(output[0].json.MerchantTradeNo).toBe(items[0].orderNo);
		expect(output[2].json.RtnCode).toBe(1);
		expect(output[2].json.MerchantTradeNo).toBe(items[2].orderNo);
		expect(output[1].json).toEqual({
			error: 'Item 1: Merchant Trade No (MerchantTradeNo) may only contain English letters and digits (A-Z, a-z, 0-9)',
			description: expect.stringContaining('[rule: charset]'),
			kind: 'validation',
			field: 'MerchantTradeNo',
			rule: 'charset',
		});
		const sent = requests(sim).slice(before);
		expect(sent.map((r) => r.path)).toEqual([issueCalls(sim)[0].path, issueCalls(sim)[0].path]);
		expect(sent.map(orderNoOf)).toEqual([items[0].orderNo, items[2].orderNo]);
	});
});

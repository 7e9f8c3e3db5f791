/**
 * Every rule of the official Ticket Issuance API page (ticket-issue-api.txt) as one pure check
 * over the business Data. The node runs it before sending; the simulator runs it on arrival.
 */
export type RuleId =
	| 'required'
	| 'oneOf'
	| 'type'
	| 'length'
	| 'charset'
	| 'enum'
	| 'url'
	| 'email'
	| 'mobile09'
	| 'name'
	| 'duplicateItemNo'
	| 'ticketCount'
	| 'priceRange'
	| 'date'
	| 'dateOrder';

export interface Violation {
	/** Wire name, with the line for ticket fields: `TicketInfo[1].ItemNo`. */
	field: string;
	rule: RuleId;
	/** What the value must be, phrased to follow the field name. */
	message: string;
}

export interface IssueRuleContext {
	/** Today's date in Taiwan (GMT+8) as yyyymmdd: StartDate and ExpireDate are compared to it. */
	today: string;
	/** Paper tickets that will be mailed to the customer need CustomerName and CustomerAddress. */
	mailPaperTickets?: boolean;
	/**
	 * Whether a line is a gift voucher (ExpireDate required). For items 1–3 only the product
	 * listing knows; the default treats every line of a FreeTradeNo order as a gift voucher.
	 */
	isGiftVoucher?: (line: Record<string, unknown>, lineIndex: number) => boolean;
}

export const LIMITS = {
	merchantTradeNo: 25,
	freeTradeNo: 20,
	notifyUrl: 200,
	storeId: { min: 2, max: 20 },
	operator: 10,
	customerName: { min: 2, max: 20 },
	customerEmail: 80,
	customerAddress: 100,
	itemNo: 8,
	itemName: { min: 4, max: 20 },
	ticketPrice: { min: 0, max: 999_999_999 },
	/** Tickets per order: 8 for convenience-store tickets, 100 for the other types. */
	ticketsPerOrder: (issueType: string) => (issueType === '1' ? 8 : 100),
} as const;

const ALNUM = /^[A-Za-z0-9]+$/;
const HAN = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';
const CHINESE_NAME = new RegExp(`^[${HAN}]+(?:[\\u00B7\\u2027][${HAN}]+)*$`);
const ENGLISH_NAME = /^[A-Za-z]+(?: [A-Za-z]+)*$/;
const ITEM_NAME = new RegExp(`^[${HAN}A-Za-z0-9()_/,.$%-]+$`);
const MOBILE = /^09\d{8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{8}$/;

const chars = (s: string) => [...s].length;
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

export function isValidDate(yyyymmdd: string): boolean {
	if (!DATE.test(yyyymmdd)) return false;
	const y = +yyyymmdd.slice(0, 4);
	const m = +yyyymmdd.slice(4, 6);
	const d = +yyyymmdd.slice(6, 8);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today's date in Taiwan (GMT+8) as yyyymmdd. */
export function taiwanDate(now: Date = new Date()): string {
	return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

export function validateIssue(data: Record<string, unknown>, context: IssueRuleContext): Violation[] {
	const violations: Violation[] = [];
	const fail = (field: string, rule: RuleId, message: string) =>
		violations.push({ field, rule, message });

	/** Checks a string field; returns its value when it is a non-empty string. */
	const text = (
		field: string,
		value: unknown,
		required: boolean,
		check?: (s: string) => [RuleId, string] | undefined,
	): string | undefined => {
		if (!present(value)) {
			if (required) fail(field, 'required', 'is required');
			return undefined;
		}
		if (typeof value !== 'string') {
			fail(field, 'type', 'must be text');
			return undefined;
		}
		const problem = check?.(value);
		if (problem) fail(field, problem[0], problem[1]);
		return value;
	};
	const alnum = (max: number, min = 1) => (s: string): [RuleId, string] | undefined => {
		const range = min === 1 ? `at most ${max}` : `${min} to ${max}`;
		if (chars(s) < min || chars(s) > max) return ['length', `must be ${range} characters long`];
		if (!ALNUM.test(s)) return ['charset', 'may only contain English letters and digits (A-Z, a-z, 0-9)'];
		return undefined;
	};
	const maxLength = (max: number) => (s: string): [RuleId, string] | undefined =>
		chars(s) > max ? ['length', `must be at most ${max} characters long`] : undefined;
	const url = (s: string): [RuleId, string] | undefined => {
		if (chars(s) > LIMITS.notifyUrl) return ['length', `must be at most ${LIMITS.notifyUrl} characters long`];
		return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(s) ? undefined : ['url', 'must be an http:// or https:// URL'];
	};

	text('MerchantID', data.MerchantID, true, maxLength(10));

	const merchantTradeNo = present(data.MerchantTradeNo);
	const freeTradeNo = present(data.FreeTradeNo);
	if (merchantTradeNo && freeTradeNo) {
		fail('FreeTradeNo', 'oneOf', 'must be left empty when MerchantTradeNo is given (an order is either a pickup-voucher order or a gift-voucher order)');
	} else if (!merchantTradeNo && !freeTradeNo) {
		fail('MerchantTradeNo', 'oneOf', 'or FreeTradeNo is required (MerchantTradeNo for orders with pickup vouchers, FreeTradeNo for gift-voucher-only orders)');
	}
	text('MerchantTradeNo', data.MerchantTradeNo, false, alnum(LIMITS.merchantTradeNo));
	text('FreeTradeNo', data.FreeTradeNo, false, alnum(LIMITS.freeTradeNo));

	const issueType = text('IssueType', data.IssueType, true, (s) =>
		['1', '2', '3', '4'].includes(s) ? undefined : ['enum', 'must be "1", "2", "3" or "4"'],
	);
	const oneOrTwo = (s: string): [RuleId, string] | undefined =>
		s === '1' || s === '2' ? undefined : ['enum', 'must be "1" or "2"'];
	text('PrintType', data.PrintType, issueType === '2', oneOrTwo);
	const isImmediate = text('IsImmediate', data.IsImmediate, issueType === '3', oneOrTwo);
	const startsLater = issueType === '3' && isImmediate === '2';

	text('RefundNotifyURL', data.RefundNotifyURL, false, url);
	text('UseStatusNotifyURL', data.UseStatusNotifyURL, false, url);
	text('StoreID', data.StoreID, false, alnum(LIMITS.storeId.max, LIMITS.storeId.min));
	text('Operator', data.Operator, true, alnum(LIMITS.operator));

	const mail = issueType === '2' && context.mailPaperTickets === true;
	text('CustomerName', data.CustomerName, issueType === '3' || mail, (s) => {
		const { min, max } = LIMITS.customerName;
		if (chars(s) < min || chars(s) > max) return ['length', `must be ${min} to ${max} characters long`];
		if (!CHINESE_NAME.test(s) && !ENGLISH_NAME.test(s)) {
			return ['name', 'must be written entirely in Chinese or entirely in English letters, not mixed'];
		}
		return undefined;
	});
	text('CustomerPhone', data.CustomerPhone, issueType === '3', (s) =>
		MOBILE.test(s) ? undefined : ['mobile09', 'must be a Taiwan mobile number: 10 digits starting with 09'],
	);
	text('CustomerEmail', data.CustomerEmail, issueType === '1' || issueType === '3', (s) => {
		if (chars(s) > LIMITS.customerEmail) return ['length', `must be at most ${LIMITS.customerEmail} characters long`];
		return EMAIL.test(s) ? undefined : ['email', 'must be an email address'];
	});
	text('CustomerAddress', data.CustomerAddress, mail, maxLength(LIMITS.customerAddress));

	const lines = data.TicketInfo;
	if (!Array.isArray(lines) || lines.length === 0) {
		fail('TicketInfo', 'required', 'needs at least one ticket line');
		return violations;
	}
	const isGift =
		context.isGiftVoucher ?? (() => freeTradeNo && !merchantTradeNo);
	const seenItemNos = new Set<string>();
	let total = 0;
	lines.forEach((raw, i) => {
		const at = (f: string) => `TicketInfo[${i}].${f}`;
		if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
			fail(`TicketInfo[${i}]`, 'type', 'must be an object');
			return;
		}
		const line = raw as Record<string, unknown>;
		if (issueType === '4') {
			text(at('ItemName'), line.ItemName, true, (s) => {
				const { min, max } = LIMITS.itemName;
				if (chars(s) < min || chars(s) > max) return ['length', `must be ${min} to ${max} characters long`];
				return ITEM_NAME.test(s)
					? undefined
					: ['charset', 'may only contain Chinese, English letters, digits and ( ) _ / , . $ % - (no spaces, no full-width characters)'];
			});
			const price = line.TicketPrice;
			if (!present(price)) fail(at('TicketPrice'), 'required', 'is required');
			else if (typeof price !== 'number' || !Number.isInteger(price)) fail(at('TicketPrice'), 'type', 'must be a whole number');
			else if (price < LIMITS.ticketPrice.min || price > LIMITS.ticketPrice.max) {
				fail(at('TicketPrice'), 'priceRange', 'must be between NT$0 and NT$999,999,999');
			}
		} else if (issueType) {
			const itemNo = text(at('ItemNo'), line.ItemNo, true, alnum(LIMITS.itemNo));
			if (itemNo !== undefined) {
				if (seenItemNos.has(itemNo)) {
					fail(at('ItemNo'), 'duplicateItemNo', `repeats ${itemNo}: each product may appear only once in an order`);
				}
				seenItemNos.add(itemNo);
			}
		}
		const amount = line.TicketAmount;
		if (!present(amount)) fail(at('TicketAmount'), 'required', 'is required');
		else if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1) {
			fail(at('TicketAmount'), 'type', 'must be a whole number of at least 1');
		} else total += amount;

		const start = startsLater
			? text(at('StartDate'), line.StartDate, true, (s) => {
					if (!isValidDate(s)) return ['date', 'must be a date written yyyyMMdd'];
					return s > context.today
						? undefined
						: ['dateOrder', `must be after the issue date (${context.today}): tickets that start later start the next day at the earliest`];
				})
			: undefined;
		text(at('ExpireDate'), line.ExpireDate, isGift(line, i), (s) => {
			if (!isValidDate(s)) return ['date', 'must be a date written yyyyMMdd'];
			const from = start && isValidDate(start) ? start : context.today;
			return s >= from ? undefined : ['dateOrder', `must not be earlier than the start date (${from})`];
		});
	});
	const max = issueType ? LIMITS.ticketsPerOrder(issueType) : 100;
	if (total > max) {
		fail('TicketInfo', 'ticketCount', `holds ${total} tickets; an order of IssueType ${issueType} may hold at most ${max}`);
	}
	return violations;
}

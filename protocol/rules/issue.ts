import { checkFields, isValidDate, present, type RuleId, type Situation, type Violation } from './field';
import { USABLE_FROM } from './codes';
import { ISSUE_FIELDS, LINE_FIELDS, LISTED_PRODUCT_TYPES } from './issueFields';
import { issueTypeOf } from './issueTypes';

/**
 * The rules of the Ticket Issuance page (ticket-issue-api.txt) over the business Data: the field
 * table of issueFields.ts plus the rules between fields. The node runs it before sending, the
 * simulator on arrival.
 */

export interface IssueRuleContext {
	/** Today's date in Taiwan (GMT+8) as yyyymmdd: StartDate and ExpireDate are compared to it. */
	today: string;
	/** Paper tickets that will be mailed to the customer need CustomerName and CustomerAddress. */
	mailPaperTickets?: boolean;
	/**
	 * Whether a line is a gift voucher (ExpireDate required). For IssueTypes with listed products
	 * only the product listing knows; the default treats every line of a FreeTradeNo order as one.
	 */
	isGiftVoucher?: (line: Record<string, unknown>, lineIndex: number) => boolean;
}

/** Electronic tickets usable from a start date (IsImmediate 2): their lines need a StartDate. */
export const startsLater = (data: Record<string, unknown>): boolean =>
	issueTypeOf(data.IssueType)?.name === 'electronic' && data.IsImmediate === USABLE_FROM.startDate;

/** Today's date in Taiwan (GMT+8) as yyyymmdd. */
export function taiwanDate(now: Date = new Date()): string {
	return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

const official = (field: string, rule: RuleId, message: string): Violation => ({ field, rule, message, grade: 'official' });

/** Exactly one of the two order numbers (the page's "required … do not fill in"). */
function orderNumberRule(data: Record<string, unknown>): Violation[] {
	const merchantTradeNo = present(data.MerchantTradeNo);
	const freeTradeNo = present(data.FreeTradeNo);
	if (merchantTradeNo && freeTradeNo) {
		return [official('FreeTradeNo', 'oneOf', 'must be left empty when MerchantTradeNo is given (an order is either a pickup-voucher order or a gift-voucher order)')];
	}
	if (!merchantTradeNo && !freeTradeNo) {
		return [official('MerchantTradeNo', 'oneOf', 'or FreeTradeNo is required (MerchantTradeNo for orders with pickup vouchers, FreeTradeNo for gift-voucher-only orders)')];
	}
	return [];
}

/** The rules between lines and dates: each product once, the ticket limit, StartDate after today, ExpireDate not before the start. */
function lineRules(lines: Record<string, unknown>[], situation: Situation, today: string): Violation[] {
	const violations: Violation[] = [];
	const seen = new Set<unknown>();
	let total = 0;
	lines.forEach((line, i) => {
		const at = (f: string) => `TicketInfo[${i}].${f}`;
		if (LISTED_PRODUCT_TYPES.includes(situation.issueType as (typeof LISTED_PRODUCT_TYPES)[number]) && typeof line.ItemNo === 'string' && line.ItemNo) {
			if (seen.has(line.ItemNo)) violations.push(official(at('ItemNo'), 'duplicateItemNo', `repeats ${line.ItemNo}: each product may appear only once in an order`));
			seen.add(line.ItemNo);
		}
		if (typeof line.TicketAmount === 'number' && Number.isInteger(line.TicketAmount) && line.TicketAmount >= 1) total += line.TicketAmount;
		const start = situation.startsLater && typeof line.StartDate === 'string' && isValidDate(line.StartDate) ? line.StartDate : undefined;
		if (start && start <= today) {
			violations.push(official(at('StartDate'), 'dateOrder', `must be after the issue date (${today}): tickets that start later start the next day at the earliest`));
		}
		if (typeof line.ExpireDate === 'string' && isValidDate(line.ExpireDate)) {
			const from = start ?? today;
			if (line.ExpireDate < from) violations.push(official(at('ExpireDate'), 'dateOrder', `must not be earlier than the start date (${from})`));
		}
	});
	const type = issueTypeOf(situation.issueType);
	const max = type?.ticketLimit ?? 100;
	if (total > max) {
		violations.push(official('TicketInfo', 'ticketCount', `holds ${total} tickets; an order of IssueType ${String(situation.issueType)} may hold at most ${max}`));
	}
	return violations;
}

/** The order's own fields; TicketInfo is checked line by line. */
const ORDER_FIELDS = ISSUE_FIELDS.filter((spec) => spec.type !== 'list');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every rule of the Ticket Issuance page over the business Data; [] when the order may be sent. */
export function validateIssue(data: Record<string, unknown>, context: IssueRuleContext): Violation[] {
	const issueType = typeof data.IssueType === 'string' ? data.IssueType : undefined;
	const situation: Situation = {
		issueType,
		mail: context.mailPaperTickets === true,
		startsLater: startsLater(data),
	};
	const violations = [...orderNumberRule(data), ...checkFields(ORDER_FIELDS, data, situation)];
	const lines = data.TicketInfo;
	if (!Array.isArray(lines) || lines.length === 0) return [...violations, official('TicketInfo', 'required', 'needs at least one ticket line')];
	const giftOrder = present(data.FreeTradeNo) && !present(data.MerchantTradeNo);
	const isGift = context.isGiftVoucher ?? (() => giftOrder);
	const objects: Record<string, unknown>[] = [];
	lines.forEach((line, i) => {
		if (!isObject(line)) {
			violations.push(official(`TicketInfo[${i}]`, 'type', 'must be an object'));
			return;
		}
		objects.push(line);
		violations.push(...checkFields(LINE_FIELDS, line, { ...situation, giftVoucher: isGift(line, i) }, `TicketInfo[${i}].`));
	});
	return [...violations, ...(issueTypeOf(issueType) ? lineRules(objects, situation, context.today) : [])];
}

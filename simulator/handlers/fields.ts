import type { BusinessData } from '../../protocol/envelope';
import type { RuleId, Violation } from '../../protocol/spec/issueRules';
import type { Branch } from '../config';
import type { FoundTicket, Order } from '../store';
import type { HandlerAnswer, HandlerContext } from './handler';
import { answer, present, refuseViolations } from './handler';

/**
 * Field checks of the endpoints beyond Issue (Issue has protocol/spec/issueRules.ts). Each check
 * records its violations with the rule ids of issueRules.ts, so the RtnCodes stay those of the
 * one table in rtnCodes.ts.
 */

export const ALNUM = /^[A-Za-z0-9]+$/;
export const DIGITS = /^\d+$/;

export interface TextRule {
	required?: boolean;
	/** Exact length in characters. */
	length?: number;
	min?: number;
	max?: number;
	charset?: RegExp;
	charsetMessage?: string;
	/** Allowed values (enum). */
	values?: readonly string[];
}

export interface NumberRule {
	required?: boolean;
	min?: number;
	values?: readonly number[];
}

const chars = (s: string) => [...s].length;

const quoteList = (values: readonly (string | number)[]) => {
	const shown = values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
	return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}` : shown[0];
};

export class Fields {
	readonly violations: Violation[] = [];

	constructor(private readonly data: BusinessData) {}

	fail(field: string, rule: RuleId, message: string): void {
		this.violations.push({ field, rule, message });
	}

	/** The field's text, or '' when it is absent ("" and null count as absent) or breaks a rule. */
	text(field: string, rule: TextRule = {}): string {
		const value = this.data[field];
		if (!present(value)) {
			if (rule.required) this.fail(field, 'required', 'is required');
			return '';
		}
		if (typeof value !== 'string') {
			this.fail(field, 'type', 'must be text');
			return '';
		}
		const n = chars(value);
		if (rule.length !== undefined && n !== rule.length) {
			this.fail(field, 'length', `must be exactly ${rule.length} characters long`);
			return '';
		}
		if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) {
			const range = rule.min !== undefined ? `${rule.min} to ${rule.max}` : `at most ${rule.max}`;
			this.fail(field, 'length', `must be ${range} characters long`);
			return '';
		}
		if (rule.charset && !rule.charset.test(value)) {
			this.fail(field, 'charset', rule.charsetMessage ?? 'may only contain English letters and digits (A-Z, a-z, 0-9)');
			return '';
		}
		if (rule.values && !rule.values.includes(value)) {
			this.fail(field, 'enum', `must be ${quoteList(rule.values)}`);
			return '';
		}
		return value;
	}

	/** The field's whole number, or undefined when it is absent or breaks a rule. */
	wholeNumber(field: string, rule: NumberRule = {}): number | undefined {
		const value = this.data[field];
		if (!present(value)) {
			if (rule.required) this.fail(field, 'required', 'is required');
			return undefined;
		}
		if (typeof value !== 'number' || !Number.isInteger(value)) {
			this.fail(field, 'type', 'must be a whole number');
			return undefined;
		}
		if (rule.min !== undefined && value < rule.min) {
			this.fail(field, 'type', `must be a whole number of at least ${rule.min}`);
			return undefined;
		}
		if (rule.values && !rule.values.includes(value)) {
			this.fail(field, 'enum', `must be ${quoteList(rule.values)}`);
			return undefined;
		}
		return value;
	}

	/** A refusal for the violations found so far, if any. */
	refusal(): HandlerAnswer | undefined {
		return this.violations.length > 0 ? refuseViolations(this.violations) : undefined;
	}
}

/** TicketNo: 16 letters and digits; WriteOffNo: 18 digits (ID_LENGTHS). */
export const TICKET_NO_RULE = (length: number): TextRule => ({ length, charset: ALNUM });
export const WRITE_OFF_NO_RULE = (length: number): TextRule => ({
	length,
	charset: DIGITS,
	charsetMessage: 'may only contain digits',
});

/** Exactly one of TicketNo and WriteOffNo, "" counting as absent. */
export function ticketOneOf(data: BusinessData): HandlerAnswer | undefined {
	const ticketNo = present(data.TicketNo);
	const writeOffNo = present(data.WriteOffNo);
	if (ticketNo && writeOffNo) return answer('ticketOneOf', 'TicketNo and WriteOffNo: give only one of them');
	if (!ticketNo && !writeOffNo) return answer('ticketOneOf', 'TicketNo or WriteOffNo is required');
	return undefined;
}

/** The ticket a merchant names, or its refusal: numbers of another merchant are "not found". */
export function findTicket(
	context: HandlerContext,
	by: { ticketNo: string; writeOffNo: string },
): FoundTicket | HandlerAnswer {
	const found = by.ticketNo
		? context.store.findTicket(context.merchantId, { ticketNo: by.ticketNo })
		: context.store.findTicket(context.merchantId, { writeOffNo: by.writeOffNo });
	if (found) return found;
	return answer(
		'ticketNotFound',
		by.ticketNo ? `TicketNo: no ticket ${by.ticketNo}` : `WriteOffNo: no ticket ${by.writeOffNo}`,
	);
}

/** The order of a MerchantTradeNo (QueryRefundInfo, QueryPrintData), or its refusal. */
export function findOrderByMerchantTradeNo(context: HandlerContext, merchantTradeNo: string): Order | HandlerAnswer {
	const order = context.store.findOrder(context.merchantId, { merchantTradeNo, freeTradeNo: '' });
	return order ?? answer('orderNotFound', `MerchantTradeNo: no order ${merchantTradeNo}`);
}

/** StoreID must name an active branch of the merchant (Issue, WriteOff). */
export function branchRefusal(storeId: string, branches: readonly Branch[]): HandlerAnswer | undefined {
	if (!storeId) return undefined;
	const branch = branches.find((b) => b.storeId === storeId);
	if (branch?.active) return undefined;
	return answer('unknownStore', `StoreID: ${storeId} ${branch ? 'is an inactive branch' : 'is not a branch of this merchant'}`);
}

/** Tells a refusal from the ticket or order that was looked up (neither of those has `data`). */
export const isAnswer = (value: object): value is HandlerAnswer => 'data' in value;

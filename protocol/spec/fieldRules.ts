import type { RuleId, Violation } from './issueRules';
import { isValidDate } from './issueRules';

/**
 * Checks of the identifiers and dates the endpoints other than Issue take (PROTOCOL.md §5).
 * Each returns the violations of one field, [] when it is valid.
 */
export type FieldCheck = (field: string, value: unknown) => Violation[];

const check =
	(rule: RuleId, message: string, ok: (s: string) => boolean): FieldCheck =>
	(field, value) => {
		if (value === undefined || value === null || value === '') return [{ field, rule: 'required', message: 'is required' }];
		if (typeof value !== 'string') return [{ field, rule: 'type', message: 'must be text' }];
		return ok(value) ? [] : [{ field, rule, message }];
	};

export const FIELD_RULES = {
	/** 16 upper- or lower-case letters and digits, e.g. CB2SY20220302153. */
	TicketNo: check('charset', 'must be the 16 letters and digits of a ticket number', (s) => /^[A-Za-z0-9]{16}$/.test(s)),
	/** The 18-digit number printed on the ticket that a store scans to redeem it. */
	WriteOffNo: check('charset', 'must be the 18 digits of a write-off number', (s) => /^\d{18}$/.test(s)),
	MerchantTradeNo: check('charset', 'must be 1 to 25 letters and digits', (s) => /^[A-Za-z0-9]{1,25}$/.test(s)),
	FreeTradeNo: check('charset', 'must be 1 to 20 letters and digits', (s) => /^[A-Za-z0-9]{1,20}$/.test(s)),
	ItemNo: check('charset', 'must be 1 to 8 letters and digits', (s) => /^[A-Za-z0-9]{1,8}$/.test(s)),
	Operator: check('charset', 'must be 1 to 10 letters and digits', (s) => /^[A-Za-z0-9]{1,10}$/.test(s)),
	StoreID: check('charset', 'must be 2 to 20 letters and digits', (s) => /^[A-Za-z0-9]{2,20}$/.test(s)),
	CancelReason: check('length', 'must be at most 100 characters long', (s) => [...s].length <= 100),
	Date: check('date', 'must be a date written yyyyMMdd', isValidDate),
} satisfies Record<string, FieldCheck>;

/** Checks only the fields that are present; `required` lists those that must be. */
export function checkFields(
	data: Record<string, unknown>,
	rules: Record<string, FieldCheck>,
	required: string[] = Object.keys(rules),
): Violation[] {
	return Object.entries(rules).flatMap(([field, rule]) => {
		const value = data[field];
		if ((value === undefined || value === '') && !required.includes(field)) return [];
		return rule(field, value);
	});
}

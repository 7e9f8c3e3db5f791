import type { IssueTypeCode } from './issueTypes';

/**
 * The vocabulary of the rule tables (issue.ts, requests.ts): what a field is, when it is
 * required, and how one value is checked. Pure data and pure functions.
 */

/** official: ECPay's own page says so. inferred: public integrations or reasoning (PROTOCOL.md, EVIDENCE.md). */
export type Grade = 'official' | 'inferred';

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
	/** Wire name, with the line for list fields: `TicketInfo[1].ItemNo`. */
	field: string;
	rule: RuleId;
	/** What the value must be, phrased to follow the field name. */
	message: string;
	/** Official rules block a request before it is sent; inferred ones only warn (ECPay decides). */
	grade: Grade;
}

/** A condition on the request: every key given must hold. */
export interface Condition {
	issueType?: readonly IssueTypeCode[];
	/** Paper tickets mailed to the customer. */
	mail?: boolean;
	/** Electronic tickets usable from a start date (IsImmediate 2). */
	startsLater?: boolean;
	/** The ticket line is a gift voucher. */
	giftVoucher?: boolean;
	/** The request cancels a redemption or a refund. */
	cancel?: boolean;
}

/** What the conditions are evaluated against. */
export type Situation = { [K in keyof Condition]?: K extends 'issueType' ? string : boolean };

export const holds = (condition: Condition, situation: Situation): boolean =>
	(condition.issueType === undefined || condition.issueType.includes(situation.issueType as IssueTypeCode)) &&
	(['mail', 'startsLater', 'giftVoucher', 'cancel'] as const).every(
		(key) => condition[key] === undefined || condition[key] === Boolean(situation[key]),
	);

/** How a text value must look; each format is one rule id with one message. */
export const FORMATS = {
	alnum: {
		rule: 'charset',
		test: (s: string) => /^[A-Za-z0-9]+$/.test(s),
		says: 'may only contain English letters and digits (A-Z, a-z, 0-9)',
	},
	url: {
		rule: 'url',
		test: (s: string) => /^https?:\/\/[^\s/?#]+\S*$/i.test(s),
		says: 'must be an http:// or https:// URL',
	},
	email: { rule: 'email', test: (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), says: 'must be an email address' },
	mobile09: {
		rule: 'mobile09',
		test: (s: string) => /^09\d{8}$/.test(s),
		says: 'must be a Taiwan mobile number: 10 digits starting with 09',
	},
	/** Pure Chinese (any Han character, a middle dot between parts) or pure English (with - ' . , and spaces). */
	personName: {
		rule: 'name',
		test: (s: string) =>
			/^\p{Script=Han}+(?:[\u00B7\u2027\u30FB]\p{Script=Han}+)*$/u.test(s) ||
			/^[A-Za-z](?:[A-Za-z'., -]*[A-Za-z.])?$/.test(s),
		says: 'must be written entirely in Chinese, or entirely in English letters (spaces and - \' . , allowed), not mixed',
	},
	itemName: {
		rule: 'charset',
		test: (s: string) => /^[\p{Script=Han}A-Za-z0-9()_/,.$%-]+$/u.test(s),
		says: 'may only contain Chinese, English letters, digits and ( ) _ / , . $ % - (no spaces, no full-width characters)',
	},
	date: { rule: 'date', test: (s: string) => isValidDate(s), says: 'must be a date written yyyyMMdd' },
} as const satisfies Record<string, { rule: RuleId; test: (s: string) => boolean; says: string }>;

export type FormatName = keyof typeof FORMATS;

/** The constraints a field's facts can hold; `inferred` names those whose source is weaker than the field's. */
export type Constraint = 'required' | 'type' | 'length' | 'format' | 'values' | 'range';

export interface FieldSpec {
	/** ECPay's name on the wire. */
	wire: string;
	type: 'text' | 'wholeNumber' | 'list';
	/** In characters (code points). */
	length?: { min?: number; max: number };
	format?: FormatName;
	/** The allowed codes (enum). */
	values?: readonly (string | number)[];
	/** For whole numbers; `rule` names the violation (default 'type'). */
	range?: { min: number; max?: number; rule?: RuleId; says?: string };
	/** When the field must be present: always, or when any of the conditions holds. Absent: optional. */
	required?: true | readonly Condition[];
	/** Issue only: the IssueTypes that send this field at all; absent = every type. */
	issueTypes?: readonly IssueTypeCode[];
	grade: Grade;
	/** Where the fact comes from: an official page, or the evidence behind an inference. */
	source: string;
	/** Constraints weaker than the field's grade, each with its source (e.g. an inferred character set). */
	inferred?: Partial<Record<Constraint, string>>;
	/** The editor's words: label, description (with the wire name), placeholder. */
	label: string;
	description: string;
	placeholder?: string;
	/** Editor parameter name when it is not the camel-cased wire name. */
	param?: string;
}

export const chars = (s: string): number => [...s].length;
export const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

export function isValidDate(yyyymmdd: string): boolean {
	if (!/^\d{8}$/.test(yyyymmdd)) return false;
	const y = +yyyymmdd.slice(0, 4);
	const m = +yyyymmdd.slice(4, 6);
	const d = +yyyymmdd.slice(6, 8);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The grade of one constraint of a field. */
export const gradeOf = (spec: FieldSpec, constraint: Constraint): Grade =>
	spec.grade === 'inferred' || spec.inferred?.[constraint] !== undefined ? 'inferred' : 'official';

export function isRequired(spec: FieldSpec, situation: Situation): boolean {
	if (spec.required === true) return true;
	return (spec.required ?? []).some((condition) => holds(condition, situation));
}

function rangeText(min: number | undefined, max: number): string {
	return min === undefined || min <= 1 ? `at most ${max}` : `${min} to ${max}`;
}

/**
 * The violations of one field's value (`at` is the name to report, e.g. `TicketInfo[0].ItemNo`);
 * [] when it is valid or absent and not required.
 */
export function checkField(spec: FieldSpec, value: unknown, situation: Situation, at = spec.wire): Violation[] {
	const fail = (rule: RuleId, message: string, constraint: Constraint): Violation[] => [
		{ field: at, rule, message, grade: gradeOf(spec, constraint) },
	];
	if (!present(value)) return isRequired(spec, situation) ? fail('required', 'is required', 'required') : [];
	if (spec.type === 'list') return Array.isArray(value) ? [] : fail('type', 'must be a list', 'type');
	if (spec.type === 'wholeNumber') {
		if (typeof value !== 'number' || !Number.isInteger(value)) {
			return fail('type', spec.range?.min === 1 ? 'must be a whole number of at least 1' : 'must be a whole number', 'type');
		}
		const range = spec.range;
		if (range && (value < range.min || (range.max !== undefined && value > range.max))) {
			return fail(range.rule ?? 'type', range.says ?? `must be a whole number of at least ${range.min}`, 'range');
		}
		if (spec.values && !spec.values.includes(value)) return fail('enum', `must be ${quoteList(spec.values)}`, 'values');
		return [];
	}
	if (typeof value !== 'string') return fail('type', 'must be text', 'type');
	const { length, format } = spec;
	if (length && (chars(value) > length.max || chars(value) < (length.min ?? 1))) {
		return fail('length', `must be ${rangeText(length.min, length.max)} characters long`, 'length');
	}
	if (format && !FORMATS[format].test(value)) return fail(FORMATS[format].rule, FORMATS[format].says, 'format');
	if (spec.values && !spec.values.includes(value)) return fail('enum', `must be ${quoteList(spec.values)}`, 'values');
	return [];
}

export function quoteList(values: readonly (string | number)[]): string {
	const shown = values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
	return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}` : shown[0];
}

/** Checks every field of a table that applies in the situation. */
export function checkFields(
	table: readonly FieldSpec[],
	data: Record<string, unknown>,
	situation: Situation,
	prefix = '',
): Violation[] {
	return table
		.filter((spec) => !spec.issueTypes || spec.issueTypes.includes(situation.issueType as IssueTypeCode))
		.flatMap((spec) => checkField(spec, data[spec.wire], situation, prefix + spec.wire));
}

/** The editor parameter of a wire field: its explicit name, or the wire name camel-cased (RefundNotifyURL → refundNotifyUrl). */
export function paramOf(spec: FieldSpec): string {
	if (spec.param) return spec.param;
	const words = spec.wire.match(/[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+|\d+/g) ?? [spec.wire];
	return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0] + w.slice(1).toLowerCase())).join('');
}

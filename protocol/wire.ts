import type { FieldSpec, Situation } from './rules/field';
import { LINE_FIELDS } from './rules/issueFields';

/**
 * Values as people and shops give them, in ECPay's wire form: numbers where text is expected
 * become text, dates become yyyyMMdd, whole numbers given as text become numbers, Taiwan mobile
 * numbers lose their +886, spaces and dashes. Anything it cannot read is left as given, for the
 * rules to name. Pure functions, shared by the node's operations.
 */

type Value = unknown;

/** Text for a text field: trimmed strings, whole numbers as their digits (ItemNo 12345678 from a spreadsheet). */
export function toText(value: Value): Value {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return value;
}

const TAIWAN_OFFSET_MS = 8 * 3600_000;

/**
 * yyyyMMdd from yyyyMMdd, yyyy-MM-dd, yyyy/MM/dd, a number 20261231, or an ISO date-time: one with
 * an offset (2026-12-30T16:00:00Z) is the Taiwan date of that instant, one without is its own date.
 */
export function toWireDate(value: Value): Value {
	const text = toText(value);
	if (typeof text !== 'string') return text;
	const withOffset = /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})$/i.exec(text);
	if (withOffset) {
		const instant = Date.parse(text);
		if (!Number.isNaN(instant)) return new Date(instant + TAIWAN_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
	}
	const match = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:$|[T ])/.exec(text);
	return match ? match[1] + match[2] + match[3] : text;
}

/** Whole numbers given as text ("2", " 3200 ", "3,200") become numbers; anything else stays. */
export function toWireNumber(value: Value): Value {
	if (typeof value !== 'string') return value;
	const digits = value.trim().replace(/(\d),(?=\d{3}\b)/g, '$1');
	return /^-?\d+$/.test(digits) ? Number(digits) : value;
}

/**
 * +886 912-345-678, 0912 345 678, (09)12-345678, or 912345678 (a spreadsheet dropped the 0) →
 * 0912345678; anything that is not a Taiwan mobile number stays as given.
 */
export function toMobileNumber(value: Value): Value {
	const text = toText(value);
	if (typeof text !== 'string') return text;
	const local = /^(?:\+?886-?0?|0)?(9\d{8})$/.exec(text.replace(/[\s\-().]/g, ''));
	return local ? `0${local[1]}` : text;
}

/** The wire form of one field's value, by the field's type and format. */
export function toWire(spec: FieldSpec, value: Value): Value {
	if (spec.type === 'wholeNumber') return toWireNumber(value);
	if (spec.type === 'list') return value;
	if (spec.format === 'date') return toWireDate(value);
	if (spec.format === 'mobile09') return toMobileNumber(value);
	return toText(value);
}

const isEmpty = (value: Value) => value === undefined || value === null || value === '';

/**
 * One ticket line as ECPay takes it: only the fields of its IssueType (StartDate only for tickets
 * that start later), each in wire form, empty ones left out; fields the table does not know are
 * passed through as given.
 */
export function toWireLine(line: Record<string, Value>, situation: Situation): Record<string, Value> {
	const wire: Record<string, Value> = {};
	const known = new Set(LINE_FIELDS.map((spec) => spec.wire));
	for (const spec of LINE_FIELDS) {
		if (spec.issueTypes && !spec.issueTypes.includes(situation.issueType as never)) continue;
		if (spec.wire === 'StartDate' && !situation.startsLater) continue;
		const value = toWire(spec, line[spec.wire]);
		if (!isEmpty(value)) wire[spec.wire] = value;
	}
	for (const [key, value] of Object.entries(line)) if (!known.has(key) && !isEmpty(value)) wire[key] = value;
	return wire;
}

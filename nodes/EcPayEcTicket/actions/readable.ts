import type { IDataObject } from 'n8n-workflow';

import {
	ISSUANCE_STATUS,
	ISSUE_TYPES,
	ITEM_STATUS_LABELS,
	PRINT_TYPE,
	TICKET_TYPE,
	USE_STATUS,
	labelOf,
} from '../../../protocol/spec/labels';

/** Status codes that get a readable `<Field>Label` next to them. */
const LABELS: Record<string, Record<string, string>> = {
	UseStatus: USE_STATUS,
	TicketType: TICKET_TYPE,
	Status: ISSUANCE_STATUS,
	IssueType: ISSUE_TYPES,
	PrintType: PRINT_TYPE,
	ItemStatus: ITEM_STATUS_LABELS,
};

/** ECPay's date forms as ISO 8601; date-times are Taiwan time (GMT+8). */
export function isoDate(value: string): string | undefined {
	let m = /^(\d{4})(\d{2})(\d{2})$/.exec(value) ?? /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(value);
	if (m) return `${m[1]}-${m[2]}-${m[3]}`;
	m = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
	if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}+08:00`;
	return undefined;
}

/**
 * ECPay's fields as sent, plus a label beside each status code and an ISO form beside each date,
 * in nested lists too (TicketList, ItemList…), so the next node can use them directly.
 */
export function readable(data: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(data)) {
		if (Array.isArray(value)) {
			out[key] = value.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? readable(v as IDataObject) : v));
			continue;
		}
		out[key] = value;
		if (key in LABELS && value !== undefined && value !== null && value !== '') {
			out[`${key}Label`] = labelOf(LABELS[key], value);
		}
		if (/Date$/.test(key) && typeof value === 'string' && value) {
			const iso = isoDate(value);
			if (iso) out[`${key}Iso`] = iso;
		}
	}
	return out;
}

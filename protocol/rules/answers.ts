import {
	ISSUANCE_STATUS,
	IS_IMMEDIATE,
	ITEM_STATUS,
	PRINT_TYPE,
	TICKET_TYPE,
	USE_STATUS,
	labelOf,
	type CodeTable,
} from './codes';
import { isValidDate } from './field';
import { issueTypeOf } from './issueTypes';

/**
 * What ECPay answers and notifies, as far as it is known (only Issue's answer is official), and
 * how the package reads it: every field passes through as sent, unknown ones included; a derived
 * field (label, ISO date) is added only when it is certainly right, otherwise it is left out.
 */

/** QueryOrderInfo pages its tickets by 200 (official); BatchQueryItemInfo pages its products. */
export const PAGE_SIZE = 200;

/** The list each answer carries its entries in (inferred names). */
export const RESPONSE_LISTS = {
	queryOrderInfo: 'TicketList',
	batchQueryItemInfo: 'ItemList',
	queryRefundInfo: 'RefundList',
	queryPrintData: 'PrintList',
} as const;

/** One ticket as QueryOrderInfo's TicketList and QueryTicketStatus show it (inferred). */
export const TICKET_FIELDS = [
	'TicketNo',
	'UseStatus',
	'ItemNo',
	'ItemName',
	'TicketType',
	'TicketAmount',
	'StartDate',
	'WriteOffDate',
	'RefundDate',
	'ExpiredDate',
	'WriteOffNo',
] as const;

/**
 * QueryOrderInfo's counts and amounts under both namings seen in public sources: this package's
 * first reading, and the Rytass client's (RedeemCount, UnUsedCount, …). Both pass through as sent.
 */
export const ORDER_COUNT_NAMES = {
	unused: ['UnusedCount', 'UnUsedCount'],
	redeemed: ['RedeemedCount', 'RedeemCount'],
	refunded: ['RefundedCount', 'RefundCount'],
	expired: ['ExpiredCount'],
} as const;

/**
 * Notification Data (PROTOCOL.md §7, inferred field lists): every notification carries MerchantID,
 * MerchantTradeNo/FreeTradeNo and TicketTradeNo; a use-status notification adds the ticket
 * (TicketNo, WriteOffNo, UseStatus, WriteOffDate or RefundDate); a refund notification adds
 * RefundAmount and Remark.
 */
export const NOTIFICATION_FIELDS = {
	useStatus: ['MerchantID', 'MerchantTradeNo', 'FreeTradeNo', 'TicketTradeNo', 'TicketNo', 'WriteOffNo', 'UseStatus', 'WriteOffDate', 'RefundDate'],
	refund: ['MerchantID', 'MerchantTradeNo', 'TicketTradeNo', 'TicketNo', 'RefundAmount', 'RefundDate', 'Remark'],
} as const;

/** Escrow days when a merchant has no setting of its own (simulator default; inferred). */
export const DEFAULT_ESCROW_DAYS = 30;

/**
 * ECPay's date forms (yyyyMMdd, yyyy/MM/dd, yyyy-MM-dd, with or without HH:mm[:ss]) as ISO 8601,
 * Taiwan time (GMT+8) for date-times; undefined for anything else or an impossible date.
 */
export function isoDate(value: string): string | undefined {
	const m = /^(\d{4})[/-]?(\d{2})[/-]?(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
	if (!m || !isValidDate(m[1] + m[2] + m[3])) return undefined;
	if (m[4] === undefined) return `${m[1]}-${m[2]}-${m[3]}`;
	if (+m[4] > 23 || +m[5] > 59 || +(m[6] ?? 0) > 59) return undefined;
	return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}+08:00`;
}

const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/**
 * UseStatus is contested (codes.ts), so its label is given only when the ticket's own dates agree
 * with it: a redeemed ticket has a WriteOffDate, a refunded one a RefundDate, an unused or expired
 * one neither. Without the date fields there is nothing to check against, and no label.
 */
function useStatusLabel(entry: Record<string, unknown>): string | undefined {
	if (!('WriteOffDate' in entry) && !('RefundDate' in entry)) return undefined;
	const label = labelOf(USE_STATUS, entry.UseStatus);
	const redeemed = filled(entry.WriteOffDate);
	const refunded = filled(entry.RefundDate);
	const agrees =
		(label === 'redeemed' && redeemed && !refunded) ||
		(label === 'refunded' && refunded) ||
		((label === 'unused' || label === 'expired') && !redeemed && !refunded);
	return agrees ? label : undefined;
}

const LABELS: Record<string, (entry: Record<string, unknown>, value: unknown) => string | undefined> = {
	UseStatus: (entry) => useStatusLabel(entry),
	TicketType: (_, value) => labelOf(TICKET_TYPE, value),
	Status: (_, value) => labelOf(ISSUANCE_STATUS as CodeTable, value),
	IssueType: (_, value) => issueTypeOf(String(value))?.label,
	PrintType: (_, value) => labelOf(PRINT_TYPE, value),
	IsImmediate: (_, value) => labelOf(IS_IMMEDIATE, value),
	ItemStatus: (_, value) => labelOf(ITEM_STATUS, value),
};

/**
 * ECPay's fields exactly as sent, plus `<Field>Label` beside a status code and `<Field>Iso` beside
 * a date where they are certainly right, in nested lists too (TicketList, ItemList…).
 */
export function readable<T extends Record<string, unknown>>(data: T): T & Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(data)) {
		if (Array.isArray(value)) {
			out[key] = value.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? readable(v as Record<string, unknown>) : v));
			continue;
		}
		out[key] = value;
		const label = key in LABELS && value !== undefined && value !== null && value !== '' ? LABELS[key](data, value) : undefined;
		if (label !== undefined) out[`${key}Label`] = label;
		if (/Date$/.test(key) && typeof value === 'string' && value) {
			const iso = isoDate(value);
			if (iso) out[`${key}Iso`] = iso;
		}
	}
	return out as T & Record<string, unknown>;
}

import type { Codec } from '../protocol/crypto';
import { sealRequest, sealResponse, type BusinessData, type RequestEnvelope, type ResponseEnvelope, type Sender } from '../protocol/envelope';
import { ENDPOINTS } from '../protocol/rules/endpoints';
import type { TicketEvent } from './lifecycle';
import type { Order } from './store';

/**
 * The simulator's dialects (issue 11). `standard` answers every INFERRED fact of PROTOCOL.md the
 * way this package first read it; `alt` answers each one the other plausible way that
 * EVIDENCE.md records (its "Evidence" column), so that a client can be tried against both:
 *
 * | Fact | standard | alt |
 * |---|---|---|
 * | WriteOffNo | 18 digits | 18 letters and digits, like ECPay's sample `LEU4loiSZ9TDTWAtxL` |
 * | dates in answers and notifications | `yyyy/MM/dd[ HH:mm:ss]` | `yyyyMMdd` (Rytass parses them so) |
 * | QueryOrderInfo counts | UnusedCount, RedeemedCount, RefundedCount… | Rytass: UnUsedCount, RedeemCount, RefundCount… + TotalRefundFee, PaymentProvider, Remark |
 * | QueryIssueResult | with TicketTradeNo | without it (Rytass) |
 * | notification envelope | request-shaped (RqHeader) | response-shaped (RpHeader, TransCode 1, TransMsg "") as ECPay's skill checks it |
 * | notification UseStatus | 1 unused, 2 redeemed, 3 refunded | ECPay's skill: 1 redeemed, 2 refunded; cancellations are not notified |
 * | acknowledgement | envelope with RtnCode 1, or `1\|OK` | envelope only: `1\|OK` "counts as failed and is retried" (ECPay's skill) |
 * | unknown fields | none | `SimDialect: "alt"` in every answer Data, notification Data and list entry |
 *
 * Everything here is pure; the simulator applies it where answers, notifications and numbers are
 * made. Issue's own answer is official (ticket-issue-api.txt) and is the same in both dialects.
 */
export const DIALECTS = ['standard', 'alt'] as const;
export type Dialect = (typeof DIALECTS)[number];
export const DEFAULT_DIALECT: Dialect = 'standard';

export const isDialect = (value: unknown): value is Dialect => (DIALECTS as readonly unknown[]).includes(value);

/** alt: the field no client knows of, in every answer Data, notification Data and list entry. */
export const UNKNOWN_FIELD = { SimDialect: 'alt' } as const;

/** alt: QueryOrderInfo's counts and amounts under the Rytass client's names (standard name → alt name). */
const RYTASS_COUNT_NAMES: Record<string, string> = {
	UnusedCount: 'UnUsedCount',
	UnusedAmount: 'UnUsedAmount',
	RedeemedCount: 'RedeemCount',
	RedeemedAmount: 'RedeemAmount',
	RefundedCount: 'RefundCount',
	RefundedAmount: 'RefundAmount',
	ExpiredCount: 'ExpiredCount',
	ExpiredAmount: 'ExpiredAmount',
};

/** alt: a notification's UseStatus in ECPay-API-Skill's codes (`UseStatus # 1=核銷 2=退款`). */
const SKILL_USE_STATUS: Partial<Record<TicketEvent, number>> = { redeem: 1, refund: 2 };

/** How WriteOffNo looks: 18 digits (standard) or 18 letters and digits (alt). */
export const writeOffNoStyle = (dialect: Dialect) => (dialect === 'alt' ? 'alphanumeric' : 'digits');

const SLASHED = /^(\d{4})\/(\d{2})\/(\d{2})(?: \d{2}:\d{2}:\d{2})?$/;

/** A date field as the dialect writes it: yyyy/MM/dd[ HH:mm:ss] stays (standard) or becomes yyyyMMdd (alt). */
export function answerDate(dialect: Dialect, value: string): string {
	return dialect === 'alt' ? value.replace(SLASHED, '$1$2$3') : value;
}

const isEntry = (value: unknown): value is BusinessData => typeof value === 'object' && value !== null && !Array.isArray(value);

/** alt: every `…Date` field as yyyyMMdd and the unknown field, in the Data and in each list entry. */
function altFields(data: BusinessData): BusinessData {
	const out: BusinessData = {};
	for (const [key, value] of Object.entries(data)) {
		if (Array.isArray(value)) out[key] = value.map((entry) => (isEntry(entry) ? altFields(entry) : entry));
		else out[key] = /Date$/.test(key) && typeof value === 'string' ? answerDate('alt', value) : value;
	}
	return { ...out, ...UNKNOWN_FIELD };
}

/** Issue's answer is official: neither dialect changes it. */
const OFFICIAL_ANSWERS: readonly string[] = [ENDPOINTS.issue, ENDPOINTS.issuanceOnlyIssue];

/**
 * An endpoint's answer Data as the dialect gives it. `order` is the order the answer is about
 * (QueryOrderInfo), for the fields only alt adds.
 */
export function dialectAnswer(dialect: Dialect, endpoint: string, data: BusinessData, order?: Order): BusinessData {
	if (dialect === 'standard' || OFFICIAL_ANSWERS.includes(endpoint)) return data;
	let shaped = data;
	if (endpoint === ENDPOINTS.queryIssueResult) {
		// Rytass: RtnCode, RtnMsg, MerchantTradeNo, FreeTradeNo, Status, Remark — no TicketTradeNo.
		shaped = { ...data };
		delete shaped.TicketTradeNo;
	}
	if (endpoint === ENDPOINTS.queryOrderInfo && order) {
		shaped = Object.fromEntries(Object.entries(data).map(([key, value]) => [RYTASS_COUNT_NAMES[key] ?? key, value]));
		shaped.TotalRefundFee = 0;
		shaped.PaymentProvider = order.paymentProvider;
		shaped.Remark = order.remark;
	}
	return altFields(shaped);
}

/**
 * A notification's Data as the dialect sends it, or undefined when the dialect sends none for the
 * event: alt notifies redemptions and refunds only (ECPay's skill has no UseStatus code for a
 * cancellation, and the official page speaks of tickets "redeemed or refunded").
 */
export function dialectNotification(dialect: Dialect, event: TicketEvent, data: BusinessData): BusinessData | undefined {
	if (dialect === 'standard') return data;
	const useStatus = SKILL_USE_STATUS[event];
	if (useStatus === undefined) return undefined;
	return altFields('UseStatus' in data ? { ...data, UseStatus: useStatus } : data);
}

/**
 * The envelope a notification goes out in: request-shaped (standard, the official page's
 * "Request" heading) or response-shaped with TransCode 1 (alt, as ECPay's skill's handler reads it).
 */
export function notificationEnvelope(
	dialect: Dialect,
	codec: Codec,
	sender: Sender,
	data: BusinessData,
	timestamp: number,
): RequestEnvelope | ResponseEnvelope {
	return dialect === 'alt' ? sealResponse(codec, sender, data, timestamp) : sealRequest(codec, sender, data, timestamp);
}

/** Whether the plain text `1|OK` acknowledges a notification: standard yes; alt no (ECPay's skill). */
export const acceptsPlainAcknowledgement = (dialect: Dialect) => dialect === 'standard';

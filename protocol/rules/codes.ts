import type { Grade } from './field';

/**
 * ECTicket's codes with their meaning and grade (PROTOCOL.md §8, EVIDENCE.md). A workflow always
 * gets the raw code; a label is added only where it cannot be wrong (see answers.ts readable()).
 */
export interface CodeTable {
	grade: Grade;
	source: string;
	labels: Record<string, string>;
}

/** QueryIssueResult `Status`. */
export const ISSUANCE_STATUS = {
	grade: 'inferred',
	source: 'Rytass ecpay-ticket client only',
	labels: { 1: 'issued', 2: 'failed', 3: 'processing' },
} as const satisfies CodeTable;

/** The issuance states the node reports; Status codes map onto them through ISSUANCE_STATUS. */
export const ISSUANCE_STATE = { issued: 1, failed: 2, processing: 3 } as const;

/**
 * Ticket `UseStatus`: contested. Rytass reads 1 unused / 2 redeemed / 3 refunded / 4 expired;
 * ECPay's skill labels a notification's UseStatus 1 redeemed / 2 refunded.
 */
export const USE_STATUS = {
	grade: 'inferred',
	source: 'Rytass ecpay-ticket client; contested by ECPay-API-Skill (1 redeemed, 2 refunded in notifications)',
	labels: { 1: 'unused', 2: 'redeemed', 3: 'refunded', 4: 'expired' },
} as const satisfies CodeTable;

/** `TicketType`: the two kinds are official, their codes inferred. */
export const TICKET_TYPE = {
	grade: 'inferred',
	source: 'PROTOCOL.md §8: pickup and gift vouchers are official, the codes 1/2 inferred',
	labels: { 1: 'pickup voucher', 2: 'gift voucher' },
} as const satisfies CodeTable;

const issuePage = (labels: Record<string, string>): CodeTable => ({ grade: 'official', source: 'Ticket Issuance API page', labels });

export const PRINT_TYPE = issuePage({ 1: 'printed by ECPay', 2: 'printed by merchant' });

export const IS_IMMEDIATE = issuePage({ 1: 'immediate', 2: 'from start date' });

/** IsImmediate's codes (official). */
export const USABLE_FROM = { immediately: '1', startDate: '2' } as const;

/** Product `ItemStatus` in answers (the request's 2 means "all"). */
export const ITEM_STATUS = {
	grade: 'official',
	source: 'BatchQueryItemInfo page',
	labels: { 0: 'delisted', 1: 'listed' },
} as const satisfies CodeTable;

/** BatchQueryItemInfo's ItemStatus filter. */
export const ITEM_STATUS_FILTER = { delisted: '0', listed: '1', all: '2' } as const;

/** WriteOff `Action`: ECPay's skill and Rytass agree. */
export const WRITE_OFF_ACTION = { redeem: '1', cancelRedemption: '2' } as const;

/** Refund `Action`, by analogy with WriteOff. */
export const REFUND_ACTION = { refund: '1', cancelRefund: '2' } as const;

/** OrderDetail `ReportType` (official). */
export const REPORT_TYPE = { orders: 1, tickets: 2 } as const;

/** Issuance-only `PaymentProvider` (ECPay's skill). */
export const PAYMENT_PROVIDER = { ecpay: '1', other: '2' } as const;

/** The label of a code, or undefined when the table does not know it (never a guess). */
export function labelOf(table: CodeTable, code: unknown): string | undefined {
	return code === undefined || code === null || code === '' ? undefined : table.labels[String(code)];
}

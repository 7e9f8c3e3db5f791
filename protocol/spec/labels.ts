/** Status codes and their readable labels (PROTOCOL.md §8; INFERRED unless marked). */
export const ISSUE_TYPES = {
	'1': 'convenience store',
	'2': 'paper',
	'3': 'electronic',
	'4': 'serial number only',
} as const;

export type IssueType = keyof typeof ISSUE_TYPES;

/** QueryIssueResult `Status` (INFERRED). */
export const ISSUANCE_STATUS = { 1: 'issued', 2: 'failed', 3: 'processing' } as const;

/** Ticket `UseStatus` (INFERRED). */
export const USE_STATUS = { 1: 'unused', 2: 'redeemed', 3: 'refunded', 4: 'expired' } as const;

/** `TicketType` (CONFIRMED types, INFERRED codes). */
export const TICKET_TYPE = { 1: 'pickup voucher', 2: 'gift voucher' } as const;

export const PRINT_TYPE = { '1': 'printed by ECPay', '2': 'printed by merchant' } as const;

export const IS_IMMEDIATE = { '1': 'immediate', '2': 'from start date' } as const;

export function labelOf(table: Record<string | number, string>, code: unknown): string {
	return table[String(code)] ?? `unknown (${String(code)})`;
}

/** Product `ItemStatus` (CONFIRMED codes). */
export const ITEM_STATUS_LABELS = { '0': 'delisted', '1': 'listed' } as const;

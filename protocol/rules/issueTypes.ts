/**
 * ECTicket's four IssueTypes as data (official Ticket Issuance page). Every other file names a
 * type through this table; the code literals '1'–'4' appear nowhere else.
 */
export const ISSUE_TYPES = {
	convenienceStore: {
		code: '1',
		label: 'Convenience Store Ticket',
		description: 'Redeemed at a convenience store; at most 8 tickets per order',
		/** Tickets per order, all lines together. */
		ticketLimit: 8,
		/** Paper tickets are issued when the API is called; the others by ECPay's scheduled job. */
		issuedAtOnce: false,
		/** Lines name a product listed in the vendor back office (ItemNo) or name and price themselves. */
		lines: 'listedProduct',
	},
	paper: {
		code: '2',
		label: 'Paper Ticket',
		description: 'Printed by ECPay or by you; issued at once',
		ticketLimit: 100,
		issuedAtOnce: true,
		lines: 'listedProduct',
	},
	electronic: {
		code: '3',
		label: 'Electronic Ticket',
		description: 'Sent to the customer by email and SMS',
		ticketLimit: 100,
		issuedAtOnce: false,
		lines: 'listedProduct',
	},
	serialNumber: {
		code: '4',
		label: 'Serial Number Only',
		description: 'Only a serial number, no listed product needed: name and price each line yourself',
		ticketLimit: 100,
		issuedAtOnce: false,
		lines: 'namedAndPriced',
	},
} as const;

export type IssueTypeName = keyof typeof ISSUE_TYPES;
export type IssueTypeCode = (typeof ISSUE_TYPES)[IssueTypeName]['code'];
export type IssueTypeFacts = (typeof ISSUE_TYPES)[IssueTypeName];

export const ISSUE_TYPE_NAMES = Object.keys(ISSUE_TYPES) as IssueTypeName[];

/** The facts of an IssueType code, or undefined for anything that is not one of the four. */
export function issueTypeOf(code: unknown): (IssueTypeFacts & { name: IssueTypeName }) | undefined {
	const name = ISSUE_TYPE_NAMES.find((n) => ISSUE_TYPES[n].code === code);
	return name ? { ...ISSUE_TYPES[name], name } : undefined;
}

/** The codes of the named IssueTypes, e.g. codesOf('electronic') → ['3']. */
export const codesOf = (...names: IssueTypeName[]): IssueTypeCode[] => names.map((n) => ISSUE_TYPES[n].code);

export const ALL_ISSUE_TYPE_CODES = codesOf(...ISSUE_TYPE_NAMES);

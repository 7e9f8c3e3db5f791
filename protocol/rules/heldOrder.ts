import { ISSUANCE_STATE } from './codes';

/**
 * Whether the order ECPay already holds under an order number is the order an Issue asked for:
 * compared on what ECPay's QueryOrderInfo shows (its shape is inferred, so only the fields it
 * actually holds are compared). ECPay never reuses a number, so a refused Issue is either a
 * resend of the same order, or another order that took the number first.
 */
export type Verdict = 'same' | 'different' | 'unknown';

export interface Comparison {
	verdict: Verdict;
	/** What was compared, e.g. ['IssueType', 'CustomerEmail', 'tickets']. */
	compared: string[];
	/** What differs, in words, e.g. 'CustomerEmail: asked a@x.tw, ECPay holds b@x.tw'. */
	differences: string[];
}

type Data = Record<string, unknown>;

const CUSTOMER = ['CustomerName', 'CustomerPhone', 'CustomerEmail', 'CustomerAddress'] as const;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

/** Tickets per product: ItemNo, or ItemName for serial-number-only lines. */
function countsOf(lines: Data[], amountOf: (line: Data) => number): Map<string, number> {
	const counts = new Map<string, number>();
	for (const line of lines) {
		const key = text(line.ItemNo) || text(line.ItemName);
		counts.set(key, (counts.get(key) ?? 0) + amountOf(line));
	}
	return counts;
}

/**
 * Whether a customer field ECPay holds is the value asked for, read leniently (how QueryOrderInfo
 * shows customers is inferred): phones by their digits, e-mail addresses in any case, and a held
 * value masked with `*` (王*明, 0912***678) matching wherever it is not masked.
 */
function sameCustomerValue(field: (typeof CUSTOMER)[number], asked: string, holds: string): boolean {
	const norm = (v: string) => (field === 'CustomerPhone' ? v.replace(/[^\d*＊]/g, '') : field === 'CustomerEmail' ? v.toLowerCase() : v);
	const [a, h] = [norm(asked), norm(holds)];
	if (!/[*＊]/.test(h)) return a === h;
	const pattern = h.split(/[*＊]+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
	return new RegExp(`^${pattern}$`, 'u').test(a);
}

const describe = (counts: Map<string, number>) =>
	[...counts].sort(([a], [b]) => a.localeCompare(b)).map(([item, n]) => `${item} × ${n}`).join(', ') || 'none';

/** Compares the Data an Issue sent with the order ECPay holds (QueryOrderInfo's first page plus every TicketList entry). */
export function compareHeldOrder(sent: Data, held: Data, heldTickets: Data[]): Comparison {
	const compared: string[] = [];
	const differences: string[] = [];
	const check = (name: string, asked: string, holds: string, same = asked === holds) => {
		compared.push(name);
		if (!same) differences.push(`${name}: asked ${asked || '(none)'}, ECPay holds ${holds || '(none)'}`);
	};
	if ('IssueType' in held) check('IssueType', text(sent.IssueType), text(held.IssueType));
	for (const field of CUSTOMER) {
		if (!(field in held)) continue;
		const [asked, holds] = [text(sent[field]), text(held[field])];
		check(field, asked, holds, sameCustomerValue(field, asked, holds));
	}
	if (heldTickets.length > 0) {
		const asked = countsOf((sent.TicketInfo as Data[] | undefined) ?? [], (line) => Number(line.TicketAmount) || 0);
		check('tickets', describe(asked), describe(countsOf(heldTickets, () => 1)));
	}
	// The type alone does not tell two orders apart: the tickets, or a customer, must match too.
	const telling = compared.includes('tickets') || CUSTOMER.some((field) => compared.includes(field) && text(held[field]) !== '');
	const verdict: Verdict = differences.length ? 'different' : telling ? 'same' : 'unknown';
	return { verdict, compared, differences };
}

export type IssuanceState = 'received' | 'issued' | 'processing' | 'failed' | 'unknown';

/** The issuance state of a QueryIssueResult Status code; 'unknown' for a code this package does not know. */
export function issuanceStateOf(status: unknown): IssuanceState {
	const code = Number(status);
	if (code === ISSUANCE_STATE.issued) return 'issued';
	if (code === ISSUANCE_STATE.failed) return 'failed';
	if (code === ISSUANCE_STATE.processing) return 'processing';
	return 'unknown';
}

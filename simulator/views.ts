import type { BusinessData } from '../protocol/envelope';
import { TICKET_FIELDS } from '../protocol/rules/answers';
import { ITEM_STATUS_FILTER } from '../protocol/rules/codes';
import { escrowLastDay, EXPIRED, REDEEMED, REFUNDED, UNUSED, useStatusOf, type UseStatus } from './lifecycle';
import { slashedDay, taiwanDateTime } from './numbers';
import type { Product } from './products';
import { ISSUED, type FoundTicket, type Order, type Ticket } from './store';

/** How the answers show orders and tickets (response shapes INFERRED, PROTOCOL.md §5). */

type TicketField = (typeof TICKET_FIELDS)[number];

/** One TicketList entry: the fields of TICKET_FIELDS, UseStatus as it reads today. */
export function ticketView(ticket: Ticket, today: string): BusinessData {
	const values: Record<TicketField, unknown> = { ...ticket, UseStatus: useStatusOf(ticket, today) };
	return Object.fromEntries(TICKET_FIELDS.map((field) => [field, values[field]]));
}

/** QueryTicketStatus, WriteOff and Refund: the ticket plus the numbers of its order. */
export function ticketWithOrder({ order, ticket }: FoundTicket, today: string): BusinessData {
	return {
		MerchantTradeNo: order.merchantTradeNo,
		FreeTradeNo: order.freeTradeNo,
		TicketTradeNo: order.ticketTradeNo,
		...ticketView(ticket, today),
	};
}

export interface Tally {
	UnusedCount: number;
	RedeemedCount: number;
	RefundedCount: number;
	ExpiredCount: number;
	UnusedAmount: number;
	RedeemedAmount: number;
	RefundedAmount: number;
	ExpiredAmount: number;
}

const TALLY_KEYS: Record<UseStatus, ['UnusedCount' | 'RedeemedCount' | 'RefundedCount' | 'ExpiredCount', keyof Tally]> = {
	[UNUSED]: ['UnusedCount', 'UnusedAmount'],
	[REDEEMED]: ['RedeemedCount', 'RedeemedAmount'],
	[REFUNDED]: ['RefundedCount', 'RefundedAmount'],
	[EXPIRED]: ['ExpiredCount', 'ExpiredAmount'],
};

/** Counts and face-value sums of an order's tickets per UseStatus, as they read today. */
export function tally(order: Order, today: string): Tally {
	const result: Tally = {
		UnusedCount: 0,
		RedeemedCount: 0,
		RefundedCount: 0,
		ExpiredCount: 0,
		UnusedAmount: 0,
		RedeemedAmount: 0,
		RefundedAmount: 0,
		ExpiredAmount: 0,
	};
	for (const ticket of order.tickets) {
		const [count, amount] = TALLY_KEYS[useStatusOf(ticket, today)];
		result[count] += 1;
		result[amount] += ticket.TicketAmount;
	}
	return result;
}

/** The order total: every ticket ordered at its face value. */
export const tradeAmount = (order: Order) => order.lines.reduce((sum, line) => sum + line.count * line.faceValue, 0);

/** yyyy/MM/dd HH:mm:ss (Taiwan) of the issuance, '' while processing or after a failure. */
export const issueDate = (order: Order) => (order.status === ISSUED ? taiwanDateTime(order.issueAt) : '');

/** QueryOrderInfo's order fields (without TotalCount and TicketList). */
export function orderView(order: Order, today: string, escrowDays: number): BusinessData {
	return {
		MerchantTradeNo: order.merchantTradeNo,
		FreeTradeNo: order.freeTradeNo,
		TicketTradeNo: order.ticketTradeNo,
		Status: order.status,
		IssueDate: issueDate(order),
		IssueType: order.issueType,
		PrintType: order.printType,
		CustomerName: order.customer.name,
		CustomerPhone: order.customer.phone,
		CustomerEmail: order.customer.email,
		CustomerAddress: order.customer.address,
		EscrowExpiredDate: slashedDay(escrowLastDay(order, escrowDays)),
		TradeAmount: tradeAmount(order),
		...tally(order, today),
	};
}

/** QueryItemInfo and every BatchQueryItemInfo ItemList entry. */
export function itemView(product: Product): BusinessData {
	return {
		ItemNo: product.itemNo,
		ItemName: product.itemName,
		ItemStatus: product.listed ? ITEM_STATUS_FILTER.listed : ITEM_STATUS_FILTER.delisted,
		TicketType: product.kind === 'gift' ? 2 : 1,
		Price: product.price,
	};
}

/** Entries of page `pageNum` (1-based); a page past the end is empty. */
export const page = <T>(entries: readonly T[], pageNum: number, pageSize: number): T[] =>
	entries.slice((pageNum - 1) * pageSize, pageNum * pageSize);

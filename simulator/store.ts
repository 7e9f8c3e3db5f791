import type { IssueType } from '../protocol/spec/labels';
import { NumberSequence, taiwanDay } from './numbers';

/** QueryIssueResult `Status` (PROTOCOL.md §8). */
export const ISSUED = 1;
export const FAILED = 2;
export const PROCESSING = 3;
export type IssuanceStatus = typeof ISSUED | typeof FAILED | typeof PROCESSING;

/** How a merchant names an order: exactly one of the two is non-empty. */
export interface OrderRef {
	merchantTradeNo: string;
	freeTradeNo: string;
}

/** One TicketInfo line, resolved against the catalogue. */
export interface OrderLine {
	/** '' for serial-number-only tickets (IssueType 4). */
	itemNo: string;
	itemName: string;
	/** 1 pickup voucher, 2 gift voucher. */
	ticketType: 1 | 2;
	/** Face value of each ticket: the product's price, or TicketPrice for IssueType 4. */
	faceValue: number;
	count: number;
	/** The requested StartDate; '' when the tickets are usable from the issue date. */
	startDate: string;
	expireDate: string;
	failsIssuance?: string;
}

/** A ticket in ECPay's wire names (PROTOCOL.md §5 TicketList, INFERRED), ready for later query endpoints. */
export interface Ticket {
	TicketNo: string;
	WriteOffNo: string;
	ItemNo: string;
	ItemName: string;
	TicketType: 1 | 2;
	TicketAmount: number;
	StartDate: string;
	ExpiredDate: string;
	/** 1 unused, 2 redeemed, 3 refunded, 4 expired. */
	UseStatus: 1 | 2 | 3 | 4;
	WriteOffDate: string;
	RefundDate: string;
}

export interface Order extends OrderRef {
	merchantId: string;
	ticketTradeNo: string;
	issueType: IssueType;
	printType: string;
	isImmediate: string;
	storeId: string;
	operator: string;
	customer: { name: string; phone: string; email: string; address: string };
	refundNotifyUrl: string;
	useStatusNotifyUrl: string;
	lines: OrderLine[];
	acceptedAt: number;
	/** When the scheduled job issues (or issued) the tickets; paper tickets are issued on acceptance. */
	issueAt: number;
	status: IssuanceStatus;
	remark: string;
	tickets: Ticket[];
}

export type NewOrder = Omit<
	Order,
	'ticketTradeNo' | 'acceptedAt' | 'issueAt' | 'status' | 'remark' | 'tickets'
>;

const PAPER: IssueType = '2';

const orderKey = (ref: OrderRef) =>
	ref.merchantTradeNo ? `MerchantTradeNo:${ref.merchantTradeNo}` : `FreeTradeNo:${ref.freeTradeNo}`;

/**
 * Orders and tickets of every simulated merchant. Time only moves through `now`: an order whose
 * issueAt has passed is issued (or failed) the first time anything reads it.
 */
export class TicketStore {
	readonly #orders = new Map<string, Map<string, Order>>();
	readonly #ticketsByNo = new Map<string, { order: Order; ticket: Ticket }>();
	readonly #ticketsByWriteOffNo = new Map<string, { order: Order; ticket: Ticket }>();
	readonly #numbers = new NumberSequence();

	constructor(
		private readonly now: () => number,
		private readonly issueDelayMs: number,
	) {}

	/** Whether the number was ever used by this merchant: numbers are never reusable. */
	isUsed(merchantId: string, ref: OrderRef): boolean {
		return this.#book(merchantId).has(orderKey(ref));
	}

	accept(draft: NewOrder): Order {
		const acceptedAt = this.now();
		const order: Order = {
			...draft,
			ticketTradeNo: this.#numbers.ticketTradeNo(acceptedAt),
			acceptedAt,
			issueAt: draft.issueType === PAPER ? acceptedAt : acceptedAt + this.issueDelayMs,
			status: PROCESSING,
			remark: '',
			tickets: [],
		};
		this.#book(draft.merchantId).set(orderKey(draft), order);
		this.#settle(order);
		return order;
	}

	findOrder(merchantId: string, ref: OrderRef): Order | undefined {
		const order = this.#book(merchantId).get(orderKey(ref));
		if (order) this.#settle(order);
		return order;
	}

	orders(merchantId: string): Order[] {
		const orders = [...this.#book(merchantId).values()];
		orders.forEach((order) => this.#settle(order));
		return orders;
	}

	findTicket(
		merchantId: string,
		by: { ticketNo?: string; writeOffNo?: string },
	): { order: Order; ticket: Ticket } | undefined {
		this.orders(merchantId);
		const found = by.ticketNo
			? this.#ticketsByNo.get(by.ticketNo)
			: this.#ticketsByWriteOffNo.get(by.writeOffNo ?? '');
		return found?.order.merchantId === merchantId ? found : undefined;
	}

	#book(merchantId: string): Map<string, Order> {
		let book = this.#orders.get(merchantId);
		if (!book) {
			book = new Map();
			this.#orders.set(merchantId, book);
		}
		return book;
	}

	/** The scheduled issuance job for one order, run once its time has come. */
	#settle(order: Order): void {
		if (order.status !== PROCESSING || this.now() < order.issueAt) return;
		const failing = order.lines.find((line) => line.failsIssuance);
		if (failing) {
			order.status = FAILED;
			order.remark = failing.failsIssuance ?? '';
			return;
		}
		const issueDate = taiwanDay(order.issueAt);
		for (const line of order.lines) {
			for (let i = 0; i < line.count; i++) {
				const { ticketNo, writeOffNo } = this.#numbers.ticketNumbers(order.issueAt);
				const ticket: Ticket = {
					TicketNo: ticketNo,
					WriteOffNo: writeOffNo,
					ItemNo: line.itemNo,
					ItemName: line.itemName,
					TicketType: line.ticketType,
					TicketAmount: line.faceValue,
					StartDate: line.startDate || issueDate,
					ExpiredDate: line.expireDate,
					UseStatus: 1,
					WriteOffDate: '',
					RefundDate: '',
				};
				order.tickets.push(ticket);
				this.#ticketsByNo.set(ticketNo, { order, ticket });
				this.#ticketsByWriteOffNo.set(writeOffNo, { order, ticket });
			}
		}
		order.status = ISSUED;
	}
}

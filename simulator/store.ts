import { issueTypeOf, type IssueTypeCode } from '../protocol/rules/issueTypes';
import { addYears, NumberSequence, taiwanDay, type WriteOffNoStyle } from './numbers';

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

/** Pickup vouchers without an ExpireDate are valid for a year from their issue date (simulator DECISION). */
export const PICKUP_VALIDITY_YEARS = 1;

/** A ticket in ECPay's wire names (PROTOCOL.md §5 TicketList, INFERRED). */
export interface Ticket {
	TicketNo: string;
	WriteOffNo: string;
	ItemNo: string;
	ItemName: string;
	TicketType: 1 | 2;
	TicketAmount: number;
	StartDate: string;
	/** yyyyMMdd: the line's ExpireDate, or for pickup vouchers without one the issue date + 1 year. */
	ExpiredDate: string;
	/**
	 * The stored status: 1 unused, 2 redeemed, 3 refunded. Expiry (4) is a matter of the date and
	 * is worked out on every read (lifecycle.ts useStatusOf), never stored.
	 */
	UseStatus: 1 | 2 | 3 | 4;
	/** yyyy/MM/dd HH:mm:ss (Taiwan) of the redemption, '' while not redeemed. */
	WriteOffDate: string;
	/** yyyy/MM/dd HH:mm:ss (Taiwan) of the refund, '' while not refunded. */
	RefundDate: string;
}

/** One refund of a pickup voucher, as QueryRefundInfo lists it while it is not cancelled. */
export interface RefundRecord {
	TicketNo: string;
	WriteOffNo: string;
	RefundAmount: number;
	/** yyyy/MM/dd HH:mm:ss (Taiwan). */
	RefundDate: string;
	refundedAt: number;
	remark: string;
	operator: string;
	/** Set when the refund was cancelled; a cancelled refund is no longer listed. */
	cancelledAt?: number;
}

/**
 * `escrow`: the main ECTicket API (/api/Ticket/Issue), money held in escrow; `issuance`: the
 * issuance-only mode (/api/issuance/issue), no escrow (PROTOCOL.md §5).
 */
export type OrderMode = 'escrow' | 'issuance';

export interface Order extends OrderRef {
	merchantId: string;
	ticketTradeNo: string;
	issueType: IssueTypeCode;
	printType: string;
	isImmediate: string;
	storeId: string;
	operator: string;
	customer: { name: string; phone: string; email: string; address: string };
	refundNotifyUrl: string;
	useStatusNotifyUrl: string;
	lines: OrderLine[];
	mode: OrderMode;
	/** Issuance-only mode: the PaymentProvider the merchant named (INFERRED field), '' otherwise. */
	paymentProvider: string;
	acceptedAt: number;
	/** When the scheduled job issues (or issued) the tickets; paper tickets are issued on acceptance. */
	issueAt: number;
	status: IssuanceStatus;
	remark: string;
	tickets: Ticket[];
	refunds: RefundRecord[];
}

export type NewOrder = Omit<
	Order,
	'ticketTradeNo' | 'acceptedAt' | 'issueAt' | 'status' | 'remark' | 'tickets' | 'refunds' | 'mode' | 'paymentProvider'
> &
	Partial<Pick<Order, 'mode' | 'paymentProvider'>>;

export interface FoundTicket {
	order: Order;
	ticket: Ticket;
}

const orderKey = (ref: OrderRef) =>
	ref.merchantTradeNo ? `MerchantTradeNo:${ref.merchantTradeNo}` : `FreeTradeNo:${ref.freeTradeNo}`;

/**
 * Orders and tickets of every simulated merchant. Time only moves through `now`: an order whose
 * issueAt has passed is issued (or failed) the first time anything reads it.
 */
export class TicketStore {
	readonly #orders = new Map<string, Map<string, Order>>();
	readonly #ticketsByNo = new Map<string, FoundTicket>();
	readonly #ticketsByWriteOffNo = new Map<string, FoundTicket>();
	readonly #numbers: NumberSequence;
	/** When each merchant last got an OrderDetail file (simulator clock, ms). */
	readonly #orderDetailCalls = new Map<string, number>();
	readonly #completionAt: (acceptedAt: number) => number;

	/**
	 * `job`: the scheduled issuance job (issuanceJob.ts), or just its duration in ms (each order
	 * completed that long after its acceptance). `writeOffNos`: how WriteOffNo looks (dialect).
	 */
	constructor(
		private readonly now: () => number,
		job: number | { completionAt(acceptedAt: number): number },
		writeOffNos: WriteOffNoStyle = 'digits',
	) {
		this.#completionAt = typeof job === 'number' ? (acceptedAt) => acceptedAt + job : (acceptedAt) => job.completionAt(acceptedAt);
		this.#numbers = new NumberSequence(writeOffNos);
	}

	/** Whether the number was ever used by this merchant: numbers are never reusable. */
	isUsed(merchantId: string, ref: OrderRef): boolean {
		return this.#book(merchantId).has(orderKey(ref));
	}

	/** Records a new order; throws if its number was used before (handlers check isUsed first). */
	accept(draft: NewOrder): Order {
		if (this.isUsed(draft.merchantId, draft)) {
			throw new Error(`${orderKey(draft)} of merchant ${draft.merchantId} is already recorded`);
		}
		const acceptedAt = this.now();
		const order: Order = {
			...draft,
			mode: draft.mode ?? 'escrow',
			paymentProvider: draft.paymentProvider ?? '',
			ticketTradeNo: this.#numbers.ticketTradeNo(acceptedAt),
			acceptedAt,
			issueAt: issueTypeOf(draft.issueType)?.issuedAtOnce ? acceptedAt : this.#completionAt(acceptedAt),
			status: PROCESSING,
			remark: '',
			tickets: [],
			refunds: [],
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

	/**
	 * Every order of the merchant keyed by its number, `MerchantTradeNo:<no>` or
	 * `FreeTradeNo:<no>`: one entry a number, whatever was retried or faulted.
	 */
	ordersByNumber(merchantId: string): Map<string, Order> {
		const book = new Map(this.#book(merchantId));
		book.forEach((order) => this.#settle(order));
		return book;
	}

	findTicket(merchantId: string, by: { ticketNo?: string; writeOffNo?: string }): FoundTicket | undefined {
		const found = this.findTicketOfAnyMerchant(by);
		return found?.order.merchantId === merchantId ? found : undefined;
	}

	/** For the control endpoints, which act as a store or a customer rather than as a merchant. */
	findTicketOfAnyMerchant(by: { ticketNo?: string; writeOffNo?: string }): FoundTicket | undefined {
		for (const merchantId of this.#orders.keys()) this.orders(merchantId);
		return by.ticketNo ? this.#ticketsByNo.get(by.ticketNo) : this.#ticketsByWriteOffNo.get(by.writeOffNo ?? '');
	}

	lastOrderDetailCall(merchantId: string): number | undefined {
		return this.#orderDetailCalls.get(merchantId);
	}

	recordOrderDetailCall(merchantId: string, at: number): void {
		this.#orderDetailCalls.set(merchantId, at);
	}

	/** Forgets every order, ticket and rate-limit record (POST /_simulator/reset); numbers keep counting. */
	clear(): void {
		this.#orders.clear();
		this.#ticketsByNo.clear();
		this.#ticketsByWriteOffNo.clear();
		this.#orderDetailCalls.clear();
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
					ExpiredDate:
						line.expireDate ||
						(line.ticketType === 1 ? addYears(issueDate, PICKUP_VALIDITY_YEARS) : ''),
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

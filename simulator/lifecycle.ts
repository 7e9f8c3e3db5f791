import { REFUND_ACTION, WRITE_OFF_ACTION } from '../protocol/rules/codes';
import type { NotificationCenter } from './notifications';
import { addDays, slashedDay, taiwanDateTime, taiwanDay } from './numbers';
import type { RtnCodeName } from './rtnCodes';
import { ISSUED, type FoundTicket, type Order, type Ticket } from './store';

/**
 * The ticket lifecycle (PROTOCOL.md §8 UseStatus): unused ⇄ redeemed (WriteOff), unused ⇄ refunded
 * (Refund, pickup vouchers within escrow), and expired by date. The API handlers and the control
 * endpoints both change tickets through `changeTicket`, which also queues the notifications.
 */

export const UNUSED = 1;
export const REDEEMED = 2;
export const REFUNDED = 3;
export const EXPIRED = 4;
export type UseStatus = typeof UNUSED | typeof REDEEMED | typeof REFUNDED | typeof EXPIRED;

export type TicketEvent = 'redeem' | 'cancelRedemption' | 'refund' | 'cancelRefund';

/** WriteOff / Refund `Action` codes (protocol/rules/codes.ts) to lifecycle events. */
export const WRITE_OFF_EVENTS: Record<string, TicketEvent> = {
	[WRITE_OFF_ACTION.redeem]: 'redeem',
	[WRITE_OFF_ACTION.cancelRedemption]: 'cancelRedemption',
};
export const REFUND_EVENTS: Record<string, TicketEvent> = {
	[REFUND_ACTION.refund]: 'refund',
	[REFUND_ACTION.cancelRefund]: 'cancelRefund',
};

/**
 * What a ticket reads as on `today` (yyyyMMdd, Taiwan): an unused ticket whose ExpiredDate is
 * before today is expired (4). Redeemed and refunded tickets keep their status after expiry.
 */
export function useStatusOf(ticket: Ticket, today: string): UseStatus {
	if (ticket.UseStatus === UNUSED && ticket.ExpiredDate !== '' && ticket.ExpiredDate < today) return EXPIRED;
	return ticket.UseStatus;
}

/**
 * The last day (yyyyMMdd) a pickup-voucher order can be refunded: its issue date (Taiwan) plus the
 * merchant's escrow days. '' for orders without escrow: not issued, gift-voucher orders
 * (FreeTradeNo) and issuance-only orders.
 */
export function escrowLastDay(order: Order, escrowDays: number): string {
	if (order.status !== ISSUED || order.mode !== 'escrow' || !order.merchantTradeNo) return '';
	return addDays(taiwanDay(order.issueAt), escrowDays);
}

export interface ChangeContext {
	/** The simulator clock, ms. */
	now: number;
	escrowDays: number;
	notifications: NotificationCenter;
	/** CancelReason of the call: the refund notification's Remark. */
	reason?: string;
	/**
	 * A return through /api/issuance/Refund: only for tickets of issuance-only orders, which hold
	 * no money in escrow, so no escrow period applies.
	 */
	issuanceReturn?: boolean;
	operator?: string;
}

export type Outcome = { ok: true; notificationIds: string[] } | { ok: false; code: RtnCodeName; message: string };

const refuse = (code: RtnCodeName, message: string): Outcome => ({ ok: false, code, message });

/** Checks the transition, applies it, and queues the notifications it causes. */
export function changeTicket(found: FoundTicket, event: TicketEvent, context: ChangeContext): Outcome {
	const refusal = refusalOf(found, event, context);
	if (refusal) return refusal;
	const { order, ticket } = found;
	const stamp = taiwanDateTime(context.now);
	switch (event) {
		case 'redeem':
			ticket.UseStatus = REDEEMED;
			ticket.WriteOffDate = stamp;
			break;
		case 'cancelRedemption':
			ticket.UseStatus = UNUSED;
			ticket.WriteOffDate = '';
			break;
		case 'refund':
			ticket.UseStatus = REFUNDED;
			ticket.RefundDate = stamp;
			order.refunds.push({
				TicketNo: ticket.TicketNo,
				WriteOffNo: ticket.WriteOffNo,
				RefundAmount: ticket.TicketAmount,
				RefundDate: stamp,
				refundedAt: context.now,
				remark: context.reason ?? '',
				operator: context.operator ?? '',
			});
			break;
		case 'cancelRefund': {
			ticket.UseStatus = UNUSED;
			ticket.RefundDate = '';
			const record = order.refunds.find((r) => r.TicketNo === ticket.TicketNo && r.cancelledAt === undefined);
			if (record) record.cancelledAt = context.now;
			break;
		}
	}
	const notifications = context.notifications.queueTicketEvent(found, event, {
		useStatus: useStatusOf(ticket, taiwanDay(context.now)),
		remark: context.reason ?? '',
	});
	return { ok: true, notificationIds: notifications.map((n) => n.id) };
}

function refusalOf(found: FoundTicket, event: TicketEvent, context: ChangeContext): Outcome | undefined {
	const { order, ticket } = found;
	const today = taiwanDay(context.now);
	const status = useStatusOf(ticket, today);
	const name = `Ticket ${ticket.TicketNo}`;

	if (event === 'redeem') {
		if (status === REDEEMED) return refuse('alreadyRedeemed', `${name} was already redeemed on ${ticket.WriteOffDate}`);
		if (status === REFUNDED) return refuse('refundedNotRedeemable', `${name} was refunded on ${ticket.RefundDate} and cannot be redeemed`);
		if (status === EXPIRED) return refuse('ticketExpired', `${name} expired after ${slashedDay(ticket.ExpiredDate)} and cannot be redeemed`);
		if (ticket.StartDate > today) {
			return refuse('notYetUsable', `${name} can be used from ${slashedDay(ticket.StartDate)}, not before`);
		}
		return undefined;
	}
	if (event === 'cancelRedemption') {
		return status === REDEEMED ? undefined : refuse('notRedeemed', `${name} is not redeemed: there is no redemption to cancel`);
	}

	if (event === 'refund') {
		if (ticket.TicketType !== 1) return refuse('giftNotRefundable', `${name} is a gift voucher; only pickup vouchers can be refunded`);
		if (context.issuanceReturn && order.mode !== 'issuance') {
			return refuse('escrowOrder', `${name} was issued with /api/Ticket/Issue: refund it with /api/Ticket/Refund`);
		}
		if (!context.issuanceReturn && order.mode !== 'escrow') {
			return refuse('noEscrow', `${name} was issued in issuance-only mode: no money is held in escrow, refund it with /api/issuance/Refund`);
		}
		if (status === REDEEMED) return refuse('redeemedNotRefundable', `${name} was redeemed on ${ticket.WriteOffDate} and cannot be refunded`);
		if (status === REFUNDED) return refuse('alreadyRefunded', `${name} was already refunded on ${ticket.RefundDate}`);
		if (status === EXPIRED) return refuse('ticketExpired', `${name} expired after ${slashedDay(ticket.ExpiredDate)} and cannot be refunded`);
	} else if (status !== REFUNDED) {
		return refuse('notRefunded', `${name} is not refunded: there is no refund to cancel`);
	}
	if (context.issuanceReturn) return undefined;
	const lastDay = escrowLastDay(order, context.escrowDays);
	if (lastDay < today) {
		return refuse('escrowExpired', `${name}: the order's escrow period ended on ${slashedDay(lastDay)}`);
	}
	return undefined;
}

import type { BusinessData } from '../protocol/envelope';
import { NOTIFICATION_FIELDS } from '../protocol/rules/answers';
import { NOTIFICATION_RETRIES } from '../protocol/rules/timing';
import { judgeAcknowledgement, type AckFormat, type Judgement } from './acknowledgement';
import type { Account } from './admission';
import { acceptsPlainAcknowledgement, dialectNotification, notificationEnvelope, type Dialect } from './dialect';
import type { TicketEvent, UseStatus } from './lifecycle';
import type { FoundTicket } from './store';

export { judgeAcknowledgement, type AckFormat, type Judgement };

/**
 * ECTicket's notifications (PROTOCOL.md §7): queued when a ticket changes, delivered in batches
 * as envelopes sealed with the merchant's keys (request-shaped, or response-shaped in dialect
 * alt: dialect.ts), retried until acknowledged.
 * Everything here is pure: the HTTP POST is the injected `Transport` (notifier.js), the batch
 * schedule lives in notifier.js too, and time comes from the simulator clock.
 */

export type NotificationKind = 'useStatus' | 'refund';

/** pending: waiting for its (next) attempt; delivering: an attempt is in flight; delivered: acknowledged; failed: given up. */
export type NotificationState = 'pending' | 'delivering' | 'delivered' | 'failed';

/** One attempt in total plus NOTIFICATION_RETRIES retries. */
export const MAX_ATTEMPTS = 1 + NOTIFICATION_RETRIES;

/** Keeps a long-running simulator's memory bounded; the oldest entries are dropped first. */
const LOG_LIMIT = 5000;

export interface QueuedNotification {
	/** The same id across every attempt. */
	id: string;
	kind: NotificationKind;
	/** What happened to the ticket. */
	event: TicketEvent;
	merchantId: string;
	url: string;
	/** The business Data, sealed afresh (new RqHeader.Timestamp) for every attempt. */
	data: BusinessData;
	/** Simulator clock, ISO 8601. */
	queuedAt: string;
	state: NotificationState;
	attempts: number;
	/** Simulator clock (ms) when the next attempt is due; null once delivered or given up. */
	nextAttemptAt: number | null;
	/** Why the last attempt failed, '' if none did. */
	lastReason: string;
	/** Attempts made before the last resend (rotation.ts): each resend has MAX_ATTEMPTS of its own. */
	attemptsBeforeResend?: number;
}

/** One delivery attempt, as GET /_simulator/deliveries lists it. */
export interface DeliveryAttempt {
	id: string;
	notificationId: string;
	kind: NotificationKind;
	url: string;
	/** 1 for the first delivery, 2–5 for the retries. */
	attempt: number;
	/** When it was sent, simulator clock, ISO 8601. */
	at: string;
	/** null when no HTTP answer came (connection refused, timeout). */
	httpStatus: number | null;
	/** The shape the answer had, null when it was neither an envelope nor plain text 1|OK. */
	ackFormat: AckFormat | null;
	accepted: boolean;
	/** Why the attempt was or was not accepted. */
	reason: string;
}

export interface OutgoingRequest {
	url: string;
	body: string;
	headers: Record<string, string>;
	timeoutMs: number;
}

/** What the HTTP POST produced: a status and body, or an error (connection refused, timeout, …). */
export interface TransportResult {
	status?: number;
	body?: string;
	error?: string;
}

export type Transport = (request: OutgoingRequest) => Promise<TransportResult>;

export interface NotificationSettings {
	retryDelayMs: number;
	timeoutMs: number;
	transport?: Transport;
	/** How notifications look and which acknowledgements count (dialect.ts); default standard. */
	dialect?: Dialect;
}

export interface Clocks {
	/** The simulator clock (business time, shifted by POST /_simulator/clock). */
	now: () => number;
	/** The unshifted clock, for RqHeader.Timestamp: receivers compare it with their own time. */
	wallNow: () => number;
}

type UseStatusField = (typeof NOTIFICATION_FIELDS.useStatus)[number];
type RefundField = (typeof NOTIFICATION_FIELDS.refund)[number];

/** Picks the fields of NOTIFICATION_FIELDS, in their order. */
function pick<F extends string>(fields: readonly F[], values: Record<F, unknown>): BusinessData {
	return Object.fromEntries(fields.map((field) => [field, values[field]]));
}

export class NotificationCenter {
	readonly #queue: QueuedNotification[] = [];
	readonly #deliveries: DeliveryAttempt[] = [];
	readonly #inflight = new Map<string, Promise<DeliveryAttempt>>();
	#notificationSeq = 0;
	#deliverySeq = 0;
	/** Bumped by clear(): attempts still in flight when the state was reset are not recorded. */
	#generation = 0;

	constructor(
		private readonly accountOf: (merchantId: string) => Account | undefined,
		private readonly clocks: Clocks,
		private readonly settings: NotificationSettings,
	) {}

	get notifications(): readonly QueuedNotification[] {
		return this.#queue;
	}

	get deliveries(): readonly DeliveryAttempt[] {
		return this.#deliveries;
	}

	/**
	 * The notifications a ticket change causes: every change goes to UseStatusNotifyURL, a refund
	 * also to RefundNotifyURL — each only if the order gave that URL. A cancelled refund is a
	 * use-status change only (the ticket is unused again); RefundNotifyURL hears of refunds only.
	 */
	queueTicketEvent(
		{ order, ticket }: FoundTicket,
		event: TicketEvent,
		details: { useStatus: UseStatus; remark: string },
	): QueuedNotification[] {
		const queued: QueuedNotification[] = [];
		const dialect = this.settings.dialect ?? 'standard';
		const queue = (kind: NotificationKind, url: string, data: BusinessData) => {
			const shaped = dialectNotification(dialect, event, data);
			if (shaped) queued.push(this.#enqueue(kind, event, order.merchantId, url, shaped));
		};
		if (order.useStatusNotifyUrl) {
			const values: Record<UseStatusField, unknown> = {
				MerchantID: order.merchantId,
				MerchantTradeNo: order.merchantTradeNo,
				FreeTradeNo: order.freeTradeNo,
				TicketTradeNo: order.ticketTradeNo,
				TicketNo: ticket.TicketNo,
				WriteOffNo: ticket.WriteOffNo,
				UseStatus: details.useStatus,
				WriteOffDate: ticket.WriteOffDate,
				RefundDate: ticket.RefundDate,
			};
			queue('useStatus', order.useStatusNotifyUrl, pick(NOTIFICATION_FIELDS.useStatus, values));
		}
		if (event === 'refund' && order.refundNotifyUrl) {
			const values: Record<RefundField, unknown> = {
				MerchantID: order.merchantId,
				MerchantTradeNo: order.merchantTradeNo,
				TicketTradeNo: order.ticketTradeNo,
				TicketNo: ticket.TicketNo,
				RefundAmount: ticket.TicketAmount,
				RefundDate: ticket.RefundDate,
				Remark: details.remark,
			};
			queue('refund', order.refundNotifyUrl, pick(NOTIFICATION_FIELDS.refund, values));
		}
		return queued;
	}

	/** When the earliest pending notification is due (simulator clock), for notifier.js's timer. */
	nextDueAt(): number | undefined {
		const due = this.#queue
			.filter((n) => n.state === 'pending' && n.nextAttemptAt !== null)
			.map((n) => n.nextAttemptAt as number);
		return due.length > 0 ? Math.min(...due) : undefined;
	}

	/**
	 * One batch: attempts every pending notification that is due now, waits for those attempts
	 * and any still in flight from an earlier batch, and returns them.
	 */
	async deliverDue(): Promise<DeliveryAttempt[]> {
		const transport = this.settings.transport;
		if (!transport) {
			throw new Error('No transport for notifications: start the simulator with startSimulator() or pass config.transport');
		}
		const now = this.clocks.now();
		for (const notification of this.#queue) {
			if (notification.state === 'pending' && notification.nextAttemptAt !== null && notification.nextAttemptAt <= now) {
				const attempt = this.#attempt(notification, transport).finally(() => this.#inflight.delete(notification.id));
				this.#inflight.set(notification.id, attempt);
			}
		}
		return Promise.all([...this.#inflight.values()]);
	}

	/** Forgets every notification and delivery (POST /_simulator/reset); ids keep counting. */
	clear(): void {
		this.#generation++;
		this.#queue.length = 0;
		this.#deliveries.length = 0;
		this.#inflight.clear();
	}

	#enqueue(kind: NotificationKind, event: TicketEvent, merchantId: string, url: string, data: BusinessData): QueuedNotification {
		const now = this.clocks.now();
		const notification: QueuedNotification = {
			id: `N${String(++this.#notificationSeq).padStart(6, '0')}`,
			kind,
			event,
			merchantId,
			url,
			data,
			queuedAt: new Date(now).toISOString(),
			state: 'pending',
			attempts: 0,
			nextAttemptAt: now,
			lastReason: '',
		};
		this.#queue.push(notification);
		trim(this.#queue, (n) => n.state === 'delivered' || n.state === 'failed');
		return notification;
	}

	async #attempt(notification: QueuedNotification, transport: Transport): Promise<DeliveryAttempt> {
		const generation = this.#generation;
		notification.state = 'delivering';
		notification.attempts += 1;
		const at = new Date(this.clocks.now()).toISOString();
		const account = this.accountOf(notification.merchantId);

		let judgement: Judgement;
		if (!account) {
			judgement = { httpStatus: null, ackFormat: null, accepted: false, reason: `merchant ${notification.merchantId} is no longer configured` };
		} else {
			const dialect = this.settings.dialect ?? 'standard';
			const envelope = notificationEnvelope(
				dialect,
				account.codec,
				{ merchantId: account.merchant.merchantId, platformId: account.merchant.platformId },
				notification.data,
				Math.floor(this.clocks.wallNow() / 1000),
			);
			let result: TransportResult;
			try {
				result = await transport({
					url: notification.url,
					body: JSON.stringify(envelope),
					headers: { 'Content-Type': 'application/json', Accept: 'text/html' },
					timeoutMs: this.settings.timeoutMs,
				});
			} catch (error) {
				result = { error: error instanceof Error ? error.message : String(error) };
			}
			judgement = judgeAcknowledgement(account, result, acceptsPlainAcknowledgement(dialect));
		}

		const delivery: DeliveryAttempt = {
			id: `D${String(++this.#deliverySeq).padStart(6, '0')}`,
			notificationId: notification.id,
			kind: notification.kind,
			url: notification.url,
			attempt: notification.attempts,
			at,
			...judgement,
		};
		if (generation !== this.#generation) return delivery;

		this.#deliveries.push(delivery);
		trim(this.#deliveries);
		if (judgement.accepted) {
			notification.state = 'delivered';
			notification.nextAttemptAt = null;
		} else {
			notification.lastReason = judgement.reason;
			const retry = notification.attempts - (notification.attemptsBeforeResend ?? 0) < MAX_ATTEMPTS;
			notification.state = retry ? 'pending' : 'failed';
			notification.nextAttemptAt = retry ? this.clocks.now() + this.settings.retryDelayMs : null;
		}
		return delivery;
	}
}

/** Drops the oldest entries past LOG_LIMIT (only those `removable` allows). */
function trim<T>(list: T[], removable: (entry: T) => boolean = () => true): void {
	for (let i = 0; list.length > LOG_LIMIT && i < list.length; ) {
		if (removable(list[i])) list.splice(i, 1);
		else i++;
	}
}

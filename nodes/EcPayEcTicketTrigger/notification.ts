import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { Merchant } from '../../credentials/merchant';
import { EnvelopeError, openData, readNotificationEnvelope, sealResponse, type BusinessData } from '../../protocol/envelope';
import { readable } from '../../protocol/rules/answers';
import { taiwanDate } from '../../protocol/rules/issue';

export type NotificationKind = 'refund' | 'useStatus';

/** Larger bodies are refused before any parsing: a notification is a few hundred bytes. */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;

export interface Notification {
	kind: NotificationKind;
	data: BusinessData;
}

export type Reading = { ok: true; notification: Notification } | { ok: false; status: number; reason: string };

/**
 * Which kind a notification is, told from its content when the URL does not tell (PROTOCOL.md §7,
 * INFERRED field lists): use-status notifications carry a ticket's UseStatus, refunds do not.
 */
export function kindOf(data: BusinessData): NotificationKind {
	return data.UseStatus !== undefined ? 'useStatus' : 'refund';
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

/** What happened to the ticket, the same whichever notify URL told it. */
export type EventKind = 'refunded' | 'redeemed' | 'statusChanged';

/**
 * The EVENT a notification reports, the same whichever notify URL it came to and however often
 * ECPay resent it: what happened (a refund has a RefundDate, a redemption a WriteOffDate; anything
 * else is a status change) and the key that identifies it: the merchant, the order, the ticket,
 * and when — that date, or for a status change without one the Taiwan day of receipt (ECPay
 * resends within the same day). A refund reaching both URLs is one event with one key.
 */
export function eventOf(merchantId: string, kind: NotificationKind, data: BusinessData, now = Date.now()): { event: EventKind; key: string } {
	const refunded = text(data.RefundDate) !== '' && (kind === 'refund' || text(data.WriteOffDate) === '');
	const event: EventKind = refunded ? 'refunded' : text(data.WriteOffDate) !== '' ? 'redeemed' : 'statusChanged';
	const when = refunded ? text(data.RefundDate) : event === 'redeemed' ? text(data.WriteOffDate) : `${text(data.UseStatus)} on ${taiwanDate(new Date(now))}`;
	const order = text(data.MerchantTradeNo) || text(data.FreeTradeNo) || text(data.TicketTradeNo);
	const ticket = text(data.TicketNo) || text(data.WriteOffNo);
	const identity = [merchantId, order, ticket, event, when].join('\u0000');
	return { event, key: createHash('sha256').update(identity).digest('base64url').slice(0, 32) };
}

/**
 * Every check a notification must pass before it may start a workflow: size, envelope shape
 * (request- or response-shaped), MerchantID, decryption, CheckMacValue over the decrypted text
 * (constant time), JSON.
 */
export function readNotification(merchant: Merchant, raw: string | Buffer, kind?: NotificationKind): Reading {
	const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
	if (size > MAX_NOTIFICATION_BYTES) return { ok: false, status: 413, reason: 'Body too large' };
	try {
		const envelope = readNotificationEnvelope(raw);
		if (envelope.MerchantID !== merchant.merchantId) {
			return { ok: false, status: 403, reason: "MerchantID does not match this trigger's credential" };
		}
		const { data } = openData(merchant.codec, envelope.Data, envelope.CheckMacValue);
		if (data.MerchantID !== undefined && data.MerchantID !== merchant.merchantId) {
			return { ok: false, status: 403, reason: "MerchantID in Data does not match this trigger's credential" };
		}
		return { ok: true, notification: { kind: kind ?? kindOf(data), data } };
	} catch (error) {
		if (!(error instanceof EnvelopeError)) return { ok: false, status: 400, reason: 'Unreadable notification' };
		return { ok: false, status: error.check === 'checkMacValue' ? 401 : 400, reason: error.message };
	}
}

/**
 * The workflow item: what happened (event), which notify URL told it (notification, notifyUrl),
 * ECPay's fields as sent (unknown ones too) with labels and ISO dates where certainly right, and
 * the event's key.
 */
export function notificationItem({ kind, data }: Notification, merchantId: string, url: string): IDataObject {
	const { event, key } = eventOf(merchantId, kind, data);
	return { event, notification: kind, notifyUrl: url, ...(readable(data) as IDataObject), dedupKey: key };
}

export type AcknowledgementFormat = 'envelope' | 'plain';

/** What ECPay must get back to stop resending (PROTOCOL.md §7 DECISION). */
export function acknowledgement(format: AcknowledgementFormat, merchant: Merchant): { contentType: string; body: string } {
	if (format === 'plain') return { contentType: 'text/plain', body: '1|OK' };
	const envelope = sealResponse(merchant.codec, merchant, { RtnCode: 1, RtnMsg: '成功' });
	return { contentType: 'application/json', body: JSON.stringify(envelope) };
}

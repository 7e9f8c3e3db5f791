import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { Merchant } from '../../credentials/merchant';
import { EnvelopeError, openData, readRequestEnvelope, sealResponse, type BusinessData } from '../../protocol/envelope';
import { readable } from '../../protocol/rules/answers';

export type NotificationKind = 'refund' | 'useStatus';

/** Larger bodies are refused before any parsing: a notification is a few hundred bytes. */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;

export interface Notification {
	kind: NotificationKind;
	data: BusinessData;
	/** Same content, same key: ECPay's retries of one notification can be dropped with it. */
	dedupKey: string;
}

export type Reading = { ok: true; notification: Notification } | { ok: false; status: number; reason: string };

/**
 * Which URL ECPay called, told from the content (PROTOCOL.md §7, INFERRED field lists):
 * use-status notifications carry a ticket's UseStatus, refund notifications do not.
 */
export function kindOf(data: BusinessData): NotificationKind {
	return data.UseStatus !== undefined ? 'useStatus' : 'refund';
}

function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

export function dedupKeyOf(kind: NotificationKind, data: BusinessData): string {
	return `${kind}:${createHash('sha256').update(canonical(data)).digest('hex').slice(0, 32)}`;
}

/**
 * Every check a notification must pass before it may start a workflow: size, envelope shape,
 * MerchantID, decryption, CheckMacValue over the decrypted text (constant time), JSON.
 */
export function readNotification(merchant: Merchant, raw: string | Buffer): Reading {
	const { merchantId, codec } = merchant;
	const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
	if (size > MAX_NOTIFICATION_BYTES) return { ok: false, status: 413, reason: 'Body too large' };
	try {
		const envelope = readRequestEnvelope(raw);
		if (envelope.MerchantID !== merchantId) {
			return { ok: false, status: 403, reason: 'MerchantID does not match this trigger\'s credential' };
		}
		const { data } = openData(codec, envelope.Data, envelope.CheckMacValue);
		if (data.MerchantID !== undefined && data.MerchantID !== merchantId) {
			return { ok: false, status: 403, reason: 'MerchantID in Data does not match this trigger\'s credential' };
		}
		const kind = kindOf(data);
		return { ok: true, notification: { kind, data, dedupKey: dedupKeyOf(kind, data) } };
	} catch (error) {
		if (!(error instanceof EnvelopeError)) return { ok: false, status: 400, reason: 'Unreadable notification' };
		const status = error.check === 'checkMacValue' ? 401 : 400;
		return { ok: false, status, reason: error.message };
	}
}

/** The workflow item: ECPay's fields, the kind, readable labels, and the deduplication key. */
export function notificationItem({ kind, data, dedupKey }: Notification): IDataObject {
	return { notification: kind, ...(readable(data) as IDataObject), dedupKey };
}

export type AcknowledgementFormat = 'envelope' | 'plain';

/** What ECPay must get back to stop resending (PROTOCOL.md §7 DECISION). */
export function acknowledgement(format: AcknowledgementFormat, merchant: Merchant): { contentType: string; body: string } {
	if (format === 'plain') return { contentType: 'text/plain', body: '1|OK' };
	const envelope = sealResponse(merchant.codec, merchant, { RtnCode: 1, RtnMsg: '成功' });
	return { contentType: 'application/json', body: JSON.stringify(envelope) };
}

import type { IRun, IWebhookFunctions } from 'n8n-workflow';

import type { Merchant } from '../../credentials/merchant';
import { triggerMerchant, type TriggerMerchant } from './credentialCache';
import { runOnce, type Registration } from './delivery';
import {
	acknowledgement,
	notificationItem,
	readNotification,
	type AcknowledgementFormat,
	type Notification,
	type NotificationKind,
} from './notification';

/** What one delivery is answered: the HTTP status, content type and body ECPay gets. */
export interface Answer {
	status: number;
	contentType: string;
	body: string;
}

export interface TriggerOptions {
	acknowledgement?: AcknowledgementFormat;
	acknowledge?: 'onReceipt' | 'afterSuccess';
	deduplicate?: boolean;
	mainUrl?: string;
}

/** The trigger's webhooks by name: one per notify URL (the kind is then known), and 'default' for both. */
const KIND_OF_WEBHOOK: Record<string, NotificationKind | undefined> = { refund: 'refund', useStatus: 'useStatus' };
export const WEBHOOK_NAMES = ['refund', 'useStatus', 'default'];

export const refusal = (status: number, reason: string): Answer => ({ status, contentType: 'text/plain', body: reason });

export type Verified = { ok: true; merchant: Merchant; notification: Notification } | { ok: false; answer: Answer };

/**
 * Checks deliveries with the trigger's credential: the remembered one first; a delivery that fails
 * with it is checked once more with a freshly read one (read once per call of webhook(), however
 * many deliveries it carries), so rotated keys apply at once.
 */
export function verifier(ctx: IWebhookFunctions): (raw: string | Buffer, webhookName: string) => Promise<Verified> {
	let remembered: Promise<TriggerMerchant> | undefined;
	let fresh: Promise<TriggerMerchant> | undefined;
	return async (raw, webhookName) => {
		const kind = KIND_OF_WEBHOOK[webhookName];
		const read = (m: Merchant | Error) => (m instanceof Error ? undefined : readNotification(m, raw, kind));
		remembered ??= triggerMerchant(ctx, false);
		const first = await remembered;
		let merchant = first.merchant;
		let reading = read(merchant);
		if (first.cached && !reading?.ok) {
			fresh ??= triggerMerchant(ctx, true);
			merchant = (await fresh).merchant;
			reading = read(merchant);
		}
		if (merchant instanceof Error || !reading) return { ok: false, answer: refusal(500, "The trigger's credential is not usable") };
		if (!reading.ok) {
			ctx.logger.debug(`ECTicket notification refused (${reading.status}): ${reading.reason}`);
			return { ok: false, answer: refusal(reading.status, reading.reason) };
		}
		return { ok: true, merchant, notification: reading.notification };
	};
}

/** The acknowledgement ECPay expects, in the format the options ask for. */
export const ackOf = (options: TriggerOptions, merchant: Merchant): Answer => {
	const ack = acknowledgement(options.acknowledgement ?? 'envelope', merchant);
	return { status: 200, contentType: ack.contentType, body: ack.body };
};

/** Whether the workflow listens to this kind (Events). A kind not selected is acknowledged and starts nothing. */
export const selected = (ctx: IWebhookFunctions, kind: NotificationKind) => (ctx.getNodeParameter('events', []) as NotificationKind[]).includes(kind);

/**
 * One delivery where this process runs the trigger (n8n's main instance): verified, handed to the
 * registration (one execution per event), answered. Never throws: an unexpected error is a 500,
 * which ECPay answers with a resend.
 */
export async function deliver(
	ctx: IWebhookFunctions,
	registration: Registration,
	verify: ReturnType<typeof verifier>,
	raw: string | Buffer,
	webhookName: string,
	options: TriggerOptions,
): Promise<Answer> {
	try {
		const verified = await verify(raw, webhookName);
		if (!verified.ok) return verified.answer;
		const { merchant, notification } = verified;
		const ack = ackOf(options, merchant);
		if (!selected(ctx, notification.kind)) return ack;
		const item = notificationItem(notification, merchant.merchantId, webhookName);
		const afterSuccess = options.acknowledge === 'afterSuccess';
		const run = runOnce(ctx, registration, String(item.dedupKey), ctx.helpers.returnJsonArray(item), afterSuccess);
		if (!afterSuccess) return ack;
		// Acknowledged only once the workflow succeeded: a failed run is retried by ECPay's resend.
		const result: IRun | undefined | null = await run.then(
			(r) => r,
			() => null,
		);
		if (result === null || (result && result.status !== 'success')) return refusal(500, 'The workflow did not succeed; ECPay will resend');
		return ack;
	} catch (error) {
		ctx.logger.warn(`ECTicket notification could not be handled: ${(error as Error).message}`);
		return refusal(500, 'The notification could not be handled; ECPay will resend');
	}
}

import { Codec, keysProblem } from '../protocol/crypto';
import type { Account } from './admission';
import type { SimulatedMerchant } from './config';
import type { QueuedNotification } from './notifications';

/**
 * Two things ECPay does that a test of a whole deployment needs on demand (control.ts):
 * - new keys for a merchant (ECPay issues HashKey/HashIV; a merchant rotates them): from then
 *   on requests signed with the old keys are refused and notifications are sealed with the new
 *   ones, including the retries of notifications queued before;
 * - a resend of notifications already acknowledged (or given up), as ECPay resends one whose
 *   acknowledgement it did not get (lost on the way back, a proxy that timed out): each is due
 *   again at once, its attempt numbers count on, and it has MAX_ATTEMPTS attempts again.
 */

export type RekeyResult = { ok: true; merchantId: string } | { ok: false; status: 400 | 404; error: string };

export function rekey(
	accounts: Map<string, Account>,
	merchants: SimulatedMerchant[],
	body: Record<string, unknown>,
): RekeyResult {
	const { merchantId, hashKey, hashIV } = body;
	if (typeof merchantId !== 'string') return { ok: false, status: 400, error: 'merchantId must be text' };
	const account = accounts.get(merchantId);
	if (!account) return { ok: false, status: 404, error: `No merchant ${merchantId}` };
	const keys = { hashKey: hashKey as string, hashIV: hashIV as string };
	const problem = keysProblem(keys);
	if (problem) return { ok: false, status: 400, error: problem };
	const merchant = { ...account.merchant, ...keys };
	accounts.set(merchantId, { merchant, codec: new Codec(merchant) });
	const index = merchants.findIndex((m) => m.merchantId === merchantId);
	if (index >= 0) merchants[index] = merchant;
	return { ok: true, merchantId };
}

/** Makes the given notifications (all when ids is undefined) that were acknowledged or given up due again now. */
export function resend(
	notifications: readonly QueuedNotification[],
	now: number,
	ids?: unknown,
): { ok: true; ids: string[] } | { ok: false; error: string } {
	if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === 'string'))) {
		return { ok: false, error: 'ids must be a list of notification ids' };
	}
	const wanted = ids === undefined ? undefined : new Set(ids as string[]);
	const resent: string[] = [];
	for (const notification of notifications) {
		if (wanted && !wanted.has(notification.id)) continue;
		if (notification.state !== 'delivered' && notification.state !== 'failed') continue;
		notification.state = 'pending';
		notification.nextAttemptAt = now;
		notification.attemptsBeforeResend = notification.attempts;
		resent.push(notification.id);
	}
	return { ok: true, ids: resent };
}

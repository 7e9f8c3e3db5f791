import type { IWebhookFunctions } from 'n8n-workflow';

import { Merchant, type EcTicketCredentials } from '../../credentials/merchant';

/**
 * The trigger's cache policy: each trigger node keeps its merchant (the decrypted credential turned
 * into a codec) for at most CREDENTIAL_TTL_MS, so a batch of ECPay notifications does not make
 * n8n load and decrypt the credential for every one. At most MAX_ENTRIES trigger nodes are
 * remembered per process (the least recently used goes first); expired entries are dropped when
 * seen. A notification that fails its checks with a remembered merchant is checked once more
 * with a freshly read one, so rotated keys apply at once.
 */
export const CREDENTIAL_TTL_MS = 60_000;
export const MAX_ENTRIES = 100;

type Entry = { merchant: Merchant | Error; until: number };
const cache = new Map<string, Entry>();

export interface TriggerMerchant {
	/** The merchant, or why the credential cannot be used. */
	merchant: Merchant | Error;
	cached: boolean;
}

export async function triggerMerchant(ctx: IWebhookFunctions, fresh: boolean): Promise<TriggerMerchant> {
	const key = `${ctx.getWorkflow().id ?? ''}\u0000${ctx.getNode().name}`;
	const now = Date.now();
	const hit = cache.get(key);
	cache.delete(key);
	if (!fresh && hit && hit.until > now) {
		cache.set(key, hit);
		return { merchant: hit.merchant, cached: true };
	}
	const credentials = (await ctx.getCredentials('ecPayEcTicketApi')) as unknown as EcTicketCredentials;
	let merchant: Merchant | Error;
	try {
		merchant = new Merchant(credentials);
	} catch (error) {
		merchant = error as Error;
	}
	cache.set(key, { merchant, until: now + CREDENTIAL_TTL_MS });
	for (const [oldest, entry] of cache) {
		if (cache.size <= MAX_ENTRIES && entry.until > now) break;
		cache.delete(oldest);
	}
	return { merchant, cached: false };
}

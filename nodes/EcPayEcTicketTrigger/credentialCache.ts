import type { IWebhookFunctions } from 'n8n-workflow';

import type { EcTicketCredentials } from '../../credentials/EcPayEcTicketApi.credentials';

/** How long a trigger keeps its decrypted credential between notifications. */
export const CREDENTIAL_TTL_MS = 60_000;

const cache = new Map<string, { credentials: EcTicketCredentials; until: number }>();

/**
 * The trigger's credential, read through n8n at most once a minute per trigger node: n8n would
 * otherwise load and decrypt it for every notification of a batch. `fresh` forces a new read
 * (after a notification failed its checks, so rotated keys apply at once).
 */
export async function triggerCredentials(ctx: IWebhookFunctions, fresh: boolean): Promise<{ credentials: EcTicketCredentials; cached: boolean }> {
	const key = `${ctx.getWorkflow().id ?? ''}\u0000${ctx.getNode().name}`;
	const hit = cache.get(key);
	if (!fresh && hit && hit.until > Date.now()) return { credentials: hit.credentials, cached: true };
	const credentials = (await ctx.getCredentials('ecPayEcTicketApi')) as unknown as EcTicketCredentials;
	cache.set(key, { credentials, until: Date.now() + CREDENTIAL_TTL_MS });
	return { credentials, cached: false };
}

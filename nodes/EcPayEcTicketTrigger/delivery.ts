import type { IDataObject, INodeExecutionData, IRun, ITriggerFunctions, IWebhookFunctions, WebhookType } from 'n8n-workflow';

/**
 * One ECPay event, one execution. n8n gives a webhook no way to refuse a second execution, but a
 * trigger's emit() takes an execution-level deduplication key, which n8n's database holds unique
 * (across restarts, processes and workers). So the trigger registers its emit() where n8n activates
 * the workflow (trigger(): the main process), and webhook() hands each verified event to it:
 * in-process, concurrent deliveries of one event share one emit (the database alone would let
 * two racing inserts through), and a later resend is refused by the database.
 */
interface Registration {
	emit: ITriggerFunctions['emit'];
	/** The node's static data: failed attempts per event, for Acknowledge › After Success. */
	staticData: IDataObject;
}

const registrations = new Map<string, Registration>();
const inflight = new Map<string, Promise<IRun | undefined>>();

const idOf = (ctx: IWebhookFunctions | ITriggerFunctions) => `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;

/** Called from trigger(): this process starts the node's executions. Returns the unregistration. */
export function register(ctx: ITriggerFunctions): () => void {
	const id = idOf(ctx);
	const registration: Registration = { emit: ctx.emit.bind(ctx), staticData: ctx.getWorkflowStaticData('node') };
	registrations.set(id, registration);
	return () => {
		if (registrations.get(id) === registration) registrations.delete(id);
	};
}

/** The registration of the trigger a webhook call reached, if this process holds it. */
export const registrationOf = (ctx: IWebhookFunctions): Registration | undefined => registrations.get(idOf(ctx));

const FAILED = 'failedAttempts';

/**
 * Starts the event's execution unless it runs or ran already: the run (undefined when n8n refused
 * it as a duplicate of an earlier one). With `retryFailed`, an event whose execution failed gets a
 * new attempt (a new key), so ECPay's resend retries it.
 */
export function runOnce(
	ctx: IWebhookFunctions,
	registration: Registration,
	eventKey: string,
	items: INodeExecutionData[],
	retryFailed: boolean,
): Promise<IRun | undefined> {
	const failed = (registration.staticData[FAILED] ??= {}) as Record<string, number>;
	const attempt = retryFailed ? failed[eventKey] ?? 0 : 0;
	const key = `ecticket:${idOf(ctx)}:${eventKey}${attempt ? `#${attempt}` : ''}`;
	let run = inflight.get(key);
	if (!run) {
		// n8n resolves it with undefined when its database refuses the key as a duplicate.
		const done = ctx.helpers.createDeferredPromise<IRun>();
		// With retries, the item says which attempt at the event this execution is (1, 2, …).
		const attempted = retryFailed ? items.map((item) => ({ ...item, json: { ...item.json, attempt: attempt + 1 } })) : items;
		registration.emit([attempted], undefined, done, key);
		run = done.promise as Promise<IRun | undefined>;
		inflight.set(key, run);
		run.then(
			(result) => {
				inflight.delete(key);
				if (!retryFailed) return;
				if (result && result.status !== 'success') failed[eventKey] = attempt + 1;
				else delete failed[eventKey];
			},
			() => {
				inflight.delete(key);
				if (retryFailed) failed[eventKey] = attempt + 1;
			},
		);
	}
	return run;
}

/** The header that marks a delivery relayed from a webhook processor, so it is never relayed again. */
export const RELAY_HEADER = 'x-ecticket-relayed';

/**
 * Forwards a notification, unread, to the same webhook on the main n8n instance (queue mode: the
 * webhook processors do not run trigger()), and answers ECPay what main answered.
 */
export async function relay(ctx: IWebhookFunctions, mainUrl: string, raw: string): Promise<void> {
	const res = ctx.getResponseObject();
	const path = new URL(ctx.getNodeWebhookUrl(ctx.getWebhookName() as WebhookType) ?? '').pathname;
	try {
		const answer = (await ctx.helpers.httpRequest({
			method: 'POST',
			url: mainUrl.replace(/\/+$/, '') + path,
			body: raw,
			headers: { 'content-type': 'application/json', [RELAY_HEADER]: '1' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			timeout: 60_000,
		})) as { statusCode: number; headers: Record<string, string>; body: unknown };
		const body = typeof answer.body === 'string' ? answer.body : Buffer.isBuffer(answer.body) ? answer.body.toString('utf8') : JSON.stringify(answer.body);
		res.status(answer.statusCode).type(String(answer.headers['content-type'] ?? 'text/plain')).send(body);
	} catch (error) {
		ctx.logger.warn(`ECTicket notification could not be relayed to ${mainUrl}: ${(error as Error).message}`);
		res.status(503).type('text/plain').send('The main n8n instance could not be reached; ECPay will resend');
	}
}

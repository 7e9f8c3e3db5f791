import type { IDataObject, INodeExecutionData, IRun, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { KeyMemory } from './keyMemory';

/**
 * One ECPay event, one execution. n8n gives a webhook no way to refuse a second execution, but a
 * trigger's emit() takes an execution-level deduplication key, which n8n's database holds unique
 * (across restarts, processes and workers). So the trigger registers its emit() where n8n activates
 * the workflow (trigger(): the main process), and webhook() hands each verified event to it:
 * in-process, concurrent deliveries of one event share one emit (the database alone would let
 * two racing inserts through), and a later resend is refused by the database.
 */
export interface Registration {
	emit: ITriggerFunctions['emit'];
	/** The node's static data: failed attempts per event, for Acknowledge › After Success. */
	staticData: IDataObject;
}

const registrations = new Map<string, Registration>();
const inflight = new Map<string, Promise<IRun | undefined>>();
/** Deduplication keys whose execution n8n started or already held (keyMemory.ts). */
const settled = new KeyMemory();

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
 * With Acknowledge › On Receipt the event was acknowledged when it was handed over, so n8n must
 * not drop it: when n8n could not create its execution (its database refused a connection under
 * load, for instance), it is handed over again with the same key, after 1, 2, 4, 8 and 16 s.
 * A key n8n already holds is refused as a duplicate, so a retry never starts a second execution.
 */
const CREATION_RETRIES = 5;
const creationBackoffMs = (retry: number) => 1000 * 2 ** retry;

/**
 * Starts the event's execution unless it runs or ran already: the run (undefined when n8n refused
 * it as a duplicate of an earlier one, or when this process knows it settled). With `retryFailed`
 * (Acknowledge › After the Workflow Succeeded), an event whose execution failed gets a new
 * attempt (a new key), so ECPay's resend retries it, and only a success counts as settled;
 * without it, a failure to create the execution is retried here (CREATION_RETRIES).
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
	// A resend of an event n8n already ran: nothing to ask n8n (it would refuse the key anyway).
	if (settled.has(key)) return Promise.resolve(undefined);
	let run = inflight.get(key);
	if (!run) {
		// With retries, the item says which attempt at the event this execution is (1, 2, …).
		const attempted = retryFailed ? items.map((item) => ({ ...item, json: { ...item.json, attempt: attempt + 1 } })) : items;
		const handOver = async (): Promise<IRun | undefined> => {
			for (let retry = 0; ; retry++) {
				// n8n resolves it with undefined when its database refuses the key as a duplicate.
				const done = ctx.helpers.createDeferredPromise<IRun>();
				registration.emit([attempted], undefined, done, key);
				try {
					return (await done.promise) as IRun | undefined;
				} catch (error) {
					if (retryFailed || retry >= CREATION_RETRIES) throw new NodeOperationError(ctx.getNode(), error as Error);
					ctx.logger.warn(`ECTicket Trigger: n8n did not start the execution of event ${eventKey} (${(error as Error).message}); handing it over again`);
					await sleep(creationBackoffMs(retry));
				}
			}
		};
		run = handOver();
		inflight.set(key, run);
		run.then(
			(result) => {
				inflight.delete(key);
				if (!retryFailed) return settled.add(key);
				if (result && result.status !== 'success') failed[eventKey] = attempt + 1;
				else {
					delete failed[eventKey];
					if (result) settled.add(key);
				}
			},
			(error) => {
				inflight.delete(key);
				if (retryFailed) failed[eventKey] = attempt + 1;
				else ctx.logger.error(`ECTicket Trigger: n8n did not start the execution of acknowledged event ${eventKey}: ${(error as Error).message}`);
			},
		);
	}
	return run;
}

/**
 * The header that marks a call relayed from a webhook processor, so it is never relayed again:
 * `batch` for a batch of deliveries (relay.ts), anything else for one delivery as ECPay sent it.
 */
export const RELAY_HEADER = 'x-ecticket-relayed';
export const BATCH = 'batch';

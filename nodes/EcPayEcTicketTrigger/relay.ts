import type { IWebhookFunctions, WebhookType } from 'n8n-workflow';

import { BATCH, RELAY_HEADER, type Registration } from './delivery';
import { KeyMemory } from './keyMemory';
import { deliver, refusal, verifier, WEBHOOK_NAMES, type Answer, type TriggerOptions } from './receive';

/**
 * Queue mode: webhook processors do not run trigger(), so they pass the deliveries they verified
 * to the main instance, which starts one execution per event. They pass them in batches: one call
 * to main carries every delivery waiting at that moment (at most MAX_BATCH), and at most
 * MAX_IN_FLIGHT calls per main instance are under way. Each call passes n8n's whole webhook
 * pipeline on main (webhook and workflow looked up in the database, an expression isolate, the
 * credential), which one notification at a time cost main more than the execution it starts;
 * batched, a burst costs main one pass per batch. Under light load a batch is one delivery, sent
 * at once. Deliveries of one event waiting on one processor share one place in a batch.
 * Each delivery is answered what main answered for it; when main cannot be reached, 503 (ECPay
 * resends). An event main acknowledged is acknowledged here the next times it comes (ECPay's
 * resends, the other notify URL) without asking main again (keyMemory.ts).
 */
export const MAX_BATCH = 100;
const MAX_IN_FLIGHT = 2;
/** Main's answer may take long under load; ECPay has hung up by then, and its resend is deduplicated. */
const RELAY_TIMEOUT_MS = 60_000;

interface Waiting {
	webhook: string;
	body: string;
	resolve: (answer: Answer) => void;
}

interface Destination {
	ctx: IWebhookFunctions;
	waiting: Waiting[];
	inFlight: number;
	/** Event key → the answer its delivery waits for. */
	events: Map<string, Promise<Answer>>;
	/** Events main acknowledged. */
	acknowledged: KeyMemory;
}

/** Per main instance and trigger node: the URL of the node's webhook on main. */
const destinations = new Map<string, Destination>();

const unreachable = () => refusal(503, 'The main n8n instance could not be reached; ECPay will resend');

/**
 * Passes one verified delivery of the event `eventKey` to main; resolves to main's answer for it,
 * or to the acknowledgement `ack` builds when main acknowledged the event before.
 */
export function relayEvent(ctx: IWebhookFunctions, mainUrl: string, raw: string, eventKey: string, ack: () => Answer): Promise<Answer> {
	// The batch goes to the node's webhook that takes both kinds; each delivery says which URL it reached.
	const path = new URL(ctx.getNodeWebhookUrl('default' as WebhookType) ?? '').pathname;
	const url = mainUrl.replace(/\/+$/, '') + path;
	let destination = destinations.get(url);
	if (!destination) {
		destination = { ctx, waiting: [], inFlight: 0, events: new Map(), acknowledged: new KeyMemory() };
		destinations.set(url, destination);
	}
	destination.ctx = ctx;
	if (destination.acknowledged.has(eventKey)) return Promise.resolve(ack());
	const shared = destination.events.get(eventKey);
	if (shared) return shared;
	const { events, acknowledged } = destination;
	const answer = new Promise<Answer>((resolve) => destination.waiting.push({ webhook: ctx.getWebhookName(), body: raw, resolve }));
	events.set(eventKey, answer);
	void answer.then((a) => {
		events.delete(eventKey);
		if (a.status === 200) acknowledged.add(eventKey);
	});
	send(url, destination);
	return answer;
}

function send(url: string, destination: Destination): void {
	while (destination.inFlight < MAX_IN_FLIGHT && destination.waiting.length > 0) {
		const batch = destination.waiting.splice(0, MAX_BATCH);
		destination.inFlight++;
		void post(destination.ctx, url, batch)
			.then((answers) => batch.forEach((waiting, i) => waiting.resolve(answers[i])))
			.finally(() => {
				destination.inFlight--;
				send(url, destination);
			});
	}
}

async function post(ctx: IWebhookFunctions, url: string, batch: Waiting[]): Promise<Answer[]> {
	try {
		const response = (await ctx.helpers.httpRequest({
			method: 'POST',
			url,
			body: JSON.stringify({ deliveries: batch.map(({ webhook, body }) => ({ webhook, body })) }),
			headers: { 'content-type': 'application/json', [RELAY_HEADER]: BATCH },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			timeout: RELAY_TIMEOUT_MS,
		})) as { statusCode: number; body: unknown };
		const text = typeof response.body === 'string' ? response.body : Buffer.isBuffer(response.body) ? response.body.toString('utf8') : JSON.stringify(response.body);
		const answers = response.statusCode === 200 ? readAnswers(text, batch.length) : undefined;
		if (answers) return answers;
		ctx.logger.warn(`ECTicket notifications could not be relayed to ${url}: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
	} catch (error) {
		ctx.logger.warn(`ECTicket notifications could not be relayed to ${url}: ${(error as Error).message}`);
	}
	return batch.map(unreachable);
}

const isAnswer = (a: unknown): a is Answer =>
	typeof a === 'object' && a !== null && typeof (a as Answer).status === 'number' && typeof (a as Answer).contentType === 'string' && typeof (a as Answer).body === 'string';

function readAnswers(text: string, count: number): Answer[] | undefined {
	try {
		const answers = (JSON.parse(text) as { answers?: unknown }).answers;
		return Array.isArray(answers) && answers.length === count && answers.every(isAnswer) ? answers : undefined;
	} catch {
		return undefined;
	}
}

/**
 * On main: a batch from a webhook processor. Every delivery in it is checked here again as if
 * ECPay had sent it (anyone can post to a webhook URL), and answered on its own.
 */
export async function answerBatch(
	ctx: IWebhookFunctions,
	registration: Registration,
	verify: ReturnType<typeof verifier>,
	raw: string,
	options: TriggerOptions,
): Promise<Answer> {
	let deliveries: unknown;
	try {
		deliveries = (JSON.parse(raw) as { deliveries?: unknown }).deliveries;
	} catch {
		deliveries = undefined;
	}
	const valid =
		Array.isArray(deliveries) &&
		deliveries.length <= MAX_BATCH &&
		deliveries.every((d) => typeof d === 'object' && d !== null && typeof d.body === 'string' && WEBHOOK_NAMES.includes(d.webhook));
	if (!valid) return refusal(400, 'Not a batch of ECTicket notifications');
	const answers = await Promise.all((deliveries as Array<{ webhook: string; body: string }>).map((d) => deliver(ctx, registration, verify, d.body, d.webhook, options)));
	return { status: 200, contentType: 'application/json', body: JSON.stringify({ answers }) };
}

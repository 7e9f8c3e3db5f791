import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	WebhookType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { testEcTicketCredential } from '../../credentials/credentialTest';
import { triggerMerchant } from './credentialCache';
import { register, registrationOf, relay, RELAY_HEADER, runOnce } from './delivery';
import { acknowledgement, notificationItem, readNotification, type AcknowledgementFormat, type NotificationKind } from './notification';
import { triggerProperties } from './properties';

/**
 * One URL per notify URL ECPay is given (the kind is then known), and the original one for both.
 * n8n's types name only 'default' and 'setup' webhooks, but its runtime takes any name.
 */
const webhook = (name: string, path: string): IWebhookDescription => ({ name: name as WebhookType, httpMethod: 'POST', responseMode: 'onReceived', path });
const KIND_OF_WEBHOOK: Record<string, NotificationKind | undefined> = { refund: 'refund', useStatus: 'useStatus' };

interface TriggerOptions {
	acknowledgement?: AcknowledgementFormat;
	acknowledge?: 'onReceipt' | 'afterSuccess';
	deduplicate?: boolean;
	mainUrl?: string;
}

export class EcPayEcTicketTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ECPay ECTicket Trigger',
		name: 'ecPayEcTicketTrigger',
		icon: { light: 'file:../EcPayEcTicket/ecpay.svg', dark: 'file:../EcPayEcTicket/ecpay.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves exactly as 1. n8n evaluates an expression in an isolate for every call
		// reaching a version-1 webhook node (a binary-data option of its own Webhook node v1): about
		// half of a webhook processor's CPU under a burst of notifications. Version 2 skips it.
		version: [1, 2],
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when ECPay notifies a refund, a redemption or a return of tickets',
		defaults: { name: 'ECPay ECTicket Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ecPayEcTicketApi', required: true, testedBy: 'ecPayEcTicketApiTest' }],
		webhooks: [webhook('refund', 'refund'), webhook('useStatus', 'use-status'), webhook('default', 'webhook')],
		properties: triggerProperties,
	};

	methods = {
		credentialTest: { ecPayEcTicketApiTest: testEcTicketCredential },
	};

	webhookMethods = {
		default: {
			// ECTicket has no API to register notify URLs: they travel with every Issue request.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.logger.debug(`ECTicket notifications are received at ${this.getNodeWebhookUrl('refund' as WebhookType)} and ${this.getNodeWebhookUrl('useStatus' as WebhookType)}`);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/** Where n8n activates the workflow, this process starts its executions, one per event (delivery.ts). */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const unregister = this.getMode() === 'manual' ? () => {} : register(this);
		return { closeFunction: async () => unregister() };
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const reply = (status: number, type: string, body: string): IWebhookResponseData => {
			res.status(status).type(type).send(body);
			return { noWebhookResponse: true };
		};
		const refuse = (status: number, reason: string): IWebhookResponseData => {
			this.logger.debug(`ECTicket notification refused (${status}): ${reason}`);
			return reply(status, 'text/plain', reason);
		};
		const raw = req.rawBody ?? (typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? ''));
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const production = this.getMode() !== 'manual';
		const deduplicate = production && options.deduplicate !== false;
		const registration = deduplicate ? registrationOf(this) : undefined;
		const relayed = req.headers[RELAY_HEADER] !== undefined;
		if (deduplicate && !registration) {
			// A webhook processor in queue mode: main starts the executions, so the delivery goes there.
			if (options.mainUrl && !relayed) {
				await relay(this, options.mainUrl, raw.toString());
				return { noWebhookResponse: true };
			}
			if (relayed) return refuse(503, 'The ECTicket trigger is not active in this n8n process');
		}

		const read = async (fresh: boolean) => {
			const { merchant, cached } = await triggerMerchant(this, fresh);
			const kind = KIND_OF_WEBHOOK[this.getWebhookName()];
			return { merchant, cached, reading: merchant instanceof Error ? undefined : readNotification(merchant, raw, kind) };
		};
		let attempt = await read(false);
		// A notification that fails with a remembered credential is checked once more with a fresh one.
		if (attempt.cached && !attempt.reading?.ok) attempt = await read(true);
		const { merchant, reading } = attempt;
		if (merchant instanceof Error || !reading) return refuse(500, "The trigger's credential is not usable");
		if (!reading.ok) return refuse(reading.status, reading.reason);

		const ack = acknowledgement(options.acknowledgement ?? 'envelope', merchant);
		const events = this.getNodeParameter('events', []) as NotificationKind[];
		if (!events.includes(reading.notification.kind)) return reply(200, ack.contentType, ack.body);
		const item = notificationItem(reading.notification, merchant.merchantId, this.getWebhookName());
		const items = this.helpers.returnJsonArray(item);

		if (!registration) {
			if (deduplicate) this.logger.warn('ECTicket Trigger: this n8n process does not run the trigger, so deliveries are not deduplicated; set Options › Main Instance URL in queue mode');
			res.status(200).type(ack.contentType).send(ack.body);
			return { noWebhookResponse: true, workflowData: [items] };
		}
		const run = runOnce(this, registration, String(item.dedupKey), items, options.acknowledge === 'afterSuccess');
		if (options.acknowledge !== 'afterSuccess') return reply(200, ack.contentType, ack.body);
		// Acknowledged only once the workflow succeeded: a failed run is retried by ECPay's resend.
		const result = await run.then(
			(r) => r,
			() => null,
		);
		if (result === null || (result && result.status !== 'success')) return refuse(500, 'The workflow did not succeed; ECPay will resend');
		return reply(200, ack.contentType, ack.body);
	}
}

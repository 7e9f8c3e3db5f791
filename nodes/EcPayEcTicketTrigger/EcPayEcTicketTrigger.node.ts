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
import { BATCH, register, registrationOf, RELAY_HEADER } from './delivery';
import { eventOf, notificationItem } from './notification';
import { triggerProperties } from './properties';
import { ackOf, deliver, refusal, selected, verifier, type Answer, type TriggerOptions } from './receive';
import { answerBatch, relayEvent } from './relay';

/**
 * One URL per notify URL ECPay is given (the kind is then known), and the original one for both.
 * n8n's types name only 'default' and 'setup' webhooks, but its runtime takes any name.
 */
const webhook = (name: string, path: string): IWebhookDescription => ({ name: name as WebhookType, httpMethod: 'POST', responseMode: 'onReceived', path });

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
		const answer = (a: Answer, workflowData?: IWebhookResponseData['workflowData']): IWebhookResponseData => {
			res.status(a.status).type(a.contentType).send(a.body);
			return { noWebhookResponse: true, workflowData };
		};
		const raw = (req.rawBody ?? (typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? ''))).toString();
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const webhookName = this.getWebhookName();
		const deduplicate = this.getMode() !== 'manual' && options.deduplicate !== false;
		const registration = deduplicate ? registrationOf(this) : undefined;
		const relayed = req.headers[RELAY_HEADER];
		const verify = verifier(this);

		// Where n8n activated the workflow (main): one execution per event (delivery.ts).
		if (registration && relayed === BATCH) return answer(await answerBatch(this, registration, verify, raw, options));
		if (registration) return answer(await deliver(this, registration, verify, raw, webhookName, options));
		if (deduplicate && relayed !== undefined) return answer(refusal(503, 'The ECTicket trigger is not active in this n8n process'));

		// Checked here first: a forged or broken call never reaches main, and never starts anything.
		const verified = await verify(raw, webhookName);
		if (!verified.ok) return answer(verified.answer);
		const { merchant, notification } = verified;
		if (!selected(this, notification.kind)) return answer(ackOf(options, merchant));
		// A webhook processor in queue mode: main starts the executions, so the event goes there (relay.ts).
		if (deduplicate && options.mainUrl) {
			const { key } = eventOf(merchant.merchantId, notification.kind, notification.data);
			return answer(await relayEvent(this, options.mainUrl, raw, key, () => ackOf(options, merchant)));
		}
		if (deduplicate) this.logger.warn('ECTicket Trigger: this n8n process does not run the trigger, so deliveries are not deduplicated; set Options › Main Instance URL in queue mode');
		const item = notificationItem(notification, merchant.merchantId, webhookName);
		return answer(ackOf(options, merchant), [this.helpers.returnJsonArray(item)]);
	}
}

import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { testEcTicketCredential } from '../../credentials/credentialTest';
import { triggerMerchant } from './credentialCache';
import {
	acknowledgement,
	notificationItem,
	readNotification,
	type AcknowledgementFormat,
	type NotificationKind,
} from './notification';

export class EcPayEcTicketTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ECPay ECTicket Trigger',
		name: 'ecPayEcTicketTrigger',
		icon: { light: 'file:../EcPayEcTicket/ecpay.svg', dark: 'file:../EcPayEcTicket/ecpay.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when ECPay notifies a refund, a redemption or a return of tickets',
		defaults: { name: 'ECPay ECTicket Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ecPayEcTicketApi', required: true, testedBy: 'ecPayEcTicketApiTest' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Give ECPay this node\'s <b>Production URL</b> (above) as the Refund Notify URL and the Use Status Notify URL of ECPay ECTicket › Issue — ECPay only calls domains it has whitelisted, so ask ECPay to whitelist yours. Publish the workflow: the Test URL only listens while you click "Listen for test event". ECPay sends notifications in a daily batch and resends unacknowledged ones up to 4 times.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Refund',
						value: 'refund',
						description: 'A pickup-voucher order was refunded within the escrow period (RefundNotifyURL)',
					},
					{
						name: 'Use Status Change',
						value: 'useStatus',
						description: 'Tickets were redeemed or returned (UseStatusNotifyURL)',
					},
				],
				default: ['refund', 'useStatus'],
				description: 'Which notifications start the workflow. The others are acknowledged to ECPay but start nothing.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Acknowledgement',
						name: 'acknowledgement',
						type: 'options',
						options: [
							{
								name: 'Encrypted Envelope With RtnCode 1',
								value: 'envelope',
								description: 'A signed response envelope whose Data is {"RtnCode":1,"RtnMsg":"成功"}',
							},
							{ name: 'Plain Text 1|OK', value: 'plain', description: 'The text 1|OK' },
						],
						default: 'envelope',
						description: 'What the trigger answers ECPay so that it stops resending the notification',
					},
				],
			},
		],
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
				this.logger.debug(`ECTicket notifications are received at ${this.getNodeWebhookUrl('default')}`);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const refuse = (status: number, reason: string): IWebhookResponseData => {
			this.logger.debug(`ECTicket notification refused (${status}): ${reason}`);
			res.status(status).type('text/plain').send(reason);
			return { noWebhookResponse: true };
		};
		const raw = req.rawBody ?? (typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? ''));
		const read = async (fresh: boolean) => {
			const { merchant, cached } = await triggerMerchant(this, fresh);
			return { merchant, cached, reading: merchant instanceof Error ? undefined : readNotification(merchant, raw) };
		};

		let attempt = await read(false);
		// A notification that fails with a remembered credential is checked once more with a fresh one.
		if (attempt.cached && !attempt.reading?.ok) attempt = await read(true);
		const { merchant, reading } = attempt;
		if (merchant instanceof Error || !reading) return refuse(500, 'The trigger\'s credential is not usable');
		if (!reading.ok) return refuse(reading.status, reading.reason);

		const options = this.getNodeParameter('options', {}) as { acknowledgement?: AcknowledgementFormat };
		const ack = acknowledgement(options.acknowledgement ?? 'envelope', merchant);
		res.status(200).type(ack.contentType).send(ack.body);

		const events = this.getNodeParameter('events', []) as NotificationKind[];
		if (!events.includes(reading.notification.kind)) return { noWebhookResponse: true };
		return {
			noWebhookResponse: true,
			workflowData: [this.helpers.returnJsonArray(notificationItem(reading.notification))],
		};
	}
}

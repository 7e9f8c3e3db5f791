import type { INodeProperties } from 'n8n-workflow';

/** The trigger's editor fields. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Give ECPay this node\'s <b>Production URLs</b> (above): the one ending in <b>/refund</b> as the Refund Notify URL and the one ending in <b>/use-status</b> as the Use Status Notify URL of ECPay ECTicket › Issue. ECPay only calls domains it has whitelisted: ask ECPay to whitelist yours. Publish the workflow: the Test URLs only listen while you click "Listen for test event". ECPay sends notifications in a daily batch and resends unacknowledged ones up to 4 times; each event starts one execution.',
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
			{ name: 'Refund', value: 'refund', description: 'A pickup-voucher order was refunded within the escrow period (RefundNotifyURL)' },
			{ name: 'Use Status Change', value: 'useStatus', description: 'Tickets were redeemed or returned (UseStatusNotifyURL)' },
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
				displayName: 'Acknowledge',
				name: 'acknowledge',
				type: 'options',
				options: [
					{
						name: 'After the Workflow Succeeded',
						value: 'afterSuccess',
						description: 'ECPay gets the acknowledgement only when the execution succeeds; a failed one is answered 500, and ECPay\'s resend runs it again',
					},
					{ name: 'On Receipt', value: 'onReceipt', description: 'As soon as the notification is verified, before the workflow runs' },
				],
				default: 'onReceipt',
				description: 'When ECPay is told the notification arrived',
			},
			{
				displayName: 'Acknowledgement',
				name: 'acknowledgement',
				type: 'options',
				options: [
					{ name: 'Encrypted Envelope With RtnCode 1', value: 'envelope', description: 'A signed response envelope whose Data is {"RtnCode":1,"RtnMsg":"成功"}' },
					{ name: 'Plain Text 1|OK', value: 'plain', description: 'The text 1|OK' },
				],
				default: 'envelope',
				description: 'What the trigger answers ECPay so that it stops resending the notification',
			},
			{
				displayName: 'Deduplicate Deliveries',
				name: 'deduplicate',
				type: 'boolean',
				default: true,
				description: 'Whether one event starts one execution, however often ECPay resends it and whichever notify URL it reaches. Needs n8n to save the executions of this workflow.',
			},
			{
				displayName: 'Main Instance URL',
				name: 'mainUrl',
				type: 'string',
				default: '',
				placeholder: 'http://n8n-main:5678',
				description: "Queue mode: the main n8n instance's own address, as the webhook processors reach it. Needed there for one execution per event: the webhook processors check each notification and pass it to main, which starts the executions. Without it each delivery starts an execution.",
			},
		],
	},
];

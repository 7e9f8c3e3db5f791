import express from 'express';
import { WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { EcTicketCredentials } from '../../credentials/merchant';
import { EcPayEcTicketTrigger } from '../../nodes/EcPayEcTicketTrigger/EcPayEcTicketTrigger.node';
import { record } from './leaks';
import { TestCredentialsHelper } from './workflow';

export interface HostedTrigger {
	/** The production webhook URL to give ECPay (or the simulator). */
	url: string;
	/** One entry per execution the trigger started, with the items it produced. */
	executions: INodeExecutionData[][];
	/** Every HTTP call: status, body sent back, and whether an execution started. */
	calls: Array<{ status: number; body: string; started: boolean }>;
	close(): Promise<void>;
}

export interface HostOptions {
	credentials: EcTicketCredentials;
	parameters?: IDataObject;
}

const trigger = new EcPayEcTicketTrigger();
let hosted = 0;

/**
 * Serves the ECTicket Trigger over real HTTP the way n8n's webhook server does: the body parser
 * keeps the raw bytes in req.rawBody, n8n-core's WebhookContext hands request and response to
 * the node's webhook(), and returned workflowData counts as a started execution.
 */
export async function hostTrigger(options: HostOptions): Promise<HostedTrigger> {
	// Each hosted trigger is its own workflow, as two workflows in one n8n are.
	const workflowId = `wf-trigger-${++hosted}`;
	const node: INode = {
		id: 'trigger',
		name: 'ECPay ECTicket Trigger',
		type: 'n8n-nodes-ecpay-ecticket.ecPayEcTicketTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: '7c3c1a0e-1111-4222-8333-944445555666',
		parameters: { events: ['refund', 'useStatus'], ...options.parameters },
		credentials: { ecPayEcTicketApi: { id: '1', name: 'ECTicket test' } },
	};
	const workflow = new Workflow({
		id: workflowId,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: {
			getByName: () => trigger,
			getByNameAndVersion: () => trigger,
			getKnownTypes: () => ({}),
		},
	});
	const executions: INodeExecutionData[][] = [];
	const calls: HostedTrigger['calls'] = [];

	const app = express();
	app.use(express.raw({ type: () => true, limit: '16mb' }));
	app.post('/webhook/:id/webhook', async (req, res) => {
		const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
		(req as unknown as { rawBody: Buffer }).rawBody = raw;
		try {
			req.body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
		} catch {
			req.body = raw.toString('utf8');
		}
		const additionalData = {
			credentialsHelper: new TestCredentialsHelper(options.credentials),
			httpRequest: req,
			httpResponse: res,
			variables: {},
			currentNodeExecutionIndex: 0,
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = { httpMethod: 'POST', node: node.name, path: 'webhook', webhookDescription: {}, workflowId } as unknown as IWebhookData;
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
		let started = false;
		let sent = '';
		const send = res.send.bind(res);
		res.send = (body?: unknown) => {
			sent = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : JSON.stringify(body);
			return send(body);
		};
		try {
			const result = await trigger.webhook.call(context);
			if (result.workflowData) {
				executions.push(result.workflowData[0]);
				started = true;
			}
			if (!result.noWebhookResponse && !res.headersSent) res.status(200).json({ message: 'Workflow was started' });
		} catch (error) {
			// n8n answers a throwing webhook() with 500 and records a failed execution.
			if (!res.headersSent) res.status(500).json({ message: (error as Error).message });
		}
		calls.push({ status: res.statusCode, body: sent, started });
		record(sent);
		if (started) record(executions[executions.length - 1]);
	});

	const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}/webhook/${node.webhookId}/webhook`,
		executions,
		calls,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

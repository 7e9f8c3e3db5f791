import express from 'express';
import { TriggerContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	ITriggerFunctions,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { sleep, Workflow } from 'n8n-workflow';

import type { EcTicketCredentials } from '../../credentials/merchant';
import { EcPayEcTicketTrigger } from '../../nodes/EcPayEcTicketTrigger/EcPayEcTicketTrigger.node';
import { record } from './leaks';
import { TestCredentialsHelper } from './workflow';

export interface HostedTrigger {
	/** The production URLs to give ECPay (or the simulator): one per notify URL, and the original one. */
	url: string;
	refundUrl: string;
	useStatusUrl: string;
	/** The instance's own address, e.g. for another host's Main Instance URL. */
	baseUrl: string;
	/** One entry per execution the trigger started, with the items it produced. */
	executions: INodeExecutionData[][];
	/** Every HTTP call: status, body sent back, and whether an execution started. */
	calls: Array<{ status: number; body: string; started: boolean }>;
	/** How often the trigger asked n8n (emit) to start an execution, refused ones included. */
	emitCalls(): number;
	close(): Promise<void>;
}

export interface HostOptions {
	credentials: EcTicketCredentials;
	parameters?: IDataObject;
	/**
	 * Whether n8n activated the workflow in this process (trigger() runs, as on n8n's main
	 * instance). false plays a queue-mode webhook processor. Default true.
	 */
	activated?: boolean;
	/** How each started execution ends (default success): plays the rest of the workflow. */
	runs?: (items: INodeExecutionData[], n: number) => 'success' | 'error';
	/**
	 * Whether n8n manages to create the n-th execution it is asked for (default yes). false plays
	 * a database that refused the insert: done rejects, nothing starts, the key stays free.
	 */
	creates?: (n: number) => boolean;
}

const trigger = new EcPayEcTicketTrigger();
let hosted = 0;
const WEBHOOK_ID = '7c3c1a0e-1111-4222-8333-944445555666';
const NAMES: Record<string, string> = { refund: 'refund', 'use-status': 'useStatus', webhook: 'default' };

/**
 * Serves the ECTicket Trigger over real HTTP the way n8n does. The body parser keeps the raw bytes
 * in req.rawBody; n8n-core's WebhookContext hands request and response to webhook(); returned
 * workflowData counts as a started execution. When the workflow is activated here, trigger() runs
 * in n8n-core's TriggerContext and its emit() plays n8n's execution layer: a deduplication key is
 * unique (a second emit with a used key starts nothing and resolves to undefined, as n8n's
 * database makes it), and the run's status comes from `runs`.
 */
export async function hostTrigger(options: HostOptions): Promise<HostedTrigger> {
	// Each hosted trigger is its own workflow, as two workflows in one n8n are.
	const workflowId = `wf-trigger-${++hosted}`;
	const node: INode = {
		id: 'trigger',
		name: 'ECPay ECTicket Trigger',
		type: 'n8n-nodes-ecpay-ecticket.ecPayEcTicketTrigger',
		typeVersion: 2,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: { events: ['refund', 'useStatus'], ...options.parameters },
		credentials: { ecPayEcTicketApi: { id: '1', name: 'ECTicket test' } },
	};
	const workflow = new Workflow({
		id: workflowId,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: { getByName: () => trigger, getByNameAndVersion: () => trigger, getKnownTypes: () => ({}) },
	});
	const executions: INodeExecutionData[][] = [];
	const calls: HostedTrigger['calls'] = [];
	const usedKeys = new Set<string>();
	let baseUrl = '';
	const additionalData = () =>
		({
			credentialsHelper: new TestCredentialsHelper(options.credentials),
			variables: {},
			currentNodeExecutionIndex: 0,
			webhookBaseUrl: `${baseUrl}/webhook`,
			webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		}) as unknown as IWorkflowExecuteAdditionalData;

	let asked = 0;
	const emit: ITriggerFunctions['emit'] = (data, _response, done, key) => {
		asked++;
		if (options.creates && !options.creates(asked)) {
			void sleep(5).then(() => done?.reject(new Error('timeout exceeded when trying to connect')));
			return;
		}
		if (key !== undefined && usedKeys.has(key)) {
			void sleep(0).then(() => done?.resolve(undefined as unknown as IRun));
			return;
		}
		if (key !== undefined) usedKeys.add(key);
		executions.push(data[0]);
		record(data[0]);
		const status = options.runs?.(data[0], executions.length) ?? 'success';
		void sleep(5).then(() => done?.resolve({ status } as IRun));
	};
	let close = async () => {};
	if (options.activated !== false) {
		const context = new TriggerContext(workflow, node, additionalData(), 'trigger', 'activate', emit);
		const response = await trigger.trigger.call(context);
		close = response.closeFunction ?? close;
	}

	const app = express();
	app.use(express.raw({ type: () => true, limit: '16mb' }));
	app.post(['/webhook/:id/:path', '/webhook-test/:id/:path'], async (req, res) => {
		const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
		(req as unknown as { rawBody: Buffer }).rawBody = raw;
		try {
			req.body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
		} catch {
			req.body = raw.toString('utf8');
		}
		const name = NAMES[String(req.params.path)];
		if (!name) return void res.status(404).send('not registered');
		const webhookData = { httpMethod: 'POST', node: node.name, path: String(req.params.path), webhookDescription: { name }, workflowId } as unknown as IWebhookData;
		const data = { ...additionalData(), httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
		const mode = req.path.startsWith('/webhook-test/') ? 'manual' : 'webhook';
		const context = new WebhookContext(workflow, node, data, mode, webhookData, [], null);
		const before = executions.length;
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
				record(result.workflowData[0]);
			}
			if (!result.noWebhookResponse && !res.headersSent) res.status(200).json({ message: 'Workflow was started' });
		} catch (error) {
			// n8n answers a throwing webhook() with 500 and records a failed execution.
			if (!res.headersSent) res.status(500).json({ message: (error as Error).message });
		}
		calls.push({ status: res.statusCode, body: sent, started: executions.length > before });
		record(sent);
	});

	const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	const address = server.address();
	baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	const urlOf = (path: string) => `${baseUrl}/webhook/${WEBHOOK_ID}/${path}`;
	return {
		url: urlOf('webhook'),
		refundUrl: urlOf('refund'),
		useStatusUrl: urlOf('use-status'),
		baseUrl,
		executions,
		calls,
		emitCalls: () => asked,
		close: async () => {
			await close();
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			});
		},
	};
}

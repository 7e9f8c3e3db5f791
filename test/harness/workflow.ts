import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	INodeTypeDescription,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { EcPayEcTicketApi } from '../../credentials/EcPayEcTicketApi.credentials';
import type { EcTicketCredentials } from '../../credentials/merchant';
import { EcPayEcTicket } from '../../nodes/EcPayEcTicket/EcPayEcTicket.node';
import { record } from './leaks';

/** A start node that emits the items a test gives it, so the node under test gets real input. */
class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		usableAsTool: true,
		defaults: { name: 'Items' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json, item) => ({ json, pairedItem: { item } }))];
	}
}

const NODE_TYPES: Record<string, INodeType> = {
	'test.testItems': new TestItems(),
	'n8n-nodes-ecpay-ecticket.ecPayEcTicket': new EcPayEcTicket(),
};

const nodeTypes: INodeTypes = {
	getByName: (type) => NODE_TYPES[type],
	getByNameAndVersion: (type) => NODE_TYPES[type],
	getKnownTypes: () => ({}),
};

/**
 * n8n's credential plumbing with the package's real credential type: decrypted data comes from
 * the test, and every request is signed by EcPayEcTicketApi.authenticate exactly as in n8n.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly credentialType = new EcPayEcTicketApi();

	constructor(private readonly data: EcTicketCredentials) {
		super();
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, _type: string, options: IHttpRequestOptions) {
		return await this.credentialType.authenticate(credentials, options);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the node');
	}

	async getDecrypted() {
		return { ...this.data } as unknown as ICredentialDataDecryptedObject;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return this.credentialType.properties;
	}
}

export interface RunOptions {
	credentials: EcTicketCredentials;
	parameters: INodeParameters;
	items?: IDataObject[];
	/** n8n's "On Error" setting: continueRegularOutput is what "Continue On Fail" stores. */
	onError?: INode['onError'];
}

export interface RunResult {
	run: IRun;
	/** The ECTicket node's output items (first output), or undefined when it failed. */
	output?: INodeExecutionData[];
	/** The items n8n routed to the error output (On Error › Continue (using error output)). */
	errorOutput?: INodeExecutionData[];
	/** The error that stopped the ECTicket node, as n8n recorded it. */
	error?: Error & { description?: string; context?: IDataObject };
	/** The execution hints the node left (n8n shows them above its output). */
	hints: string[];
}

/** The workflow Items → ECPay ECTicket and the additional data n8n hands its executions. */
function buildWorkflow(options: RunOptions) {
	const nodes: INode[] = [
		{
			id: 'items',
			name: 'Items',
			type: 'test.testItems',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.items ?? [{}]) },
		},
		{
			id: 'ecticket',
			name: 'ECPay ECTicket',
			type: 'n8n-nodes-ecpay-ecticket.ecPayEcTicket',
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { ecPayEcTicketApi: { id: '1', name: 'ECTicket test' } },
			onError: options.onError,
		},
	];
	const connections = {
		Items: { main: [[{ node: 'ECPay ECTicket', type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	const workflowData: IWorkflowBase = {
		id: 'wf-test',
		name: 'ECTicket test',
		active: false,
		isArchived: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		hooks: new ExecutionLifecycleHooks('manual', 'test-execution', workflowData),
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formBaseUrl: 'http://127.0.0.1/formBaseUrl',
		formWaitingBaseUrl: 'http://127.0.0.1/formWaitingBaseUrl',
		formTestBaseUrl: 'http://127.0.0.1/formTestBaseUrl',
		mcpBaseUrl: 'http://127.0.0.1/mcpBaseUrl',
		mcpTestBaseUrl: 'http://127.0.0.1/mcpTestBaseUrl',
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, additionalData };
}

/** Runs Items → ECPay ECTicket through n8n-core's WorkflowExecute, the engine n8n itself uses. */
export async function runEcTicketNode(options: RunOptions): Promise<RunResult> {
	const { workflow, additionalData } = buildWorkflow(options);
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode('Items') ?? undefined });
	const task = run.data.resultData.runData['ECPay ECTicket']?.[0];
	const result: RunResult = {
		run,
		output: task?.data?.main?.[0] ?? undefined,
		errorOutput: task?.data?.main?.[1] ?? undefined,
		error: (task?.error ?? run.data.resultData.error) as RunResult['error'],
		hints: (task?.hints ?? []).map((hint) => hint.message),
	};
	record(result.output);
	if (result.error) record(result.error);
	return result;
}

/**
 * The context n8n gives the node when the editor asks it for a list (a resource locator's
 * From List): n8n-core's own LoadOptionsContext, over the node with these parameters.
 */
export function loadOptionsContext(options: Omit<RunOptions, 'items'>): ILoadOptionsFunctions {
	const { workflow, additionalData } = buildWorkflow(options);
	return new LoadOptionsContext(workflow, workflow.getNode('ECPay ECTicket') as INode, additionalData, 'parameters');
}

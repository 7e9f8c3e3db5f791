import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { testEcTicketCredential } from '../../credentials/credentialTest';
import { runItems } from './actions/itemLoop';
import { searchProducts } from './methods/listSearch';
import type { Execution } from './actions/operation';
import { operationFor, properties, subtitle } from './actions/router';
import { EcTicketClient } from './transport/client';

export class EcPayEcTicket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ECPay ECTicket',
		name: 'ecPayEcTicket',
		icon: { light: 'file:ecpay.svg', dark: 'file:ecpay.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitle(),
		description: 'Issue and manage ECPay ECTicket tickets and vouchers',
		defaults: { name: 'ECPay ECTicket' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ecPayEcTicketApi', required: true, testedBy: 'ecPayEcTicketApiTest' }],
		properties,
	};

	methods = {
		credentialTest: { ecPayEcTicketApiTest: testEcTicketCredential },
		listSearch: { searchProducts },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const handler = operationFor(resource, operation);
		if (!handler) {
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
		}
		const hints = new Set<string>();
		const execution: Execution = {
			ctx: this,
			client: await EcTicketClient.forExecution(this),
			hint: (message) => hints.add(message),
			// n8n shows no hints when a node fails: they go into the error's description instead.
			failing: (error) => {
				if (hints.size) error.description = [error.description, ...hints].filter(Boolean).join('\n');
				return error;
			},
		};
		const output = await runItems(execution, handler);
		if (hints.size) this.addExecutionHints(...[...hints].map((message) => ({ message, type: 'warning' as const, location: 'outputPane' as const })));
		return [output];
	}
}

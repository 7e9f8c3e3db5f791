import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Merchant, type EcTicketCredentials } from '../../../credentials/merchant';
import type { Endpoint } from '../../../protocol/rules/endpoints';

export const CREDENTIAL_TYPE = 'ecPayEcTicketApi';

/** An execution, or the editor asking for a list (a list search). */
type ClientContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * Everything one execution needs to talk to ECTicket, built once: the credential read and checked,
 * the merchant's codec, its base URL. Operations and the transport get it passed down.
 */
export class EcTicketClient {
	private constructor(
		readonly ctx: ClientContext,
		readonly merchant: Merchant,
	) {}

	/** Reads the node's credential (n8n decrypts it once) and refuses one that cannot be used. */
	static async forExecution(ctx: ClientContext): Promise<EcTicketClient> {
		const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as unknown as EcTicketCredentials;
		try {
			return new EcTicketClient(ctx, new Merchant(credentials));
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `The ECPay ECTicket credential is invalid: ${(error as Error).message}`, {
				description: 'Open the credential and paste the HashKey and HashIV exactly as the ECPay vendor back office shows them, and check the environment.',
			});
		}
	}

	/** Options › Timeout (Seconds) of an item; a list search in the editor has no items and takes the default. */
	timeoutSeconds(itemIndex: number, fallback: number): number {
		return 'getInputData' in this.ctx ? (this.ctx.getNodeParameter('options.timeout', itemIndex, fallback) as number) : fallback;
	}

	/** One signed POST of business Data to an endpoint: the raw answer, or the HTTP helper's error. */
	async post(endpoint: Endpoint, data: IDataObject, timeoutMs: number): Promise<unknown> {
		return await this.ctx.helpers.httpRequest({
			method: 'POST',
			baseURL: this.merchant.baseUrl,
			url: endpoint,
			headers: { Accept: 'text/html', 'Content-Type': 'application/json' },
			body: this.merchant.seal(data),
			timeout: timeoutMs,
		});
	}
}

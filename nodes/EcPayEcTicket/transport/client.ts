import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Merchant, type EcTicketCredentials } from '../../../credentials/merchant';
import type { Endpoint } from '../../../protocol/rules/endpoints';

export const CREDENTIAL_TYPE = 'ecPayEcTicketApi';

/**
 * Everything one execution needs to talk to ECTicket, built once: the credential read and checked,
 * the merchant's codec, its base URL. Operations and the transport get it passed down.
 */
export class EcTicketClient {
	private constructor(
		readonly ctx: IExecuteFunctions,
		readonly merchant: Merchant,
	) {}

	/** Reads the node's credential (n8n decrypts it once) and refuses one that cannot be used. */
	static async forExecution(ctx: IExecuteFunctions): Promise<EcTicketClient> {
		const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as unknown as EcTicketCredentials;
		try {
			return new EcTicketClient(ctx, new Merchant(credentials));
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `The ECPay ECTicket credential is invalid: ${(error as Error).message}`, {
				description: 'Open the credential and paste the HashKey and HashIV exactly as the ECPay vendor back office shows them, and check the environment.',
			});
		}
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

import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { codecOf, type EcTicketCredentials } from '../../../credentials/EcPayEcTicketApi.credentials';
import { keysProblem, type Codec } from '../../../protocol/crypto';
import { EnvelopeError, openResponse } from '../../../protocol/envelope';
import type { Endpoint } from '../../../protocol/spec/endpoints';

export const CREDENTIAL_TYPE = 'ecPayEcTicketApi';

export interface Merchant {
	merchantId: string;
	codec: Codec;
}

const merchants = new WeakMap<IExecuteFunctions, Promise<Merchant>>();

/** The merchant's ID and codec, read from the credential once per execution. */
export function merchantFor(ctx: IExecuteFunctions): Promise<Merchant> {
	let merchant = merchants.get(ctx);
	if (!merchant) {
		merchant = ctx.getCredentials(CREDENTIAL_TYPE).then((raw) => {
			const credentials = raw as unknown as EcTicketCredentials;
			const problem = keysProblem({ hashKey: credentials.hashKeySecret, hashIV: credentials.hashIvSecret });
			if (problem) {
				throw new NodeOperationError(ctx.getNode(), `The ECPay ECTicket credential is invalid: ${problem}`, {
					description: 'Open the credential and paste the HashKey and HashIV exactly as the ECPay vendor back office shows them.',
				});
			}
			return { merchantId: credentials.merchantId, codec: codecOf(credentials) };
		});
		merchants.set(ctx, merchant);
	}
	return merchant;
}

/** The error n8n shows when the HTTP call itself failed (network, HTTP status). */
function httpFailure(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError {
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode === '403') {
		return new NodeApiError(ctx.getNode(), error as JsonObject, {
			itemIndex,
			message: `Item ${itemIndex}: ECPay is rate limiting this merchant (HTTP 403)`,
			description:
				'ECPay blocks merchants that call too fast, typically for about 30 minutes. Wait before running the workflow again and lower the concurrency.',
			failure: { cause: 'rate-limited' },
		});
	}
	if (error instanceof NodeApiError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex });
}

/** The error for a response that arrived but failed a protocol check: never treated as success. */
function verificationFailure(
	ctx: IExecuteFunctions,
	error: EnvelopeError,
	endpoint: Endpoint,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(ctx.getNode(), { check: error.check, message: error.message } as JsonObject, {
		itemIndex,
		message:
			error.check === 'transCode'
				? `Item ${itemIndex}: ${error.message}`
				: `Item ${itemIndex}: the ECTicket response failed verification (${error.check}): ${error.message}`,
		description: `Endpoint ${endpoint}. Nothing from this response was used.`,
	});
}

/**
 * POSTs business Data to one ECTicket endpoint as a signed envelope (the credential signs it)
 * and returns the verified, decrypted response Data. RtnCode is left to the caller.
 */
export async function callEcTicket(
	ctx: IExecuteFunctions,
	endpoint: Endpoint,
	data: IDataObject,
	{ itemIndex }: { itemIndex: number },
): Promise<IDataObject> {
	const { codec } = await merchantFor(ctx);
	let body: unknown;
	let failed: unknown;
	try {
		body = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			method: 'POST',
			url: endpoint,
			body: data,
		});
	} catch (error) {
		failed = error ?? new Error('The request failed');
	}
	if (failed !== undefined) throw httpFailure(ctx, failed, itemIndex);
	let opened: IDataObject | EnvelopeError;
	try {
		opened = openResponse(codec, body).data as IDataObject;
	} catch (error) {
		opened = error instanceof EnvelopeError ? error : new EnvelopeError('shape', String(error));
	}
	if (opened instanceof EnvelopeError) throw verificationFailure(ctx, opened, endpoint, itemIndex);
	return opened;
}

/** Throws a NodeApiError carrying RtnCode and RtnMsg unless the business call succeeded. */
export function requireRtnCode1(
	ctx: IExecuteFunctions,
	data: IDataObject,
	endpoint: Endpoint,
	itemIndex: number,
): IDataObject {
	if (data.RtnCode === 1) return data;
	throw new NodeApiError(ctx.getNode(), data as JsonObject, {
		itemIndex,
		message: `Item ${itemIndex}: ECPay refused the request: ${String(data.RtnMsg ?? 'no RtnMsg')} (RtnCode ${String(data.RtnCode)})`,
		description: `Endpoint ${endpoint}. RtnCode ${String(data.RtnCode)}: ${String(data.RtnMsg ?? '')}`,
	});
}

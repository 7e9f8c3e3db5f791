import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	codecOf,
	signEcTicketRequest,
	type EcTicketCredentials,
} from '../../../credentials/EcPayEcTicketApi.credentials';
import { keysProblem, type Codec } from '../../../protocol/crypto';
import { EnvelopeError, openResponse } from '../../../protocol/envelope';
import type { Endpoint } from '../../../protocol/spec/endpoints';

export const CREDENTIAL_TYPE = 'ecPayEcTicketApi';

/** Attempts of a read call before it fails, and the first back-off (doubled each time). */
export const READ_ATTEMPTS = 4;
export const FIRST_BACKOFF_MS = 500;
export const DEFAULT_TIMEOUT_SECONDS = 30;

export interface Merchant {
	merchantId: string;
	codec: Codec;
	/** The decrypted credential, kept for signing: n8n would decrypt it again for every call. */
	credentials: ICredentialDataDecryptedObject;
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
			return { merchantId: credentials.merchantId, codec: codecOf(credentials), credentials: raw };
		});
		merchants.set(ctx, merchant);
	}
	return merchant;
}

/**
 * The signed POST. Signing is the credential type's own function (the one n8n applies in
 * httpRequestWithAuthentication), applied here with the credential read once per execution:
 * through n8n's helper every call of a 1,000-item batch would decrypt the credential again.
 */
async function send(ctx: IExecuteFunctions, merchant: Merchant, options: IHttpRequestOptions): Promise<unknown> {
	return await ctx.helpers.httpRequest(await signEcTicketRequest(merchant.credentials, options));
}

/**
 * One call that did not give a verified answer. `transient`: worth another try later.
 * `ambiguous`: ECPay may have received and processed the request (so an Issue must not be
 * blindly re-sent).
 */
export interface CallFailure {
	error: NodeApiError;
	transient: boolean;
	ambiguous: boolean;
}

export type Attempt = { ok: true; data: IDataObject } | ({ ok: false } & CallFailure);

const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CUT_OFF = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);

/** The system error code of a failed request, wherever the HTTP stack put it (a cause chain). */
function networkCode(error: unknown): string | undefined {
	const chain: Array<{ code?: unknown; message?: unknown }> = [];
	for (let e = error as { cause?: unknown } | undefined; e && typeof e === 'object' && chain.length < 6; e = e.cause as typeof e) {
		chain.push(e as { code?: unknown; message?: unknown });
	}
	const known = chain.map((e) => e.code).find((c): c is string => typeof c === 'string' && (NEVER_SENT.has(c) || CUT_OFF.has(c)));
	if (known) return known;
	const messages = chain.map((e) => String(e.message ?? '')).join(' ');
	if (/socket hang up|closed unexpectedly|ECONNRESET/i.test(messages)) return 'ECONNRESET';
	if (/timed? ?out|ETIMEDOUT|ECONNABORTED/i.test(messages)) return 'ETIMEDOUT';
	if (/refused the connection|ECONNREFUSED/i.test(messages)) return 'ECONNREFUSED';
	return undefined;
}

function apiError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
	extra: JsonObject = {},
	failure?: NodeApiError['failure'],
): NodeApiError {
	return new NodeApiError(ctx.getNode(), { message, ...extra } as JsonObject, {
		itemIndex,
		message: `Item ${itemIndex}: ${message}`,
		description,
		...(failure ? { failure } : {}),
	});
}

/** Sorts a failed HTTP call: rate limit, server error, network cut, never sent, or other. */
function httpFailure(ctx: IExecuteFunctions, error: unknown, endpoint: Endpoint, itemIndex: number): CallFailure {
	const status = Number((error as NodeApiError).httpCode ?? (error as { response?: { status?: number } }).response?.status);
	if (status === 403) {
		return {
			transient: false,
			ambiguous: false,
			error: apiError(
				ctx,
				itemIndex,
				'ECPay is rate limiting this merchant (HTTP 403)',
				'ECPay blocks merchants that call too fast, typically for about 30 minutes. Wait before running the workflow again and lower the Concurrency option. Nothing more was sent.',
				{ httpCode: '403' },
				{ cause: 'rate-limited' },
			),
		};
	}
	if (status >= 500) {
		return {
			transient: true,
			ambiguous: true,
			error: apiError(ctx, itemIndex, `ECPay answered HTTP ${status} (${endpoint})`, 'A server error at ECPay: the node retried where it was safe.', { httpCode: String(status) }, { cause: 'temporarily-unavailable' }),
		};
	}
	const code = networkCode(error);
	if (code && (NEVER_SENT.has(code) || CUT_OFF.has(code))) {
		const neverSent = NEVER_SENT.has(code);
		return {
			transient: true,
			ambiguous: !neverSent,
			error: apiError(
				ctx,
				itemIndex,
				// n8n replaces a message that names a system error code with its own generic text.
				neverSent ? 'Could not reach ECPay' : 'The connection to ECPay was cut before its answer arrived',
				`Endpoint ${endpoint}, ${code}. ${neverSent ? 'The request was never delivered.' : 'ECPay may have received the request.'}`,
				{ networkCode: code },
				{ cause: 'temporarily-unavailable' },
			),
		};
	}
	const wrapped = error instanceof NodeApiError ? error : new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex });
	wrapped.context.itemIndex = itemIndex;
	return { transient: false, ambiguous: false, error: wrapped };
}

/** A response that arrived but failed a protocol check: never treated as success. */
function verificationFailure(ctx: IExecuteFunctions, error: EnvelopeError, endpoint: Endpoint, itemIndex: number): CallFailure {
	// An unreadable body (cut short, not JSON) is a transport fault; a failed check is not.
	const garbled = error.check === 'shape';
	return {
		transient: garbled,
		ambiguous: error.check !== 'transCode',
		error: apiError(
			ctx,
			itemIndex,
			error.check === 'transCode' ? error.message : `The ECTicket response failed verification (${error.check}): ${error.message}`,
			`Endpoint ${endpoint}. Nothing from this response was used.`,
			{ check: error.check },
		),
	};
}

/**
 * POSTs business Data to one ECTicket endpoint as a signed envelope (the credential signs it)
 * once, and returns the verified, decrypted answer or a classified failure. Never throws for
 * what went wrong on the wire.
 */
export async function attemptCall(
	ctx: IExecuteFunctions,
	endpoint: Endpoint,
	data: IDataObject,
	itemIndex: number,
): Promise<Attempt> {
	const merchant = await merchantFor(ctx);
	const timeout = (ctx.getNodeParameter('options.timeout', itemIndex, DEFAULT_TIMEOUT_SECONDS) as number) * 1000;
	let body: unknown;
	try {
		body = await send(ctx, merchant, { method: 'POST', url: endpoint, body: data, timeout });
	} catch (error) {
		return { ok: false, ...httpFailure(ctx, error, endpoint, itemIndex) };
	}
	const { codec } = merchant;
	let opened: IDataObject | EnvelopeError;
	try {
		opened = openResponse(codec, body).data as IDataObject;
	} catch (error) {
		opened = error instanceof EnvelopeError ? error : new EnvelopeError('shape', String(error));
	}
	if (opened instanceof EnvelopeError) return { ok: false, ...verificationFailure(ctx, opened, endpoint, itemIndex) };
	return { ok: true, data: opened };
}

/**
 * A read call: transient faults (server errors, cut connections, garbled bodies) are retried with
 * exponential back-off, up to READ_ATTEMPTS; then the last error is thrown. RtnCode is left to
 * the caller.
 */
export async function callEcTicket(
	ctx: IExecuteFunctions,
	endpoint: Endpoint,
	data: IDataObject,
	{ itemIndex }: { itemIndex: number },
): Promise<IDataObject> {
	for (let attempt = 1; ; attempt++) {
		const result = await attemptCall(ctx, endpoint, data, itemIndex);
		if (result.ok) return result.data;
		if (!result.transient || attempt >= READ_ATTEMPTS) {
			if (attempt > 1) result.error.description = `${result.error.description ?? ''} Tried ${attempt} times.`.trim();
			throw result.error;
		}
		await sleep(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
	}
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

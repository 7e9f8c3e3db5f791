import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { EnvelopeError } from '../../../protocol/envelope';
import type { Endpoint } from '../../../protocol/rules/endpoints';
import { RATE_LIMIT } from '../../../protocol/rules/timing';
import type { EcTicketClient } from './client';
import { failureFacts, type FailureKind } from './failure';

/** Attempts of a read call before it fails, and the first back-off (doubled each time). */
export const READ_ATTEMPTS = 4;
export const FIRST_BACKOFF_MS = 500;
export const DEFAULT_TIMEOUT_SECONDS = 30;

/**
 * One call that did not give a verified answer. `transient`: worth another try later.
 * `ambiguous`: ECPay may have received and acted on the request (a write must not be blindly re-sent).
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

/** A NodeApiError for item `itemIndex` carrying the machine-readable facts of the failure. */
export function apiError(
	client: EcTicketClient,
	itemIndex: number,
	kind: FailureKind,
	message: string,
	description: string,
	facts: IDataObject = {},
	failure?: NodeApiError['failure'],
): NodeApiError {
	const error = new NodeApiError(client.ctx.getNode(), { message, ...facts } as JsonObject, {
		itemIndex,
		message: `Item ${itemIndex}: ${message}`,
		description,
		...(failure ? { failure } : {}),
	});
	return failureFacts.attach(error, { kind, ...facts });
}

/** Sorts a failed HTTP call: rate limit, server error, network cut, never sent, or other. */
function httpFailure(client: EcTicketClient, error: unknown, endpoint: Endpoint, itemIndex: number): CallFailure {
	const status = Number((error as NodeApiError).httpCode ?? (error as { response?: { status?: number } }).response?.status);
	if (status === RATE_LIMIT.httpStatus) {
		return {
			transient: false,
			ambiguous: false,
			error: apiError(
				client,
				itemIndex,
				'rate-limited',
				'ECPay is rate limiting this merchant (HTTP 403)',
				`ECPay blocks merchants that call too fast, typically for about ${RATE_LIMIT.blockMinutes} minutes. Wait before running the workflow again and lower the Concurrency option. Nothing more was sent.`,
				{ httpCode: status },
				{ cause: 'rate-limited' },
			),
		};
	}
	if (status >= 500) {
		return {
			transient: true,
			ambiguous: true,
			error: apiError(client, itemIndex, 'network', `ECPay answered HTTP ${status} (${endpoint})`, 'A server error at ECPay: the node retried where it was safe.', { httpCode: status }, { cause: 'temporarily-unavailable' }),
		};
	}
	const code = networkCode(error);
	if (code) {
		const neverSent = NEVER_SENT.has(code);
		return {
			transient: true,
			ambiguous: !neverSent,
			error: apiError(
				client,
				itemIndex,
				'network',
				// n8n replaces a message that names a system error code with its own generic text.
				neverSent ? 'Could not reach ECPay' : 'The connection to ECPay was cut before its answer arrived',
				`Endpoint ${endpoint}, ${code}. ${neverSent ? 'The request was never delivered.' : 'ECPay may have received the request.'}`,
				{ networkCode: code },
				{ cause: 'temporarily-unavailable' },
			),
		};
	}
	const wrapped = error instanceof NodeApiError ? error : new NodeApiError(client.ctx.getNode(), error as JsonObject, { itemIndex });
	wrapped.context.itemIndex = itemIndex;
	return { transient: false, ambiguous: false, error: failureFacts.attach(wrapped, { kind: 'network', ...(Number.isFinite(status) ? { httpCode: status } : {}) }) };
}

/** A response that arrived but failed a protocol check: never treated as success. */
function verificationFailure(client: EcTicketClient, error: EnvelopeError, body: unknown, endpoint: Endpoint, itemIndex: number): CallFailure {
	// An unreadable body (cut short, not JSON) is a transport fault; a failed check is not.
	const refused = error.check === 'transCode';
	const envelope = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	return {
		transient: error.check === 'shape',
		ambiguous: !refused,
		error: refused
			? apiError(client, itemIndex, 'refused', error.message, `Endpoint ${endpoint}. ECPay refused the envelope before reading it.`, {
					TransCode: envelope.TransCode,
					TransMsg: envelope.TransMsg ?? '',
				})
			: apiError(client, itemIndex, 'unverifiable', `The ECTicket response failed verification (${error.check}): ${error.message}`, `Endpoint ${endpoint}. Nothing from this response was used.`, {
					check: error.check,
				}),
	};
}

/**
 * POSTs business Data to one ECTicket endpoint as a signed envelope, once, and returns the
 * verified, decrypted answer or a classified failure. Never throws for what went wrong on the wire.
 */
export async function attemptCall(client: EcTicketClient, endpoint: Endpoint, data: IDataObject, itemIndex: number): Promise<Attempt> {
	const timeout = client.timeoutSeconds(itemIndex, DEFAULT_TIMEOUT_SECONDS) * 1000;
	let body: unknown;
	try {
		body = await client.post(endpoint, data, timeout);
	} catch (error) {
		return { ok: false, ...httpFailure(client, error, endpoint, itemIndex) };
	}
	try {
		return { ok: true, data: client.merchant.open(body).data as IDataObject };
	} catch (error) {
		const envelopeError = error instanceof EnvelopeError ? error : new EnvelopeError('shape', String(error));
		return { ok: false, ...verificationFailure(client, envelopeError, body, endpoint, itemIndex) };
	}
}

/**
 * A read call: transient faults (server errors, cut connections, garbled bodies) are retried with
 * exponential back-off, up to READ_ATTEMPTS; then the last error is thrown. RtnCode is left to
 * the caller.
 */
export async function callEcTicket(client: EcTicketClient, endpoint: Endpoint, data: IDataObject, itemIndex: number): Promise<IDataObject> {
	for (let attempt = 1; ; attempt++) {
		const result = await attemptCall(client, endpoint, data, itemIndex);
		if (result.ok) return result.data;
		if (!result.transient || attempt >= READ_ATTEMPTS) {
			if (attempt > 1) result.error.description = `${result.error.description ?? ''} Tried ${attempt} times.`.trim();
			throw result.error;
		}
		await sleep(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
	}
}

/** ECPay's refusal of a business request (RtnCode ≠ 1) as an error carrying RtnCode and RtnMsg. */
export function refusal(client: EcTicketClient, data: IDataObject, endpoint: Endpoint, itemIndex: number, message?: string): NodeApiError {
	const error = new NodeApiError(client.ctx.getNode(), data as JsonObject, {
		itemIndex,
		message: `Item ${itemIndex}: ${message ?? `ECPay refused the request: ${String(data.RtnMsg ?? 'no RtnMsg')} (RtnCode ${String(data.RtnCode)})`}`,
		description: `Endpoint ${endpoint}. RtnCode ${String(data.RtnCode)}: ${String(data.RtnMsg ?? '')}`,
	});
	return failureFacts.attach(error, { kind: 'refused', RtnCode: data.RtnCode, RtnMsg: data.RtnMsg ?? '' });
}

/** The answer when the business call succeeded (RtnCode 1), ECPay's refusal otherwise. */
export function requireRtnCode1(client: EcTicketClient, data: IDataObject, endpoint: Endpoint, itemIndex: number): IDataObject {
	if (data.RtnCode === 1) return data;
	throw refusal(client, data, endpoint, itemIndex);
}

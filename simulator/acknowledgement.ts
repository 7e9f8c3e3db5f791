import { EnvelopeError, openResponse, type BusinessData } from '../protocol/envelope';
import type { Account } from './admission';
import type { TransportResult } from './notifications';

export type AckFormat = 'envelope' | 'plain';

export interface Judgement {
	httpStatus: number | null;
	ackFormat: AckFormat | null;
	accepted: boolean;
	reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const PLAIN_ACK = '1|OK';

/**
 * Whether an answer acknowledges a notification, checked as strictly as ECPay would: HTTP 200
 * and either a response envelope that opens with the merchant's keys (TransCode 1, decrypts,
 * CheckMacValue verifies) whose Data.RtnCode is the number 1, or the plain text 1|OK — unless
 * `plainAccepted` is false (dialect alt, after ECPay's skill: 1|OK "counts as failed and is retried").
 */
export function judgeAcknowledgement(account: Account, result: TransportResult, plainAccepted = true): Judgement {
	const httpStatus = result.status ?? null;
	const fail = (ackFormat: AckFormat | null, reason: string): Judgement => ({ httpStatus, ackFormat, accepted: false, reason });
	if (httpStatus === null) return fail(null, result.error ?? 'no answer');
	if (httpStatus !== 200) return fail(null, `HTTP ${httpStatus}: an acknowledgement needs HTTP 200`);
	if (result.error !== undefined) return fail(null, result.error);

	const body = result.body ?? '';
	if (body.trim() === PLAIN_ACK) {
		return plainAccepted
			? { httpStatus, ackFormat: 'plain', accepted: true, reason: 'plain text 1|OK' }
			: fail('plain', 'plain text 1|OK counts as failed in this dialect: only an envelope with RtnCode 1 acknowledges');
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		parsed = undefined;
	}
	if (!isObject(parsed)) {
		const shown = body.length > 80 ? `${body.slice(0, 80)}…` : body;
		return fail(null, `the body is neither a response envelope nor 1|OK: ${JSON.stringify(shown)}`);
	}
	let data: BusinessData;
	try {
		data = openResponse(account.codec, parsed).data;
	} catch (error) {
		const check = error instanceof EnvelopeError ? error.check : 'shape';
		const message = error instanceof Error ? error.message : String(error);
		return fail('envelope', `the envelope does not open with the merchant's keys (${check}): ${message}`);
	}
	if (data.RtnCode !== 1) {
		return fail('envelope', `Data.RtnCode is ${JSON.stringify(data.RtnCode)}; an acknowledgement needs the number 1`);
	}
	return { httpStatus, ackFormat: 'envelope', accepted: true, reason: 'envelope with RtnCode 1' };
}

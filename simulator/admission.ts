import { Codec } from '../protocol/crypto';
import {
	EnvelopeError,
	openData,
	readRequestEnvelope,
	type BusinessData,
	type RequestEnvelope,
} from '../protocol/envelope';
import type { SimulatedMerchant } from './config';
import { matchLenientEncoder, type EncoderName } from './encoders';
import type { TransCodeName } from './rtnCodes';

export interface Account {
	merchant: SimulatedMerchant;
	codec: Codec;
}

export type Admission =
	| {
			ok: true;
			account: Account;
			envelope: RequestEnvelope;
			data: BusinessData;
			encoder: EncoderName;
	  }
	| {
			ok: false;
			refusal: TransCodeName;
			transMsg: string;
			/** Present once the body had the shape of an envelope. */
			envelope?: RequestEnvelope;
	  };

export interface AdmissionRules {
	accounts: ReadonlyMap<string, Account>;
	nowSeconds: number;
	windowSeconds: number;
	lenientEncoding: boolean;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

function attempt<T>(fn: () => T): Attempt<T> {
	try {
		return { ok: true, value: fn() };
	} catch (error) {
		return { ok: false, error };
	}
}

/** The envelope checks ECPay makes before it looks at the business Data (TransCode ≠ 1 if one fails). */
export function admitRequest(body: string, rules: AdmissionRules): Admission {
	const read = attempt(() => readRequestEnvelope(body));
	if (!read.ok) return refuse(read.error);
	const envelope = read.value;

	const account = rules.accounts.get(envelope.MerchantID);
	if (!account) {
		return {
			ok: false,
			refusal: 'unknownMerchant',
			transMsg: `MerchantID "${envelope.MerchantID}" is not a merchant of this simulator`,
			envelope,
		};
	}
	const expectedPlatform = account.merchant.platformId ?? '';
	if ((envelope.PlatformID ?? '') !== expectedPlatform) {
		return {
			ok: false,
			refusal: 'platformMismatch',
			transMsg: expectedPlatform
				? `PlatformID must be "${expectedPlatform}" for merchant ${envelope.MerchantID}`
				: `Merchant ${envelope.MerchantID} is not a platform merchant: send PlatformID null or ""`,
			envelope,
		};
	}
	const skew = rules.nowSeconds - envelope.RqHeader.Timestamp;
	if (Math.abs(skew) > rules.windowSeconds) {
		return {
			ok: false,
			refusal: 'timestamp',
			transMsg: `RqHeader.Timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'old' : 'in the future'}; the window is ${rules.windowSeconds} s`,
			envelope,
		};
	}

	const opened = attempt(() => openData(account.codec, envelope.Data, envelope.CheckMacValue));
	if (opened.ok) return { ok: true, account, envelope, data: opened.value.data, encoder: 'rfc3986' };
	if (
		rules.lenientEncoding &&
		opened.error instanceof EnvelopeError &&
		opened.error.check === 'checkMacValue'
	) {
		const lenient = admitLenient(account, envelope);
		if (lenient) return lenient;
	}
	return { ...refuse(opened.error), envelope };
}

/** Data decrypted fine but the RFC 3986 CheckMacValue did not match: try the other encoders. */
function admitLenient(account: Account, envelope: RequestEnvelope): Admission | undefined {
	const json = account.codec.open(envelope.Data);
	const encoder = matchLenientEncoder(account.merchant, json, envelope.CheckMacValue);
	if (!encoder) return undefined;
	const parsed = attempt(() => JSON.parse(json) as unknown);
	const data = parsed.ok ? parsed.value : undefined;
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		return { ok: false, refusal: 'json', transMsg: 'The decrypted Data is not a JSON object', envelope };
	}
	return { ok: true, account, envelope, data: data as BusinessData, encoder };
}

function refuse(error: unknown): Admission & { ok: false } {
	if (!(error instanceof EnvelopeError)) {
		return { ok: false, refusal: 'shape', transMsg: 'The request could not be read' };
	}
	const refusal: TransCodeName = error.check === 'transCode' ? 'shape' : error.check;
	return { ok: false, refusal, transMsg: error.message };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { urlEncode, type MerchantKeys } from '../protocol/crypto';

/**
 * Lenient mode only (PROTOCOL.md §4 DECISION): the two URL encoders seen in public integrations
 * besides the RFC 3986 one of protocol/crypto.ts. The standard path never comes here.
 */
export const LENIENT_ENCODERS = {
	encodeURIComponent: (text: string) => encodeURIComponent(text),
	/** PHP urlencode: like RFC 3986 but space is `+` and `~` is escaped. */
	phpUrlencode: (text: string) => urlEncode(text).replace(/%20/g, '+').replace(/~/g, '%7E'),
} as const;

export type EncoderName = 'rfc3986' | keyof typeof LENIENT_ENCODERS;

function checkMacValueWith(encode: (text: string) => string, keys: MerchantKeys, json: string): string {
	return createHash('sha256')
		.update(encode(keys.hashKey + json + keys.hashIV).toLowerCase(), 'utf8')
		.digest('hex')
		.toUpperCase();
}

/** Which lenient encoder, if any, produced `received` over `json`. */
export function matchLenientEncoder(
	keys: MerchantKeys,
	json: string,
	received: string,
): EncoderName | undefined {
	const given = Buffer.from(received.toUpperCase(), 'latin1');
	for (const [name, encode] of Object.entries(LENIENT_ENCODERS)) {
		const expected = Buffer.from(checkMacValueWith(encode, keys, json), 'latin1');
		if (given.length === expected.length && timingSafeEqual(given, expected)) {
			return name as EncoderName;
		}
	}
	return undefined;
}

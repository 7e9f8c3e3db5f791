import { createCipheriv, createDecipheriv, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';

/** The merchant's two secrets as issued by ECPay (16 ASCII characters each). */
export interface MerchantKeys {
	hashKey: string;
	hashIV: string;
}

/**
 * RFC 3986 encoding as .NET's Uri.EscapeDataString does it (PROTOCOL.md §3 DECISION):
 * encodeURIComponent plus ! ' ( ) * escaped, upper-case hex, space as %20, ~ literal.
 */
export function urlEncode(text: string): string {
	return encodeURIComponent(text).replace(
		/[!'()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
}

/** Decodes what any of ECPay's encoders produced: `+` is a space, then percent-decoding. */
export function urlDecode(text: string): string {
	return decodeURIComponent(text.replace(/\+/g, '%20'));
}

export type CryptoFailure = 'keys' | 'base64' | 'decrypt' | 'urlDecode';

export class CryptoError extends Error {
	constructor(
		readonly failure: CryptoFailure,
		message: string,
	) {
		super(message);
		this.name = 'CryptoError';
	}
}

/** Why these keys cannot be used, or undefined when they can. */
export function keysProblem(keys: MerchantKeys): string | undefined {
	for (const [name, value] of [
		['HashKey', keys.hashKey],
		['HashIV', keys.hashIV],
	] as const) {
		if (typeof value !== 'string' || !/^[\x21-\x7e]{16}$/.test(value)) {
			return `${name} must be exactly 16 ASCII characters (letters, digits or symbols, no spaces)`;
		}
	}
	return undefined;
}

/** Runs `fn`, turning any exception into undefined (for library calls that signal failure by throwing). */
function attempt<T>(fn: () => T): T | undefined {
	try {
		return fn();
	} catch {
		return undefined;
	}
}

/**
 * Whether `bytes` is the whole of what `text` says in Base64: Node's decoder skips what is not
 * Base64 and stops at misplaced padding, so anything but well-formed Base64 decodes to fewer bytes
 * than its length promises. (A pattern over the text costs as much as the AES call on an answer.)
 */
const isWholeBase64 = (text: string, bytes: Buffer) =>
	text.length > 0 && text.length % 4 === 0 && bytes.length === (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);

/**
 * AES-128-CBC and CheckMacValue for one merchant. Key material is turned into buffers once;
 * the secrets are kept out of enumerable properties so they never end up in logs or JSON.
 */
export class Codec {
	readonly #key: KeyObject;
	readonly #iv: Buffer;
	/** lower(urlEncode(HashKey)) and lower(urlEncode(HashIV)): URL encoding works character by
	 * character, so the CheckMacValue text is these around lower(urlEncode(json)). */
	readonly #macPrefix: string;
	readonly #macSuffix: string;

	constructor(keys: MerchantKeys) {
		const problem = keysProblem(keys);
		if (problem) throw new CryptoError('keys', problem);
		this.#key = createSecretKey(Buffer.from(keys.hashKey, 'latin1'));
		this.#iv = Buffer.from(keys.hashIV, 'latin1');
		this.#macPrefix = urlEncode(keys.hashKey).toLowerCase();
		this.#macSuffix = urlEncode(keys.hashIV).toLowerCase();
	}

	/** JSON text → URL-encode → AES-128-CBC/PKCS7 → Base64 (the `Data` field). */
	seal(json: string): string {
		return this.#encrypt(urlEncode(json));
	}

	/** Data and CheckMacValue of one JSON text, URL-encoding it once for both. */
	sign(json: string): { data: string; checkMacValue: string } {
		const encoded = urlEncode(json);
		return { data: this.#encrypt(encoded), checkMacValue: this.#mac(encoded) };
	}

	#encrypt(encoded: string): string {
		const cipher = createCipheriv('aes-128-cbc', this.#key, this.#iv);
		return Buffer.concat([cipher.update(encoded, 'utf8'), cipher.final()]).toString('base64');
	}

	/** The inverse of seal; each way it can fail is a distinct CryptoError. */
	open(data: string): string {
		const result = this.tryOpen(data);
		if (result instanceof CryptoError) throw result;
		return result;
	}

	/** Like open, but returns the CryptoError instead of throwing it. */
	tryOpen(data: string): string | CryptoError {
		const bytes = Buffer.from(data, 'base64');
		if (!isWholeBase64(data, bytes)) return new CryptoError('base64', 'Data is not valid Base64');
		if (bytes.length % 16 !== 0) {
			return new CryptoError('decrypt', 'Data is not a whole number of AES blocks');
		}
		const encoded = attempt(() => {
			const decipher = createDecipheriv('aes-128-cbc', this.#key, this.#iv);
			return Buffer.concat([decipher.update(bytes), decipher.final()]).toString('utf8');
		});
		if (encoded === undefined) {
			return new CryptoError('decrypt', 'Data could not be decrypted with this HashKey/HashIV (bad padding)');
		}
		const json = attempt(() => urlDecode(encoded));
		return json ?? new CryptoError('urlDecode', 'Decrypted Data is not valid URL-encoded text');
	}

	/**
	 * Opens Data and checks a received CheckMacValue against our own RFC 3986 encoding of the
	 * decrypted JSON (PROTOCOL.md §4), never against the encoding as it arrived.
	 */
	openAndVerify(data: string, received: string): { json: string; verified: boolean } | CryptoError {
		const json = this.tryOpen(data);
		return json instanceof CryptoError ? json : { json, verified: this.verify(json, received) };
	}

	/** UPPER(hex(SHA256(lower(urlEncode(HashKey + json + HashIV))))) — PROTOCOL.md §4. */
	checkMacValue(json: string): string {
		return this.#mac(urlEncode(json));
	}

	#mac(encodedJson: string): string {
		return hash('sha256', this.#macPrefix + encodedJson.toLowerCase() + this.#macSuffix, 'hex').toUpperCase();
	}

	/** Constant-time comparison of a received CheckMacValue with the one computed over `json`. */
	verify(json: string, received: string): boolean {
		return this.#matches(this.checkMacValue(json), received);
	}

	#matches(expected: string, received: string): boolean {
		// Compared byte for byte in constant time: only our own upper-case hex can match (a
		// non-ASCII look-alike takes more than one byte, so the lengths already differ).
		if (typeof received !== 'string') return false;
		const given = Buffer.from(received.toUpperCase(), 'utf8');
		return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected, 'utf8'));
	}

	toJSON(): string {
		return '[Codec]';
	}
}

import { Codec, CryptoError } from './crypto';

function parseJson(text: string): { value: unknown } | undefined {
	try {
		return { value: JSON.parse(text) };
	} catch {
		return undefined;
	}
}

/** What a merchant sends to ECPay, and what ECPay's notifications look like (PROTOCOL.md §2). */
export interface RequestEnvelope {
	PlatformID: string | null;
	MerchantID: string;
	RqHeader: { Timestamp: number };
	Data: string;
	CheckMacValue: string;
}

/** What ECPay answers. */
export interface ResponseEnvelope {
	PlatformID: string | null;
	MerchantID: string;
	RpHeader: { Timestamp: number };
	TransCode: number;
	TransMsg: string;
	Data: string;
	CheckMacValue: string;
}

export type BusinessData = Record<string, unknown>;

export interface Sender {
	merchantId: string;
	platformId?: string | null;
}

export type EnvelopeCheck =
	| 'shape'
	| 'transCode'
	| 'base64'
	| 'decrypt'
	| 'urlDecode'
	| 'checkMacValue'
	| 'json';

/** One failed check while opening an envelope; `check` says which. Never carries key material. */
export class EnvelopeError extends Error {
	constructor(
		readonly check: EnvelopeCheck,
		message: string,
	) {
		super(message);
		this.name = 'EnvelopeError';
	}
}

export interface Opened<E> {
	envelope: E;
	/** The decrypted JSON text exactly as it was hashed. */
	json: string;
	data: BusinessData;
}

const unixNow = () => Math.floor(Date.now() / 1000);

export function sealRequest(
	codec: Codec,
	sender: Sender,
	data: BusinessData,
	timestamp = unixNow(),
): RequestEnvelope {
	const { data: sealed, checkMacValue } = codec.sign(JSON.stringify(data));
	return {
		PlatformID: sender.platformId || null,
		MerchantID: sender.merchantId,
		RqHeader: { Timestamp: timestamp },
		Data: sealed,
		CheckMacValue: checkMacValue,
	};
}

export function sealResponse(
	codec: Codec,
	sender: Sender,
	data: BusinessData,
	timestamp = unixNow(),
): ResponseEnvelope {
	const { data: sealed, checkMacValue } = codec.sign(JSON.stringify(data));
	return {
		PlatformID: sender.platformId || null,
		MerchantID: sender.merchantId,
		RpHeader: { Timestamp: timestamp },
		TransCode: 1,
		TransMsg: '',
		Data: sealed,
		CheckMacValue: checkMacValue,
	};
}

/** A response refused at the envelope level: no Data, TransCode ≠ 1 (PROTOCOL.md §2). */
export function refusedResponse(
	sender: Sender,
	transCode: number,
	transMsg: string,
	timestamp = unixNow(),
): ResponseEnvelope {
	return {
		PlatformID: sender.platformId || null,
		MerchantID: sender.merchantId,
		RpHeader: { Timestamp: timestamp },
		TransCode: transCode,
		TransMsg: transMsg,
		Data: '',
		CheckMacValue: '',
	};
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function parseBody(body: unknown): Record<string, unknown> {
	let value = body;
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		const text = body.toString();
		if (text.trim() === '') throw new EnvelopeError('shape', 'The body is empty');
		const parsed = parseJson(text);
		if (!parsed) throw new EnvelopeError('shape', 'The body is not JSON');
		value = parsed.value;
	}
	if (!isObject(value)) throw new EnvelopeError('shape', 'The body is not a JSON object');
	return value;
}

function requireString(envelope: Record<string, unknown>, field: string): void {
	if (typeof envelope[field] !== 'string') {
		throw new EnvelopeError('shape', `The envelope has no ${field} string`);
	}
}

function requireTimestamp(envelope: Record<string, unknown>, header: string): void {
	const h = envelope[header];
	if (!isObject(h) || typeof h.Timestamp !== 'number' || !Number.isInteger(h.Timestamp)) {
		throw new EnvelopeError('shape', `The envelope has no ${header}.Timestamp number`);
	}
}

/** The fields every signed envelope ECPay sends or takes carries, checked before any key is chosen. */
function readSigned(envelope: Record<string, unknown>, header: string): RequestEnvelope {
	requireString(envelope, 'MerchantID');
	requireTimestamp(envelope, header);
	requireString(envelope, 'Data');
	requireString(envelope, 'CheckMacValue');
	const platform = envelope.PlatformID;
	if (platform !== undefined && platform !== null && typeof platform !== 'string') {
		throw new EnvelopeError('shape', 'PlatformID must be a string or null');
	}
	return envelope as unknown as RequestEnvelope;
}

/** Shape check of a request envelope, before any key is chosen. */
export function readRequestEnvelope(body: unknown): RequestEnvelope {
	return readSigned(parseBody(body), 'RqHeader');
}

/**
 * Shape check of a notification envelope from ECPay, read leniently where the facts are inferred
 * (EVIDENCE.md): shaped like a request (RqHeader) or like a response (RpHeader, TransCode 1,
 * TransMsg); a TransCode other than 1 is not a notification.
 */
export function readNotificationEnvelope(body: unknown): RequestEnvelope {
	const envelope = parseBody(body);
	const read = readSigned(envelope, isObject(envelope.RqHeader) || !isObject(envelope.RpHeader) ? 'RqHeader' : 'RpHeader');
	if (envelope.TransCode !== undefined && envelope.TransCode !== 1) {
		throw new EnvelopeError('transCode', `The notification carries TransCode ${String(envelope.TransCode)}, not 1`);
	}
	return read;
}

/** Shape and TransCode check of a response envelope. */
export function readResponseEnvelope(body: unknown): ResponseEnvelope {
	const envelope = parseBody(body);
	if (typeof envelope.TransCode !== 'number') {
		throw new EnvelopeError('shape', 'The response has no TransCode number');
	}
	if (envelope.TransCode !== 1) {
		const msg = typeof envelope.TransMsg === 'string' && envelope.TransMsg ? envelope.TransMsg : 'no TransMsg';
		throw new EnvelopeError(
			'transCode',
			`ECPay refused the request envelope (TransCode ${envelope.TransCode}: ${msg})`,
		);
	}
	requireString(envelope, 'Data');
	requireString(envelope, 'CheckMacValue');
	return envelope as unknown as ResponseEnvelope;
}

/** Decrypt, verify CheckMacValue over the decrypted text in constant time, then parse. */
export function openData(codec: Codec, data: string, checkMacValue: string): Omit<Opened<never>, 'envelope'> {
	const opened = codec.openAndVerify(data, checkMacValue);
	if (opened instanceof CryptoError) {
		throw new EnvelopeError(opened.failure === 'keys' ? 'decrypt' : opened.failure, opened.message);
	}
	const { json } = opened;
	if (!opened.verified) {
		throw new EnvelopeError(
			'checkMacValue',
			'CheckMacValue does not match the decrypted Data (wrong HashKey/HashIV or tampered message)',
		);
	}
	const parsed = parseJson(json)?.value;
	if (parsed === undefined) throw new EnvelopeError('json', 'The decrypted Data is not JSON');
	if (!isObject(parsed)) throw new EnvelopeError('json', 'The decrypted Data is not a JSON object');
	return { json, data: parsed };
}

export function openResponse(codec: Codec, body: unknown): Opened<ResponseEnvelope> {
	const envelope = readResponseEnvelope(body);
	return { envelope, ...openData(codec, envelope.Data, envelope.CheckMacValue) };
}

export function openRequest(codec: Codec, body: unknown): Opened<RequestEnvelope> {
	const envelope = readRequestEnvelope(body);
	return { envelope, ...openData(codec, envelope.Data, envelope.CheckMacValue) };
}

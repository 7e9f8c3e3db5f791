import { createCipheriv } from 'node:crypto';

import { Codec, CryptoError, keysProblem } from '../../protocol/crypto';
import {
	EnvelopeError,
	openData,
	openRequest,
	openResponse,
	readRequestEnvelope,
	readResponseEnvelope,
	refusedResponse,
	sealRequest,
	sealResponse,
	type EnvelopeCheck,
} from '../../protocol/envelope';
import vectors from './fixtures/vectors.json';

/** PROTOCOL.md §2: the request/notification and response envelopes, and every way opening one fails. */

const secrets = { hashKey: vectors.hashKey, hashIV: vectors.hashIV };
const codec = new Codec(secrets);
const merchant = { merchantId: vectors.merchantID };
const TIMESTAMP = 1_764_000_000;
const business = { MerchantID: vectors.merchantID, MerchantTradeNo: 'CX202202221540568521', Note: '測試 ~!*\'()+%/' };

/** Runs `action`, asserts it throws `ErrorClass`, and returns the error for further checks. */
function caught<E extends Error>(ErrorClass: new (...args: never[]) => E, action: () => unknown): E {
	let thrown: unknown;
	try {
		action();
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(ErrorClass);
	return thrown as E;
}

function expectEnvelopeError(action: () => unknown, check: EnvelopeCheck): EnvelopeError {
	const error = caught(EnvelopeError, action);
	expect(error.name).toBe('EnvelopeError');
	expect(error.check).toBe(check);
	return error;
}

/** Raw AES-128-CBC/PKCS7 of arbitrary text, without URL-encoding: for Data the Codec would never produce. */
function encryptRaw(text: string): string {
	const cipher = createCipheriv('aes-128-cbc', Buffer.from(secrets.hashKey), Buffer.from(secrets.hashIV));
	return Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]).toString('base64');
}

/** A request envelope whose Data is the sealed `json` text and CheckMacValue is over that text. */
function requestWith(json: string): Record<string, unknown> {
	return {
		PlatformID: null,
		MerchantID: vectors.merchantID,
		RqHeader: { Timestamp: TIMESTAMP },
		Data: codec.seal(json),
		CheckMacValue: codec.checkMacValue(json),
	};
}

const validRequest = () => ({ ...sealRequest(codec, merchant, business, TIMESTAMP) }) as Record<string, unknown>;
const validResponse = () =>
	({ ...sealResponse(codec, merchant, { RtnCode: 1, RtnMsg: '成功' }, TIMESTAMP) }) as Record<string, unknown>;

describe('sealRequest', () => {
	it('builds the request envelope of an ordinary merchant: PlatformID null, MerchantID, RqHeader.Timestamp', () => {
		const envelope = sealRequest(codec, merchant, business, TIMESTAMP);
		expect(Object.keys(envelope).sort()).toEqual(['CheckMacValue', 'Data', 'MerchantID', 'PlatformID', 'RqHeader']);
		expect(envelope.PlatformID).toBeNull();
		expect(envelope.MerchantID).toBe(vectors.merchantID);
		expect(envelope.RqHeader).toEqual({ Timestamp: TIMESTAMP });
		expect(envelope.Data).toBe(codec.seal(JSON.stringify(business)));
		expect(envelope.CheckMacValue).toBe(codec.checkMacValue(JSON.stringify(business)));
	});

	it('treats an empty platform id like none (null)', () => {
		expect(sealRequest(codec, { ...merchant, platformId: '' }, business, TIMESTAMP).PlatformID).toBeNull();
		expect(sealRequest(codec, { ...merchant, platformId: null }, business, TIMESTAMP).PlatformID).toBeNull();
	});

	it('sends the platform id of a platform merchant', () => {
		const envelope = sealRequest(codec, { merchantId: '2000132', platformId: '3002599' }, business, TIMESTAMP);
		expect(envelope.PlatformID).toBe('3002599');
		expect(envelope.MerchantID).toBe('2000132');
	});

	it('stamps the current Unix time in whole seconds when no timestamp is given', () => {
		const before = Math.floor(Date.now() / 1000);
		const envelope = sealRequest(codec, merchant, business);
		const after = Math.floor(Date.now() / 1000);
		expect(Number.isInteger(envelope.RqHeader.Timestamp)).toBe(true);
		expect(envelope.RqHeader.Timestamp).toBeGreaterThanOrEqual(before);
		expect(envelope.RqHeader.Timestamp).toBeLessThanOrEqual(after);
	});

	it.each(vectors.cases.map((c) => [c.name, c] as const))(
		'reproduces the Data and CheckMacValue of vector "%s" from its parsed object',
		(_name, c) => {
			const envelope = sealRequest(codec, merchant, JSON.parse(c.plaintext), TIMESTAMP);
			expect(envelope.Data).toBe(c.data);
			expect(envelope.CheckMacValue).toBe(c.checkMacValue);
		},
	);

	it('opens with openRequest: envelope, exact JSON text and data', () => {
		const envelope = sealRequest(codec, merchant, business, TIMESTAMP);
		const opened = openRequest(codec, envelope);
		expect(opened.envelope).toEqual(envelope);
		expect(opened.json).toBe(JSON.stringify(business));
		expect(opened.data).toEqual(business);
	});

	it('opens from the raw body as a JSON string and as a Buffer', () => {
		const text = JSON.stringify(sealRequest(codec, merchant, business, TIMESTAMP));
		expect(openRequest(codec, text).data).toEqual(business);
		expect(openRequest(codec, Buffer.from(text)).data).toEqual(business);
	});
});

describe('sealResponse / openResponse', () => {
	it('builds a response envelope with TransCode 1 and RpHeader.Timestamp', () => {
		const envelope = sealResponse(codec, merchant, { RtnCode: 1, RtnMsg: '成功' }, TIMESTAMP);
		expect(envelope.PlatformID).toBeNull();
		expect(envelope.MerchantID).toBe(vectors.merchantID);
		expect(envelope.RpHeader).toEqual({ Timestamp: TIMESTAMP });
		expect(envelope.TransCode).toBe(1);
		expect(envelope.TransMsg).toBe('');
	});

	it('round-trips the business data through openResponse', () => {
		const data = { RtnCode: 1, RtnMsg: '成功', TicketData: [{ ItemNo: 'BR103218', TicketAmount: 3 }] };
		const envelope = sealResponse(codec, { merchantId: '2000132', platformId: '3002599' }, data, TIMESTAMP);
		const opened = openResponse(codec, JSON.stringify(envelope));
		expect(opened.envelope.PlatformID).toBe('3002599');
		expect(opened.json).toBe(JSON.stringify(data));
		expect(opened.data).toEqual(data);
	});

	it('the callback acknowledgement vector is what sealResponse puts in Data', () => {
		const ack = vectors.cases.find((c) => c.name === 'derived: callback acknowledgement');
		expect(ack).toBeDefined();
		const envelope = sealResponse(codec, merchant, { RtnCode: 1, RtnMsg: '成功' }, TIMESTAMP);
		expect(envelope.Data).toBe(ack?.data);
		expect(envelope.CheckMacValue).toBe(ack?.checkMacValue);
	});

	it('refusedResponse carries the TransCode and TransMsg with empty Data', () => {
		const refused = refusedResponse(merchant, 9, 'Timestamp expired', TIMESTAMP);
		expect(refused).toEqual({
			PlatformID: null,
			MerchantID: vectors.merchantID,
			RpHeader: { Timestamp: TIMESTAMP },
			TransCode: 9,
			TransMsg: 'Timestamp expired',
			Data: '',
			CheckMacValue: '',
		});
	});
});

describe('failures of the envelope shape (check "shape")', () => {
	it('an empty body (string, blank string, empty Buffer)', () => {
		expectEnvelopeError(() => openRequest(codec, ''), 'shape');
		expectEnvelopeError(() => openRequest(codec, '  \n'), 'shape');
		expectEnvelopeError(() => openResponse(codec, Buffer.alloc(0)), 'shape');
	});

	it('a string body that is not JSON', () => {
		const error = expectEnvelopeError(() => openRequest(codec, '1|OK'), 'shape');
		expect(error.message).toMatch(/not JSON/);
	});

	it('a JSON array body, a JSON string body and a null body', () => {
		expectEnvelopeError(() => openRequest(codec, '[]'), 'shape');
		expectEnvelopeError(() => openRequest(codec, [validRequest()]), 'shape');
		expectEnvelopeError(() => openResponse(codec, '"text"'), 'shape');
		expectEnvelopeError(() => openRequest(codec, null), 'shape');
		expectEnvelopeError(() => openRequest(codec, undefined), 'shape');
	});

	it.each(['Data', 'CheckMacValue', 'MerchantID'])('a request without %s', (field) => {
		const envelope = validRequest();
		delete envelope[field];
		const error = expectEnvelopeError(() => openRequest(codec, envelope), 'shape');
		expect(error.message).toContain(field);
	});

	it('a request whose Data is not a string', () => {
		expectEnvelopeError(() => openRequest(codec, { ...validRequest(), Data: 42 }), 'shape');
	});

	it.each([
		['no RqHeader', undefined],
		['an RqHeader without Timestamp', {}],
		['a Timestamp given as a string', { Timestamp: String(TIMESTAMP) }],
		['a fractional Timestamp', { Timestamp: TIMESTAMP + 0.5 }],
	])('a request with %s', (_label, header) => {
		const envelope = { ...validRequest(), RqHeader: header };
		const error = expectEnvelopeError(() => openRequest(codec, envelope), 'shape');
		expect(error.message).toContain('RqHeader.Timestamp');
	});

	it('a request whose PlatformID is neither a string nor null', () => {
		expectEnvelopeError(() => readRequestEnvelope({ ...validRequest(), PlatformID: 3002599 }), 'shape');
		expect(readRequestEnvelope({ ...validRequest(), PlatformID: '3002599' }).PlatformID).toBe('3002599');
	});

	it.each(['Data', 'CheckMacValue', 'TransCode'])('a response without %s', (field) => {
		const envelope = validResponse();
		delete envelope[field];
		expectEnvelopeError(() => openResponse(codec, envelope), 'shape');
	});

	it('a response whose TransCode is the string "1"', () => {
		expectEnvelopeError(() => readResponseEnvelope({ ...validResponse(), TransCode: '1' }), 'shape');
	});
});

describe('a response refused at the envelope level (check "transCode")', () => {
	it('TransCode ≠ 1: the message names the TransCode and the TransMsg', () => {
		const body = JSON.stringify(refusedResponse(merchant, 10200073, 'CheckMacValue Error', TIMESTAMP));
		const error = expectEnvelopeError(() => openResponse(codec, body), 'transCode');
		expect(error.message).toContain('10200073');
		expect(error.message).toContain('CheckMacValue Error');
	});

	it('TransCode ≠ 1 without a TransMsg still names the TransCode', () => {
		const error = expectEnvelopeError(
			() => readResponseEnvelope({ ...refusedResponse(merchant, 0, '', TIMESTAMP) }),
			'transCode',
		);
		expect(error.message).toContain('TransCode 0');
	});

	it('TransCode is checked before Data, so a refusal with Data "" is not a shape error', () => {
		const refused = { ...refusedResponse(merchant, 2, 'Timeout', TIMESTAMP) } as Record<string, unknown>;
		delete refused.Data;
		delete refused.CheckMacValue;
		expectEnvelopeError(() => openResponse(codec, refused), 'transCode');
	});
});

describe('failures of Data (checks "base64", "decrypt", "urlDecode")', () => {
	it.each([
		['characters outside Base64', '@@@@'],
		['a missing padding character', 'oxmUqzelA4koGRQ+myZggW5qNqlVdytGJadngOuWA7jd1Fakpay72J/w5IXLIINqCYcmx7gLsaednuH54LjffA='],
		['whitespace inside', 'oxmUqzel A4koGRQ+'],
		['an empty string', ''],
	])('Data with %s is rejected as bad Base64', (_label, data) => {
		const envelope = { ...validRequest(), Data: data };
		expectEnvelopeError(() => openRequest(codec, envelope), 'base64');
	});

	it('Data whose ciphertext is not a whole number of 16-byte blocks', () => {
		const fifteenBytes = Buffer.alloc(15, 7).toString('base64');
		const thirtyThree = Buffer.concat([Buffer.from(vectors.cases[0].data, 'base64'), Buffer.alloc(1)]).toString('base64');
		expectEnvelopeError(() => openRequest(codec, { ...validRequest(), Data: fifteenBytes }), 'decrypt');
		const error = expectEnvelopeError(() => openRequest(codec, { ...validRequest(), Data: thirtyThree }), 'decrypt');
		expect(error.message).toMatch(/block/);
	});

	it('Data encrypted with another HashKey fails to decrypt (bad padding)', () => {
		const other = new Codec({ hashKey: 'ABCDEFGHIJKLMNOP', hashIV: secrets.hashIV });
		const envelope = sealRequest(other, merchant, business, TIMESTAMP);
		const error = expectEnvelopeError(() => openRequest(codec, envelope), 'decrypt');
		expect(error.message).toMatch(/HashKey\/HashIV/);
	});

	it('Data encrypted with another HashIV decrypts to other text and fails the CheckMacValue', () => {
		// CBC: a different IV only changes the first block. Flipping '7' → '5' at index 1 of the IV turns
		// the leading "%7B" ({) of the encoded plaintext into "%5B" ([), so padding and URL-decoding pass.
		const iv = secrets.hashIV;
		expect(iv[1]).toBe('7');
		const other = new Codec({ hashKey: secrets.hashKey, hashIV: iv[0] + '5' + iv.slice(2) });
		const c = vectors.cases[0];
		expect(other.open(c.data)).toBe('[' + c.plaintext.slice(1));
		expectEnvelopeError(() => openData(other, c.data, c.checkMacValue), 'checkMacValue');
	});

	it('Data that decrypts to text that is not valid URL encoding (a cut UTF-8 sequence)', () => {
		const envelope = { ...validRequest(), Data: encryptRaw('%7B%22a%22%3A%22%E6%B8%22%7D') };
		expectEnvelopeError(() => openRequest(codec, envelope), 'urlDecode');
	});

	it('Data that decrypts to text with a malformed percent escape', () => {
		const envelope = { ...validRequest(), Data: encryptRaw('%7B%22a%22%3A1%ZZ') };
		expectEnvelopeError(() => openRequest(codec, envelope), 'urlDecode');
	});
});

describe('failures of the CheckMacValue and of the decrypted JSON', () => {
	it('a tampered CheckMacValue (one hex digit changed)', () => {
		const envelope = validRequest();
		const mac = String(envelope.CheckMacValue);
		envelope.CheckMacValue = (mac[0] === 'F' ? 'E' : 'F') + mac.slice(1);
		const error = expectEnvelopeError(() => openRequest(codec, envelope), 'checkMacValue');
		expect(error.message).toMatch(/CheckMacValue/);
	});

	it('a CheckMacValue of another message', () => {
		const [a, b] = vectors.cases;
		expectEnvelopeError(() => openData(codec, a.data, b.checkMacValue), 'checkMacValue');
	});

	it('a CheckMacValue computed with another HashKey over the right plaintext', () => {
		const other = new Codec({ hashKey: 'ABCDEFGHIJKLMNOP', hashIV: secrets.hashIV });
		const json = JSON.stringify(business);
		const envelope = { ...requestWith(json), CheckMacValue: other.checkMacValue(json) };
		expectEnvelopeError(() => openRequest(codec, envelope), 'checkMacValue');
	});

	it('an empty CheckMacValue', () => {
		expectEnvelopeError(() => openRequest(codec, { ...validRequest(), CheckMacValue: '' }), 'checkMacValue');
	});

	it('accepts the right CheckMacValue in lower case (hex digits compared case-insensitively)', () => {
		const envelope = validRequest();
		envelope.CheckMacValue = String(envelope.CheckMacValue).toLowerCase();
		expect(openRequest(codec, envelope).data).toEqual(business);
	});

	it('Data that decrypts to text that is not JSON', () => {
		const error = expectEnvelopeError(() => openRequest(codec, requestWith('RtnCode=1&RtnMsg=OK')), 'json');
		expect(error.message).toMatch(/not JSON/);
	});

	it('Data that decrypts to a JSON array, string or null', () => {
		for (const json of ['[{"RtnCode":1}]', '"ok"', 'null', '1']) {
			const error = expectEnvelopeError(() => openRequest(codec, requestWith(json)), 'json');
			expect(error.message).toMatch(/not a JSON object/);
		}
	});

	it('the CheckMacValue is checked before the JSON: tampered non-JSON Data is a checkMacValue failure', () => {
		const envelope = { ...requestWith('not json'), CheckMacValue: codec.checkMacValue('other') };
		expectEnvelopeError(() => openRequest(codec, envelope), 'checkMacValue');
	});
});

describe('Codec keys', () => {
	it.each([
		['15 characters', { ...secrets, hashKey: secrets.hashKey.slice(1) }],
		['17 characters', { ...secrets, hashIV: secrets.hashIV + 'x' }],
		['16 non-ASCII characters', { ...secrets, hashKey: '測'.repeat(16) }],
		['a space (only printable ASCII other than space)', { ...secrets, hashKey: ' ' + secrets.hashKey.slice(1) }],
		['an empty HashIV', { ...secrets, hashIV: '' }],
		['a missing HashKey', { hashIV: secrets.hashIV } as unknown as typeof secrets],
	])('rejects a key with %s (CryptoError "keys")', (_label, keys) => {
		const error = caught(CryptoError, () => new Codec(keys));
		expect(error.failure).toBe('keys');
		expect(error.name).toBe('CryptoError');
		for (const secret of [keys.hashKey, keys.hashIV]) {
			if (secret) expect(error.message).not.toContain(secret);
		}
	});

	it('keysProblem names the offending key without showing it, and is undefined for good keys', () => {
		expect(keysProblem(secrets)).toBeUndefined();
		const problem = keysProblem({ ...secrets, hashIV: secrets.hashIV.slice(0, 15) });
		expect(problem).toMatch(/^HashIV /);
		expect(problem).not.toContain(secrets.hashIV.slice(0, 15));
	});

	it('tryOpen returns the CryptoError instead of throwing, and the text on success', () => {
		const c = vectors.cases[0];
		expect(codec.tryOpen(c.data)).toBe(c.plaintext);
		for (const [data, failure] of [
			['@@@@', 'base64'],
			[Buffer.alloc(15).toString('base64'), 'decrypt'],
			[encryptRaw('%E6%B8'), 'urlDecode'],
		] as const) {
			const result = codec.tryOpen(data);
			expect(result).toBeInstanceOf(CryptoError);
			expect(result instanceof CryptoError && result.failure).toBe(failure);
			expect(() => codec.open(data)).toThrow(CryptoError);
		}
	});

	it('accepts any 16 printable ASCII characters', () => {
		expect(() => new Codec({ hashKey: '!~%+/=AZaz09"\\{}', hashIV: 'abcdefghijklmnop' })).not.toThrow();
	});
});

describe('key material never leaks', () => {
	it('JSON.stringify, String and Object.keys of a Codec hold neither HashKey nor HashIV', () => {
		const shown = [JSON.stringify(codec), String(codec), JSON.stringify({ codec }), Object.keys(codec).join(','), JSON.stringify(Object.entries(codec))];
		for (const text of shown) {
			expect(text).not.toContain(secrets.hashKey);
			expect(text).not.toContain(secrets.hashIV);
		}
	});

	it('no error of any failing open — every check, wrong keys included — shows HashKey or HashIV', () => {
		const other = new Codec({ hashKey: 'ABCDEFGHIJKLMNOP', hashIV: secrets.hashIV });
		const c = vectors.cases[0];
		const failing: Array<[EnvelopeCheck, () => unknown]> = [
			['shape', () => openRequest(codec, '')],
			['shape', () => openRequest(codec, '{')],
			['shape', () => openRequest(codec, '[]')],
			['shape', () => openRequest(codec, { ...validRequest(), RqHeader: {} })],
			['transCode', () => openResponse(codec, refusedResponse(merchant, 5, 'Refused', TIMESTAMP))],
			['base64', () => openRequest(codec, { ...validRequest(), Data: '@@@@' })],
			['decrypt', () => openRequest(codec, { ...validRequest(), Data: Buffer.alloc(15).toString('base64') })],
			['decrypt', () => openData(other, c.data, c.checkMacValue)],
			['urlDecode', () => openRequest(codec, { ...validRequest(), Data: encryptRaw('%E6%B8') })],
			['checkMacValue', () => openData(codec, c.data, other.checkMacValue(c.plaintext))],
			['json', () => openRequest(codec, requestWith('[1]'))],
			['json', () => openRequest(codec, requestWith('not json'))],
		];
		for (const [check, action] of failing) {
			const error = expectEnvelopeError(action, check);
			for (const text of [error.message, String(error), JSON.stringify(error), String(error.stack)]) {
				expect(text).not.toContain(secrets.hashKey);
				expect(text).not.toContain(secrets.hashIV);
			}
		}
	});
});

describe('verify() accepts only the 64 hex digits of a CheckMacValue', () => {
	// Buffer.from(s, 'latin1') keeps only the low byte of each UTF-16 unit ('İ' U+0130 → '0'), so a
	// look-alike of the right value must be refused before any byte comparison.
	it('rejects a CheckMacValue in which a hex digit is replaced by a non-ASCII look-alike', () => {
		const json = JSON.stringify(business);
		const mac = codec.checkMacValue(json);
		const index = mac.search(/[0A]/);
		expect(index).toBeGreaterThanOrEqual(0);
		const forged = mac.slice(0, index) + (mac[index] === '0' ? '\u0130' : '\u0141') + mac.slice(index + 1);
		expect(forged).not.toBe(mac);
		expect(codec.verify(json, forged)).toBe(false);
	});
});

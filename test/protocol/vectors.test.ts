import { Codec, urlDecode, urlEncode } from '../../protocol/crypto';
import { openData } from '../../protocol/envelope';
import vectors from './fixtures/vectors.json';

/**
 * The official ECPay worked examples and the derived cases in vectors.json (a byte-for-byte copy
 * of shared/ecticket/vectors.json) — PROTOCOL.md §3, §4 and §10: every implementation must
 * reproduce all of them.
 */

interface VectorCase {
	name: string;
	source: string;
	plaintext: string;
	urlEncoded: string;
	data: string;
	checkMacValue: string;
}

const cases: VectorCase[] = vectors.cases;
const codec = new Codec({ hashKey: vectors.hashKey, hashIV: vectors.hashIV });

/** Changes one character of a hex digest or Base64 string to a different character of the same alphabet. */
function changeOneChar(text: string, index: number): string {
	const current = text[index];
	const replacement = current === 'A' ? 'B' : 'A';
	return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('vectors.json fixture', () => {
	it('contains both official ECPay examples (AES p=32235 and CheckMacValue p=29998)', () => {
		const sources = cases.map((c) => c.source);
		expect(sources).toContain('official-aes');
		expect(sources).toContain('official-cmv');
	});

	it('uses the official test merchant and its 16-character keys', () => {
		expect(vectors.merchantID).toBe('3085676');
		expect(vectors.hashKey).toHaveLength(16);
		expect(vectors.hashIV).toHaveLength(16);
	});

	it('has only complete cases with distinct names', () => {
		expect(cases.length).toBeGreaterThanOrEqual(2);
		for (const c of cases) {
			for (const field of ['plaintext', 'urlEncoded', 'data', 'checkMacValue'] as const) {
				expect(typeof c[field]).toBe('string');
				expect(c[field].length).toBeGreaterThan(0);
			}
		}
		expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
	});
});

describe.each(cases.map((c) => [c.name, c] as const))('vector "%s"', (_name, c) => {
	it('urlEncode(plaintext) equals urlEncoded (RFC 3986, upper-case hex)', () => {
		expect(urlEncode(c.plaintext)).toBe(c.urlEncoded);
	});

	it('urlDecode(urlEncoded) gives the plaintext back', () => {
		expect(urlDecode(c.urlEncoded)).toBe(c.plaintext);
	});

	it('Codec.seal(plaintext) equals data', () => {
		expect(codec.seal(c.plaintext)).toBe(c.data);
	});

	it('Codec.checkMacValue(plaintext) equals checkMacValue', () => {
		expect(codec.checkMacValue(c.plaintext)).toBe(c.checkMacValue);
	});

	it('Codec.open(data) equals plaintext', () => {
		expect(codec.open(c.data)).toBe(c.plaintext);
	});

	it('verify() accepts the official CheckMacValue', () => {
		expect(codec.verify(c.plaintext, c.checkMacValue)).toBe(true);
	});

	it('verify() rejects the CheckMacValue with one character changed (first, middle, last)', () => {
		const mac = c.checkMacValue;
		for (const index of [0, Math.floor(mac.length / 2), mac.length - 1]) {
			const changed = changeOneChar(mac, index);
			expect(changed).not.toBe(mac);
			expect(codec.verify(c.plaintext, changed)).toBe(false);
		}
	});

	it('verify() rejects the CheckMacValue when the plaintext changes by one character', () => {
		const plaintext = '[' + c.plaintext.slice(1);
		expect(plaintext).not.toBe(c.plaintext);
		expect(plaintext).toHaveLength(c.plaintext.length);
		expect(codec.verify(plaintext, c.checkMacValue)).toBe(false);
	});

	it('verify() rejects a truncated or extended CheckMacValue', () => {
		expect(codec.verify(c.plaintext, c.checkMacValue.slice(0, -1))).toBe(false);
		expect(codec.verify(c.plaintext, c.checkMacValue + '0')).toBe(false);
		expect(codec.verify(c.plaintext, '')).toBe(false);
	});

	it('openData(data, checkMacValue) returns the exact plaintext and the parsed object', () => {
		const opened = openData(codec, c.data, c.checkMacValue);
		expect(opened.json).toBe(c.plaintext);
		expect(opened.data).toEqual(JSON.parse(c.plaintext));
	});

	it('openData round trip: seal + checkMacValue of the plaintext opens to the same text', () => {
		const opened = openData(codec, codec.seal(c.plaintext), codec.checkMacValue(c.plaintext));
		expect(opened.json).toBe(c.plaintext);
	});
});

describe('URL encoder details (PROTOCOL.md §3 DECISION)', () => {
	it('escapes ! \' ( ) * and keeps ~ literal, space as %20, + as %2B', () => {
		expect(urlEncode("~!*'() +%/")).toBe('~%21%2A%27%28%29%20%2B%25%2F');
	});

	it('decodes + as a space and accepts lower-case or PHP-style escapes', () => {
		expect(urlDecode('a+b%7e%7E%2b')).toBe('a b~~+');
	});
});

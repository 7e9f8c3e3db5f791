import { createCipheriv, createHash } from 'node:crypto';
import { Codec } from '../../protocol/crypto';
import { openResponse, sealRequest, type BusinessData, type RequestEnvelope } from '../../protocol/envelope';
import { ENDPOINTS } from '../../protocol/rules/endpoints';
import { TRANS_CODES } from '../../simulator/rtnCodes';
import {
	codec,
	MERCHANT,
	MERCHANT_ID,
	orders,
	startTestSimulator,
	tradeNo,
	type TestSimulator,
} from './client';

let sim: TestSimulator;
beforeEach(async () => {
	sim = await startTestSimulator();
});
afterEach(() => sim.close());

const nowSeconds = () => Math.floor(sim.clock.ms / 1000);
const postEnvelope = async (envelope: unknown) => {
	const response = await sim.post(ENDPOINTS.issue, JSON.stringify(envelope));
	expect(response.status).toBe(200);
	return (await response.json()) as Record<string, unknown>;
};

/** A refusal: HTTP 200, TransCode ≠ 1, no Data, and nothing secret in TransMsg. */
function expectRefused(body: Record<string, unknown>, code: number, transMsg: RegExp) {
	expect(body).toMatchObject({ TransCode: code, Data: '', CheckMacValue: '', RpHeader: { Timestamp: nowSeconds() } });
	expect(body.TransMsg).toMatch(transMsg);
	expect(body.TransMsg).not.toContain(MERCHANT.hashKey);
	expect(body.TransMsg).not.toContain(MERCHANT.hashIV);
}

/** The order behind a refused envelope must be neither stored nor logged as business data. */
function expectNotReceived(no: string) {
	expect(sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' })).toBeUndefined();
	expect(sim.simulator.requests.some((r) => r.data?.MerchantTradeNo === no)).toBe(false);
}

describe('response envelopes', () => {
	it('are sealed with the merchant’s keys and verify with openResponse', async () => {
		const no = tradeNo();
		const body = await sim.send(ENDPOINTS.issue, orders.paper(no));
		expect(body).toMatchObject({ PlatformID: null, MerchantID: MERCHANT_ID, TransCode: 1, TransMsg: '', RpHeader: { Timestamp: nowSeconds() } });
		const opened = openResponse(codec, body);
		expect(opened.data).toMatchObject({ RtnCode: 1, MerchantTradeNo: no });
		expect(codec.checkMacValue(opened.json)).toBe(body.CheckMacValue);
	});

	it('are logged with the decrypted Data', async () => {
		const data = orders.paper();
		await sim.call(ENDPOINTS.issue, data);
		expect(sim.simulator.requests.at(-1)).toMatchObject({
			method: 'POST',
			path: ENDPOINTS.issue,
			httpStatus: 200,
			merchantId: MERCHANT_ID,
			transCode: 1,
			rtnCode: 1,
			encoder: 'rfc3986',
			data,
			time: new Date(sim.clock.ms).toISOString(),
		});
	});
});

describe('envelope refusals (TransCode)', () => {
	it('refuses an envelope sealed with the wrong HashKey', async () => {
		const wrong = new Codec({ hashKey: 'wrongkeywrongkey', hashIV: MERCHANT.hashIV });
		const no = 'WRONGKEY0001';
		const body = await sim.send(ENDPOINTS.issue, orders.paper(no), { codec: wrong });
		expectRefused(body as unknown as Record<string, unknown>, TRANS_CODES.decrypt.code, /decrypt/);
		expect(body.MerchantID).toBe(MERCHANT_ID);
		expectNotReceived(no);
		expect(sim.simulator.requests.at(-1)).toMatchObject({ merchantId: MERCHANT_ID, transCode: TRANS_CODES.decrypt.code });
	});

	it('refuses an envelope sealed with the wrong HashIV', async () => {
		const wrong = new Codec({ hashKey: MERCHANT.hashKey, hashIV: 'wrongivwrongivxx' });
		const no = 'WRONGIV0001';
		const body = await sim.send(ENDPOINTS.issue, orders.paper(no), { codec: wrong });
		expect(body.TransCode).not.toBe(1);
		expectNotReceived(no);
	});

	it('refuses an unknown MerchantID', async () => {
		const no = tradeNo();
		const body = await sim.send(ENDPOINTS.issue, orders.paper(no), { sender: { merchantId: '9999999' } });
		expectRefused(body as unknown as Record<string, unknown>, TRANS_CODES.unknownMerchant.code, /9999999/);
		expect(body.MerchantID).toBe('9999999');
		expectNotReceived(no);
	});

	it('refuses a tampered CheckMacValue', async () => {
		const no = tradeNo();
		const envelope = sealRequest(codec, { merchantId: MERCHANT_ID }, orders.paper(no), nowSeconds());
		const last = envelope.CheckMacValue.at(-1) === 'A' ? 'B' : 'A';
		envelope.CheckMacValue = envelope.CheckMacValue.slice(0, -1) + last;
		expectRefused(await postEnvelope(envelope), TRANS_CODES.checkMacValue.code, /CheckMacValue/);
		expectNotReceived(no);
	});

	it('refuses Data swapped from another message', async () => {
		const envelope = sealRequest(codec, { merchantId: MERCHANT_ID }, orders.paper(), nowSeconds());
		envelope.Data = codec.seal(JSON.stringify(orders.paper()));
		expectRefused(await postEnvelope(envelope), TRANS_CODES.checkMacValue.code, /CheckMacValue/);
	});

	it.each([
		['stale', -601, /601 s old/],
		['future', 601, /601 s in the future/],
	])('refuses a %s timestamp beyond the window', async (_case, offset, message) => {
		const no = tradeNo();
		const body = await sim.send(ENDPOINTS.issue, orders.paper(no), { timestamp: nowSeconds() + offset });
		expectRefused(body as unknown as Record<string, unknown>, TRANS_CODES.timestamp.code, message);
		expectNotReceived(no);
	});

	it('accepts a timestamp right at the edge of the window', async () => {
		await sim.call(ENDPOINTS.issue, orders.paper(), { timestamp: nowSeconds() - 600 });
		await sim.call(ENDPOINTS.issue, orders.paper(), { timestamp: nowSeconds() + 600 });
	});

	it('refuses a request that was valid when sent but arrives after the window', async () => {
		const no = tradeNo();
		const envelope = sealRequest(codec, { merchantId: MERCHANT_ID }, orders.paper(no), nowSeconds());
		sim.advance(601_000);
		expectRefused(await postEnvelope(envelope), TRANS_CODES.timestamp.code, /old/);
		expectNotReceived(no);
	});

	it.each([
		['a non-JSON body', 'MerchantID=3085676&Data=x', /not JSON/],
		['an empty body', '', /empty/],
		['a JSON array', '[1,2]', /not a JSON object/],
		['an envelope without Data', JSON.stringify({ MerchantID: MERCHANT_ID, RqHeader: { Timestamp: 1 }, CheckMacValue: 'x' }), /Data/],
		['a string Timestamp', JSON.stringify({ MerchantID: MERCHANT_ID, RqHeader: { Timestamp: '1' }, Data: 'x', CheckMacValue: 'x' }), /Timestamp/],
		['a numeric PlatformID', JSON.stringify({ PlatformID: 1, MerchantID: MERCHANT_ID, RqHeader: { Timestamp: 1 }, Data: 'x', CheckMacValue: 'x' }), /PlatformID/],
	])('refuses %s as a bad envelope', async (_case, body, message) => {
		const response = await sim.post(ENDPOINTS.issue, body);
		expect(response.status).toBe(200);
		expectRefused((await response.json()) as Record<string, unknown>, TRANS_CODES.shape.code, message);
	});

	it('refuses Data that is not Base64', async () => {
		const envelope = sealRequest(codec, { merchantId: MERCHANT_ID }, orders.paper(), nowSeconds());
		expectRefused(await postEnvelope({ ...envelope, Data: 'not base64!' }), TRANS_CODES.base64.code, /Base64/);
	});

	it('refuses decrypted Data that is not a JSON object', async () => {
		const text = 'MerchantTradeNo=123';
		const envelope: RequestEnvelope = {
			PlatformID: null,
			MerchantID: MERCHANT_ID,
			RqHeader: { Timestamp: nowSeconds() },
			Data: codec.seal(text),
			CheckMacValue: codec.checkMacValue(text),
		};
		expectRefused(await postEnvelope(envelope), TRANS_CODES.json.code, /not JSON/);
	});

	it('refuses a PlatformID from an ordinary merchant', async () => {
		const body = await sim.send(ENDPOINTS.issue, orders.paper(), { sender: { merchantId: MERCHANT_ID, platformId: '3002599' } });
		expectRefused(body as unknown as Record<string, unknown>, TRANS_CODES.platformMismatch.code, /not a platform merchant/);
		expect(body.PlatformID).toBe('3002599');
	});
});

describe('platform merchants', () => {
	it('accept their PlatformID, echo it, and refuse requests without it', async () => {
		const platform = await startTestSimulator({ merchants: [{ ...MERCHANT, platformId: '3002599' }] });
		try {
			const sender = { merchantId: MERCHANT_ID, platformId: '3002599' };
			const body = await platform.send(ENDPOINTS.issue, orders.paper(), { sender });
			expect(body).toMatchObject({ TransCode: 1, PlatformID: '3002599', MerchantID: MERCHANT_ID });
			expect(openResponse(codec, body).data.RtnCode).toBe(1);
			const without = await platform.send(ENDPOINTS.issue, orders.paper());
			expect(without.TransCode).toBe(TRANS_CODES.platformMismatch.code);
			expect(without.TransMsg).toContain('3002599');
		} finally {
			await platform.close();
		}
	});
});

/** What a client using another URL encoder sends: its own AES input and CheckMacValue. */
function sealWith(encode: (text: string) => string, data: BusinessData, timestamp: number): RequestEnvelope {
	const json = JSON.stringify(data);
	const cipher = createCipheriv('aes-128-cbc', Buffer.from(MERCHANT.hashKey), Buffer.from(MERCHANT.hashIV));
	const sealed = Buffer.concat([cipher.update(encode(json), 'utf8'), cipher.final()]).toString('base64');
	const mac = createHash('sha256')
		.update(encode(MERCHANT.hashKey + json + MERCHANT.hashIV).toLowerCase())
		.digest('hex')
		.toUpperCase();
	return { PlatformID: null, MerchantID: MERCHANT_ID, RqHeader: { Timestamp: timestamp }, Data: sealed, CheckMacValue: mac };
}

const php = (text: string) =>
	encodeURIComponent(text)
		.replace(/[!'()*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
		.replace(/%20/g, '+');

/** Spaces and ( ) make all three encoders disagree. */
const awkwardOrder = (no: string) => ({
	...orders.serialNumber(no),
	CustomerName: 'Angela Chan',
	TicketInfo: [{ ItemName: 'Tea(set)', TicketPrice: 100, TicketAmount: 1 }],
});

describe('lenient encoding', () => {
	it.each([
		['encodeURIComponent', encodeURIComponent],
		['phpUrlencode', php],
	])('is off by default: a %s CheckMacValue is refused', async (_name, encode) => {
		const no = tradeNo();
		const body = await postEnvelope(sealWith(encode, awkwardOrder(no), nowSeconds()));
		expect(body.TransCode).toBe(TRANS_CODES.checkMacValue.code);
		expectNotReceived(no);
	});

	it.each([
		['encodeURIComponent', encodeURIComponent],
		['phpUrlencode', php],
	])('accepts a %s CheckMacValue and logs which encoder matched', async (name, encode) => {
		const lenient = await startTestSimulator({ lenientEncoding: true });
		try {
			const no = tradeNo();
			const response = await lenient.post(ENDPOINTS.issue, JSON.stringify(sealWith(encode, awkwardOrder(no), nowSeconds())));
			const opened = openResponse(codec, await response.json());
			expect(opened.data).toMatchObject({ RtnCode: 1, MerchantTradeNo: no });
			expect(lenient.simulator.requests.at(-1)).toMatchObject({ encoder: name, data: { CustomerName: 'Angela Chan' } });
		} finally {
			await lenient.close();
		}
	});

	it('still logs rfc3986 for standard requests and refuses a plain wrong CheckMacValue', async () => {
		const lenient = await startTestSimulator({ lenientEncoding: true });
		try {
			await lenient.call(ENDPOINTS.issue, awkwardOrder(tradeNo()));
			expect(lenient.simulator.requests.at(-1)?.encoder).toBe('rfc3986');
			const envelope = sealWith(encodeURIComponent, awkwardOrder(tradeNo()), nowSeconds());
			envelope.CheckMacValue = '0'.repeat(64);
			const response = await lenient.post(ENDPOINTS.issue, JSON.stringify(envelope));
			expect(((await response.json()) as { TransCode: number }).TransCode).toBe(TRANS_CODES.checkMacValue.code);
		} finally {
			await lenient.close();
		}
	});
});

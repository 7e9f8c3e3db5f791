import { Codec } from '../../protocol/crypto';
import { openResponse, sealRequest, type BusinessData } from '../../protocol/envelope';
import { defaultConfig } from '../../simulator/config';
import { hostTrigger, type HostedTrigger } from '../harness/webhookHost';
import type { EcTicketCredentials } from '../../credentials/merchant';

const MERCHANT = defaultConfig().merchants[0];
const codec = new Codec({ hashKey: MERCHANT.hashKey, hashIV: MERCHANT.hashIV });
const credentials: EcTicketCredentials = {
	environment: 'stage',
	merchantId: MERCHANT.merchantId,
	hashKeySecret: MERCHANT.hashKey,
	hashIvSecret: MERCHANT.hashIV,
};

const useStatus: BusinessData = {
	MerchantID: MERCHANT.merchantId,
	MerchantTradeNo: 'SHOP20261125001',
	FreeTradeNo: '',
	TicketTradeNo: '2026112514300001',
	TicketNo: 'CB2SY20220302153',
	WriteOffNo: '202611250000012345',
	UseStatus: 2,
	WriteOffDate: '2026/11/25 14:31:00',
};
const refund: BusinessData = {
	MerchantID: MERCHANT.merchantId,
	MerchantTradeNo: 'SHOP20261125001',
	TicketTradeNo: '2026112514300001',
	TicketNo: 'CB2SY20220302153',
	RefundAmount: 680,
	RefundDate: '2026/11/26 10:00:00',
	Remark: '',
};

async function post(host: HostedTrigger, body: string | object, contentType = 'application/json') {
	const response = await fetch(host.url, {
		method: 'POST',
		headers: { 'content-type': contentType },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
}

let host: HostedTrigger;
afterEach(async () => host?.close());

describe('valid notifications start one execution each', () => {
	beforeEach(async () => {
		host = await hostTrigger({ credentials });
	});

	it('use-status: the decrypted fields, the kind, readable labels and a dedup key', async () => {
		const answer = await post(host, sealRequest(codec, { merchantId: MERCHANT.merchantId }, useStatus));
		expect(answer.status).toBe(200);
		expect(host.executions).toHaveLength(1);
		const [item] = host.executions[0];
		expect(item.json).toMatchObject({ ...useStatus, notification: 'useStatus', notifyUrl: 'default', UseStatusLabel: 'redeemed' });
		expect(item.json.dedupKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
	});

	it('refund: kind refund and its amount', async () => {
		const answer = await post(host, sealRequest(codec, { merchantId: MERCHANT.merchantId }, refund));
		expect(answer.status).toBe(200);
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0][0].json).toMatchObject({ ...refund, notification: 'refund', RefundDateIso: '2026-11-26T10:00:00+08:00' });
	});

	it('answers the encrypted RtnCode 1 envelope by default, verifiable with the merchant keys', async () => {
		const answer = await post(host, sealRequest(codec, { merchantId: MERCHANT.merchantId }, useStatus));
		expect(answer.type).toContain('application/json');
		const opened = openResponse(codec, answer.text);
		expect(opened.data).toEqual({ RtnCode: 1, RtnMsg: '成功' });
		expect(opened.envelope.MerchantID).toBe(MERCHANT.merchantId);
	});

	it('a resent notification (new envelope, new timestamp, same content) is acknowledged but starts nothing more', async () => {
		await post(host, sealRequest(codec, { merchantId: MERCHANT.merchantId }, useStatus, 1_700_000_000));
		await post(host, sealRequest(codec, { merchantId: MERCHANT.merchantId }, { ...useStatus }, 1_700_000_900));
		const reordered = Object.fromEntries(Object.entries(useStatus).reverse());
		const third = await post(host, sealRequest(codec, { merchantId: MERCHANT.merchantId }, reordered));
		expect(openResponse(codec, third.text).data.RtnCode).toBe(1);
		expect(host.executions).toHaveLength(1);
		const later = await post(host, sealRequest(codec, { merchantId: MERCHANT.merchantId }, { ...useStatus, WriteOffDate: '2026/11/27 09:00:00' }));
		expect(later.status).toBe(200);
		expect(host.executions).toHaveLength(2);
		expect(host.executions[1][0].json.dedupKey).not.toBe(host.executions[0][0].json.dedupKey);
	});
});

describe('options', () => {
	it('plain 1|OK acknowledgement when chosen', async () => {
		host = await hostTrigger({ credentials, parameters: { options: { acknowledgement: 'plain' } } });
		const answer = await post(host, sealRequest(codec, { merchantId: MERCHANT.merchantId }, refund));
		expect(answer).toMatchObject({ status: 200, text: '1|OK' });
		expect(answer.type).toContain('text/plain');
		expect(host.executions).toHaveLength(1);
	});

	it('a kind not selected is acknowledged but starts nothing', async () => {
		host = await hostTrigger({ credentials, parameters: { events: ['refund'] } });
		const skipped = await post(host, sealRequest(codec, { merchantId: MERCHANT.merchantId }, useStatus));
		expect(skipped.status).toBe(200);
		expect(openResponse(codec, skipped.text).data.RtnCode).toBe(1);
		expect(host.executions).toHaveLength(0);
		await post(host, sealRequest(codec, { merchantId: MERCHANT.merchantId }, refund));
		expect(host.executions).toHaveLength(1);
	});
});

describe('forged or broken calls get a 4xx and start no execution', () => {
	beforeEach(async () => {
		host = await hostTrigger({ credentials });
	});
	const valid = () => sealRequest(codec, { merchantId: MERCHANT.merchantId }, useStatus);
	const wrongKeyCodec = new Codec({ hashKey: [...MERCHANT.hashKey].reverse().join(''), hashIV: MERCHANT.hashIV });

	const cases: Array<[string, () => string | object, number, RegExp]> = [
		['wrong CheckMacValue', () => ({ ...valid(), CheckMacValue: 'A'.repeat(64) }), 401, /CheckMacValue/],
		['CheckMacValue of other data', () => ({ ...valid(), CheckMacValue: codec.checkMacValue('{}') }), 401, /CheckMacValue/],
		['encrypted with another key', () => sealRequest(wrongKeyCodec, { merchantId: MERCHANT.merchantId }, useStatus), 400, /decrypt|CheckMacValue/],
		['another MerchantID in the envelope', () => ({ ...valid(), MerchantID: '2000132' }), 403, /MerchantID/],
		['another MerchantID inside Data', () => sealRequest(codec, { merchantId: MERCHANT.merchantId }, { ...useStatus, MerchantID: '2000132' }), 403, /MerchantID/],
		['Data not Base64', () => ({ ...valid(), Data: 'not base64 at all!' }), 400, /Base64/],
		['body not JSON', () => 'MerchantID=3085676&Data=x', 400, /not JSON/],
		['empty body', () => '', 400, /empty/],
		['JSON array body', () => '[1,2,3]', 400, /object/],
		['missing Data', () => { const { Data: _d, ...rest } = valid(); void _d; return rest; }, 400, /Data/],
		['huge body', () => JSON.stringify({ ...valid(), Pad: 'x'.repeat(200_000) }), 413, /too large/i],
	];

	it.each(cases)('%s', async (_name, body, status, reason) => {
		const answer = await post(host, body());
		expect(answer.status).toBe(status);
		expect(answer.text).toMatch(reason);
		expect(answer.text).not.toContain(MERCHANT.hashKey);
		expect(answer.text).not.toContain(MERCHANT.hashIV);
		expect(host.executions).toHaveLength(0);
	});

	it('a refused call after a valid one leaves exactly the one execution', async () => {
		await post(host, valid());
		await post(host, { ...valid(), CheckMacValue: 'F'.repeat(64) });
		expect(host.executions).toHaveLength(1);
		expect(host.calls.map((c) => [c.status, c.started])).toEqual([[200, true], [401, false]]);
	});
});

import { Codec } from '../../protocol/crypto';
import { openResponse, sealRequest, sealResponse, type BusinessData } from '../../protocol/envelope';
import type { EcTicketCredentials } from '../../credentials/merchant';
import { defaultConfig } from '../../simulator/config';
import { hostTrigger, type HostedTrigger, type HostOptions } from '../harness/webhookHost';

/**
 * One ECPay event, one execution (issue 14): whichever notify URL it reaches, however often it is
 * resent, concurrently; in queue mode through the main instance; and with Acknowledge › After the
 * Workflow Succeeded, a failed run is retried by ECPay's resend.
 */
const MERCHANT = defaultConfig().merchants[0];
const codec = new Codec({ hashKey: MERCHANT.hashKey, hashIV: MERCHANT.hashIV });
const credentials: EcTicketCredentials = { environment: 'stage', merchantId: MERCHANT.merchantId, hashKeySecret: MERCHANT.hashKey, hashIvSecret: MERCHANT.hashIV };
const sender = { merchantId: MERCHANT.merchantId };

const order = { MerchantID: MERCHANT.merchantId, MerchantTradeNo: 'SHOP20261206001', TicketTradeNo: '2026120610300001' };
/** One refund as the Refund Notify URL hears it, and as the Use Status Notify URL hears it. */
const refundNotice: BusinessData = { ...order, TicketNo: 'CB2SY20221206153', RefundAmount: 680, RefundDate: '2026/12/06 10:31:00', Remark: '' };
const refundStatus: BusinessData = { ...order, FreeTradeNo: '', TicketNo: 'CB2SY20221206153', WriteOffNo: '261206000000012345', UseStatus: 3, WriteOffDate: '', RefundDate: '2026/12/06 10:31:00' };
const redeemed = (i: number): BusinessData => ({ ...order, TicketNo: `CB2SY2022120${String(i).padStart(4, '0')}`, WriteOffNo: `2612060000${String(i).padStart(8, '0')}`, UseStatus: 2, WriteOffDate: '2026/12/06 11:00:00', RefundDate: '' });

async function post(url: string, body: object) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: response.status, text: await response.text() };
}
const acknowledged = (answer: { status: number; text: string }) => answer.status === 200 && openResponse(codec, answer.text).data.RtnCode === 1;

const hosts: HostedTrigger[] = [];
async function host(options: Partial<HostOptions> = {}) {
	const hosted = await hostTrigger({ credentials, ...options });
	hosts.push(hosted);
	return hosted;
}
afterEach(async () => {
	await Promise.all(hosts.splice(0).map((h) => h.close()));
});

describe('deduplication by event', () => {
	it('one refund delivered to both notify URLs and resent 4 times each, all at once: one execution, every delivery acknowledged', async () => {
		const trigger = await host();
		const deliveries = Array.from({ length: 5 }, () => [
			post(trigger.refundUrl, sealRequest(codec, sender, refundNotice)),
			post(trigger.useStatusUrl, sealRequest(codec, sender, refundStatus)),
		]).flat();
		const answers = await Promise.all(deliveries);
		expect(answers.every(acknowledged)).toBe(true);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0][0].json).toMatchObject({ notification: 'refund', notifyUrl: 'refund', TicketNo: refundNotice.TicketNo });
	});

	it('each URL tells its kind: a refund reaching the Use Status URL is still one use-status event of that refund', async () => {
		const trigger = await host({ parameters: { events: ['useStatus'] } });
		await post(trigger.refundUrl, sealRequest(codec, sender, refundNotice));
		expect(trigger.executions).toHaveLength(0);
		await post(trigger.useStatusUrl, sealRequest(codec, sender, refundStatus));
		expect(trigger.executions.map((e) => e[0].json.notification)).toEqual(['useStatus']);
	});

	it('100 distinct events, each sent 3 times, all at once: exactly 100 executions', async () => {
		const trigger = await host();
		const answers = await Promise.all(
			Array.from({ length: 100 }, (_, i) => i).flatMap((i) => [0, 1, 2].map(() => post(trigger.useStatusUrl, sealRequest(codec, sender, redeemed(i))))),
		);
		expect(answers.every(acknowledged)).toBe(true);
		expect(trigger.executions).toHaveLength(100);
		expect(new Set(trigger.executions.map((e) => e[0].json.TicketNo)).size).toBe(100);
	});

	it('notifications shaped like a response (RpHeader, TransCode 1) are read as well', async () => {
		const trigger = await host();
		const answer = await post(trigger.useStatusUrl, sealResponse(codec, sender, redeemed(1)));
		expect(acknowledged(answer)).toBe(true);
		expect(trigger.executions).toHaveLength(1);
	});

	it('with Deduplicate Deliveries off, every delivery starts an execution', async () => {
		const trigger = await host({ parameters: { options: { deduplicate: false } } });
		await post(trigger.refundUrl, sealRequest(codec, sender, refundNotice));
		await post(trigger.refundUrl, sealRequest(codec, sender, refundNotice));
		expect(trigger.executions).toHaveLength(2);
	});

	it('the Test URL (Listen for test event) starts the test execution directly', async () => {
		const trigger = await host();
		await post(trigger.refundUrl.replace('/webhook/', '/webhook-test/'), sealRequest(codec, sender, refundNotice));
		expect(trigger.executions).toHaveLength(1);
	});
});

describe('queue mode: webhook processors pass deliveries to the main instance', () => {
	it('a processor relays to main: one execution on main, ECPay gets main\'s acknowledgement', async () => {
		const main = await host();
		const processors = [await host({ activated: false, parameters: { options: { mainUrl: main.baseUrl } } }), await host({ activated: false, parameters: { options: { mainUrl: main.baseUrl } } })];
		const answers = await Promise.all(processors.flatMap((p) => [post(p.refundUrl, sealRequest(codec, sender, refundNotice)), post(p.useStatusUrl, sealRequest(codec, sender, refundStatus))]));
		expect(answers.every(acknowledged)).toBe(true);
		expect(main.executions).toHaveLength(1);
		expect(processors.map((p) => p.executions.length)).toEqual([0, 0]);
	});

	it('a processor whose main cannot be reached answers 503, so ECPay resends', async () => {
		const processor = await host({ activated: false, parameters: { options: { mainUrl: 'http://127.0.0.1:9' } } });
		const answer = await post(processor.refundUrl, sealRequest(codec, sender, refundNotice));
		expect(answer.status).toBe(503);
		expect(processor.executions).toHaveLength(0);
	});
});

describe('Acknowledge › After the Workflow Succeeded', () => {
	it('a failed run is answered 500; ECPay\'s resend runs it again and is acknowledged once it succeeds; later resends start nothing', async () => {
		const trigger = await host({ parameters: { options: { acknowledge: 'afterSuccess' } }, runs: (_items, n) => (n === 1 ? 'error' : 'success') });
		const first = await post(trigger.refundUrl, sealRequest(codec, sender, refundNotice));
		expect(first.status).toBe(500);
		const resend = await post(trigger.refundUrl, sealRequest(codec, sender, refundNotice));
		expect(acknowledged(resend)).toBe(true);
		const again = await post(trigger.useStatusUrl, sealRequest(codec, sender, refundStatus));
		expect(acknowledged(again)).toBe(true);
		expect(trigger.executions.map((e) => e[0].json.attempt)).toEqual([1, 2]);
	});

	it('concurrent deliveries of one event wait for the one run and are all acknowledged', async () => {
		const trigger = await host({ parameters: { options: { acknowledge: 'afterSuccess' } } });
		const answers = await Promise.all(Array.from({ length: 6 }, () => post(trigger.refundUrl, sealRequest(codec, sender, refundNotice))));
		expect(answers.every(acknowledged)).toBe(true);
		expect(trigger.executions).toHaveLength(1);
	});
});

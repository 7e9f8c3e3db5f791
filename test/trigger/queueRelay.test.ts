import { sleep } from 'n8n-workflow';

import { Codec } from '../../protocol/crypto';
import { openResponse, sealRequest, type BusinessData } from '../../protocol/envelope';
import type { EcTicketCredentials } from '../../credentials/merchant';
import { MAX_BATCH } from '../../nodes/EcPayEcTicketTrigger/relay';
import { defaultConfig } from '../../simulator/config';
import { hostTrigger, type HostedTrigger, type HostOptions } from '../harness/webhookHost';

/**
 * Queue mode (issue 15): webhook processors check each delivery, then pass it to the main
 * instance in batches; main checks every delivery of a batch again, starts one execution per
 * event and answers each delivery on its own.
 */
const MERCHANT = defaultConfig().merchants[0];
const codec = new Codec({ hashKey: MERCHANT.hashKey, hashIV: MERCHANT.hashIV });
const credentials: EcTicketCredentials = { environment: 'stage', merchantId: MERCHANT.merchantId, hashKeySecret: MERCHANT.hashKey, hashIvSecret: MERCHANT.hashIV };
const sender = { merchantId: MERCHANT.merchantId };
/** A notification whose CheckMacValue does not match its Data. */
const forged = (data: BusinessData) => ({ ...sealRequest(codec, sender, data), CheckMacValue: 'F'.repeat(64) });

const order = { MerchantID: MERCHANT.merchantId, MerchantTradeNo: 'SHOP20261207001', TicketTradeNo: '2026120709000001' };
const ticketNo = (i: number) => `QR${String(i).padStart(14, '0')}`;
/** Event i, a refund, as the Refund Notify URL and as the Use Status Notify URL hear it. */
const refundNotice = (i: number): BusinessData => ({ ...order, TicketNo: ticketNo(i), RefundAmount: 680, RefundDate: '2026/12/07 09:30:00', Remark: '' });
const refundStatus = (i: number): BusinessData => ({ ...order, FreeTradeNo: '', TicketNo: ticketNo(i), WriteOffNo: `2612070000${String(i).padStart(8, '0')}`, UseStatus: 3, WriteOffDate: '', RefundDate: '2026/12/07 09:30:00' });

async function post(url: string, body: object | string, headers: Record<string, string> = {}) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
	return { status: response.status, text: await response.text() };
}
const isAck = (answer: { status: number; body?: string; text?: string }) => {
	if (answer.status !== 200) return false;
	try {
		return openResponse(codec, answer.text ?? answer.body ?? '').data.RtnCode === 1;
	} catch {
		return false;
	}
};

const hosts: HostedTrigger[] = [];
async function host(options: Partial<HostOptions> = {}) {
	const hosted = await hostTrigger({ credentials, ...options });
	hosts.push(hosted);
	return hosted;
}
const processorOf = async (main: HostedTrigger) => host({ activated: false, parameters: { options: { mainUrl: main.baseUrl } } });
afterEach(async () => {
	await Promise.all(hosts.splice(0).map((h) => h.close()));
});

describe('webhook processors relay to main in batches', () => {
	it('150 refunds, each delivered to both URLs on different processors and resent, all at once: 150 executions, 600 acknowledgements, main called in batches', async () => {
		const main = await host();
		const processors = [await processorOf(main), await processorOf(main)];
		const events = Array.from({ length: 150 }, (_, i) => i);
		const round = () =>
			events.flatMap((i) => [
				post(processors[i % 2].refundUrl, sealRequest(codec, sender, refundNotice(i))),
				post(processors[(i + 1) % 2].useStatusUrl, sealRequest(codec, sender, refundStatus(i))),
			]);
		const answers = await Promise.all([...round(), ...round()]);
		expect(answers.filter((a) => !isAck(a))).toEqual([]);
		expect(main.executions).toHaveLength(150);
		expect(new Set(main.executions.map((e) => e[0].json.TicketNo))).toEqual(new Set(events.map(ticketNo)));
		expect(processors.map((p) => p.executions.length)).toEqual([0, 0]);
		// 600 deliveries: main served them in at most half as many calls
		expect(main.calls.length).toBeLessThanOrEqual(300);
		expect(main.calls.every((c) => c.status === 200)).toBe(true);
	});

	it('a resend after main acknowledged the event is acknowledged by the processor itself, without asking main', async () => {
		const main = await host();
		const processor = await processorOf(main);
		expect(isAck(await post(processor.refundUrl, sealRequest(codec, sender, refundNotice(1))))).toBe(true);
		await sleep(50); // main's harness records the call once its handler returned
		const callsToMain = main.calls.length;
		expect(callsToMain).toBe(1);
		expect(isAck(await post(processor.useStatusUrl, sealRequest(codec, sender, refundStatus(1))))).toBe(true);
		expect(isAck(await post(processor.refundUrl, sealRequest(codec, sender, refundNotice(1))))).toBe(true);
		expect(main.calls).toHaveLength(callsToMain);
		expect(main.executions).toHaveLength(1);
	});

	it('main answers a resend of an event whose execution ran without asking n8n again', async () => {
		const main = await host();
		expect(isAck(await post(main.refundUrl, sealRequest(codec, sender, refundNotice(7))))).toBe(true);
		for (let i = 0; i < 40 && main.emitCalls() === 0; i++) await sleep(25);
		await sleep(50); // the run settles (the harness ends it after 5 ms)
		expect(main.emitCalls()).toBe(1);
		expect(isAck(await post(main.useStatusUrl, sealRequest(codec, sender, refundStatus(7))))).toBe(true);
		expect(isAck(await post(main.refundUrl, sealRequest(codec, sender, refundNotice(7))))).toBe(true);
		expect(main.emitCalls()).toBe(1);
		expect(main.executions).toHaveLength(1);
	});

	it('a forged delivery is refused by the processor itself (401) and never reaches main', async () => {
		const main = await host();
		const processor = await processorOf(main);
		const answer = await post(processor.refundUrl, forged(refundNotice(2)));
		expect(answer.status).toBe(401);
		expect(main.calls).toHaveLength(0);
		expect(main.executions).toHaveLength(0);
	});

	it('a batch posted straight to main is checked delivery by delivery: a forged one is refused, the genuine one starts its execution', async () => {
		const main = await host();
		const batch = {
			deliveries: [
				{ webhook: 'refund', body: JSON.stringify(sealRequest(codec, sender, refundNotice(3))) },
				{ webhook: 'refund', body: JSON.stringify(forged(refundNotice(4))) },
				{ webhook: 'useStatus', body: 'not json' },
			],
		};
		const answer = await post(main.url, batch, { 'x-ecticket-relayed': 'batch' });
		expect(answer.status).toBe(200);
		const { answers } = JSON.parse(answer.text) as { answers: Array<{ status: number; body: string }> };
		expect(answers.map((a) => a.status)).toEqual([200, 401, 400]);
		expect(isAck(answers[0])).toBe(true);
		expect(main.executions.map((e) => e[0].json.TicketNo)).toEqual([ticketNo(3)]);
	});

	it.each([
		['not JSON', 'deliveries'],
		['an unknown webhook name', JSON.stringify({ deliveries: [{ webhook: 'other', body: '{}' }] })],
		['a body that is not text', JSON.stringify({ deliveries: [{ webhook: 'refund', body: {} }] })],
		[`more than ${MAX_BATCH} deliveries`, JSON.stringify({ deliveries: Array.from({ length: MAX_BATCH + 1 }, () => ({ webhook: 'refund', body: '{}' })) })],
	])('main answers 400 to a batch with %s and starts nothing', async (_case, body) => {
		const main = await host();
		const answer = await post(main.url, body, { 'x-ecticket-relayed': 'batch' });
		expect(answer.status).toBe(400);
		expect(main.executions).toHaveLength(0);
	});

	it('a processor whose Main Instance URL reaches no running trigger answers 503 to each delivery, so ECPay resends', async () => {
		const other = await host({ activated: false });
		const processor = await host({ activated: false, parameters: { options: { mainUrl: other.baseUrl } } });
		const answers = await Promise.all([1, 2, 3].map((i) => post(processor.refundUrl, sealRequest(codec, sender, refundNotice(i)))));
		expect(answers.map((a) => a.status)).toEqual([503, 503, 503]);
		expect(other.executions).toHaveLength(0);
	});
});

describe('Acknowledge › On Receipt: an acknowledged event is not dropped', () => {
	it('when n8n could not create the execution, the event is handed over again with its key: one execution', async () => {
		const main = await host({ creates: (n) => n > 1 });
		const answer = await post(main.refundUrl, sealRequest(codec, sender, refundNotice(5)));
		expect(isAck(answer)).toBe(true);
		expect(main.executions).toHaveLength(0);
		// resent meanwhile: coalesced with the hand-over under way, nothing more starts
		expect(isAck(await post(main.useStatusUrl, sealRequest(codec, sender, refundStatus(5))))).toBe(true);
		for (let i = 0; i < 40 && main.executions.length === 0; i++) await sleep(100);
		expect(main.executions.map((e) => e[0].json.TicketNo)).toEqual([ticketNo(5)]);
	});

});

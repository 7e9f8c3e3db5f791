import { sleep } from 'n8n-workflow';
import { Codec } from '../../protocol/crypto';
import { sealResponse, type BusinessData } from '../../protocol/envelope';
import { NOTIFICATION_FIELDS } from '../../protocol/rules/answers';
import { REFUND_ACTION, WRITE_OFF_ACTION } from '../../protocol/rules/codes';
import { NOTIFICATION_RETRIES } from '../../protocol/rules/timing';
import type { SimulatorConfig } from '../../simulator/config';
import type { DeliveryAttempt, QueuedNotification } from '../../simulator/notifications';
import type { Order } from '../../simulator/store';
import { codec, MERCHANT_ID, OTHER_MERCHANT, orders, startTestSimulator, tradeNo, type TestSimulator } from './client';
import { envelopeAck, plainAck, startReceiver, type Answer, type Receiver } from './receiver';

const USE_STATUS_PATH = '/ecticket/use-status';
const REFUND_PATH = '/ecticket/refund';

let sim: TestSimulator;
let receiver: Receiver;
let answer: Answer;

/** On-demand delivery (no schedule) and the frozen test clock, unless a test says otherwise. */
async function start(overrides: Partial<SimulatorConfig> = {}) {
	sim = await startTestSimulator({ notifyIntervalMs: 0, ...overrides });
}

beforeEach(async () => {
	answer = () => envelopeAck();
	receiver = await startReceiver((received, n) => answer(received, n));
});
afterEach(async () => {
	await sim?.close();
	await receiver.close();
});

/** A paper order (issued at once) whose notify URLs point at the receiver. */
function notifiedOrder(urls: { useStatus?: boolean; refund?: boolean } = { useStatus: true, refund: true }): Promise<Order> {
	const data: BusinessData = { ...orders.paper() };
	if (urls.useStatus) data.UseStatusNotifyURL = receiver.url + USE_STATUS_PATH;
	if (urls.refund) data.RefundNotifyURL = receiver.url + REFUND_PATH;
	return sim.issued(data);
}

const redeem = (writeOffNo: string) => sim.writeOff({ WriteOffNo: writeOffNo, Action: WRITE_OFF_ACTION.redeem });
const deliver = async () => {
	const response = await sim.control('POST', 'notifications/deliver');
	expect(response.status).toBe(200);
	return response.body.attempts as DeliveryAttempt[];
};
const queue = async () => (await sim.control('GET', 'notifications')).body.notifications as QueuedNotification[];

describe('notifications: delivery and acknowledgement', () => {
	it('delivers a use-status notification sealed with the merchant’s keys, acknowledged by an envelope', async () => {
		await start();
		const order = await notifiedOrder();
		const ticket = order.tickets[0];
		sim.advance(90_000);
		await redeem(ticket.WriteOffNo);

		const [queued] = await queue();
		expect(queued).toMatchObject({
			id: expect.stringMatching(/^N\d+$/),
			kind: 'useStatus',
			event: 'redeem',
			merchantId: MERCHANT_ID,
			url: receiver.url + USE_STATUS_PATH,
			state: 'pending',
			attempts: 0,
		});
		expect(receiver.received).toEqual([]);

		const attempts = await deliver();
		expect(attempts).toEqual([
			{
				id: expect.stringMatching(/^D\d+$/),
				notificationId: queued.id,
				kind: 'useStatus',
				url: receiver.url + USE_STATUS_PATH,
				attempt: 1,
				at: new Date(sim.clock.ms).toISOString(),
				httpStatus: 200,
				ackFormat: 'envelope',
				accepted: true,
				reason: expect.any(String),
			},
		]);

		expect(receiver.received).toHaveLength(1);
		const [got] = receiver.received;
		expect(got.path).toBe(USE_STATUS_PATH);
		expect(got.contentType).toMatch(/^application\/json/);
		expect(got.opened.envelope).toMatchObject({
			PlatformID: null,
			MerchantID: MERCHANT_ID,
			RqHeader: { Timestamp: Math.floor(sim.clock.ms / 1000) },
		});
		expect(got.opened.envelope).not.toHaveProperty('TransCode');
		expect(got.opened.data).toEqual({
			MerchantID: MERCHANT_ID,
			MerchantTradeNo: order.merchantTradeNo,
			FreeTradeNo: '',
			TicketTradeNo: order.ticketTradeNo,
			TicketNo: ticket.TicketNo,
			WriteOffNo: ticket.WriteOffNo,
			UseStatus: 2,
			WriteOffDate: '2025/06/02 10:01:30',
			RefundDate: '',
		});
		expect(Object.keys(got.opened.data)).toEqual([...NOTIFICATION_FIELDS.useStatus]);

		expect((await queue())[0]).toMatchObject({ state: 'delivered', attempts: 1, nextAttemptAt: null });
		expect((await sim.control('GET', 'deliveries')).body).toEqual(attempts);
		expect(await deliver()).toEqual([]);
	});

	it.each([
		['1|OK', '1|OK'],
		['1|OK with surrounding white space', ' 1|OK\r\n'],
	])('accepts the plain text %s', async (_case, body) => {
		await start();
		answer = () => plainAck(body);
		const order = await notifiedOrder();
		await redeem(order.tickets[0].WriteOffNo);
		expect(await deliver()).toEqual([expect.objectContaining({ httpStatus: 200, ackFormat: 'plain', accepted: true })]);
	});

	const otherCodec = new Codec(OTHER_MERCHANT);
	const tamperedMac = () => {
		const envelope = sealResponse(codec, { merchantId: MERCHANT_ID }, { RtnCode: 1, RtnMsg: '成功' });
		return JSON.stringify({ ...envelope, CheckMacValue: codec.checkMacValue('{"RtnCode":1,"RtnMsg":"OK"}') });
	};
	it.each<[string, () => ReturnType<Answer>, number | null, string | null, RegExp]>([
		['HTTP 500, even with a valid envelope', () => ({ ...envelopeAck(), status: 500 }), 500, null, /HTTP 500/],
		['HTTP 201 with 1|OK', () => ({ ...plainAck(), status: 201 }), 201, null, /HTTP 201/],
		['the text OK', () => plainAck('OK'), 200, null, /neither a response envelope nor 1\|OK/],
		['the text 0|Error', () => plainAck('0|Error'), 200, null, /neither/],
		['an empty body', () => plainAck(''), 200, null, /neither/],
		['an envelope whose RtnCode is the string "1"', () => envelopeAck({ RtnCode: '1', RtnMsg: '成功' }), 200, 'envelope', /RtnCode is "1"/],
		['an envelope whose RtnCode is 0', () => envelopeAck({ RtnCode: 0, RtnMsg: 'fail' }), 200, 'envelope', /RtnCode is 0/],
		['an envelope without RtnCode', () => envelopeAck({ RtnMsg: '成功' }), 200, 'envelope', /RtnCode is undefined/],
		['an envelope with a wrong CheckMacValue', () => ({ contentType: 'application/json', body: tamperedMac() }), 200, 'envelope', /\(checkMacValue\)/],
		['an envelope sealed with other keys', () => envelopeAck({ RtnCode: 1 }, otherCodec), 200, 'envelope', /does not open with the merchant's keys/],
		[
			'an envelope with TransCode 0',
			() => ({ body: JSON.stringify({ ...sealResponse(codec, { merchantId: MERCHANT_ID }, { RtnCode: 1 }), TransCode: 0 }) }),
			200,
			'envelope',
			/\(transCode\)/,
		],
		['plain JSON {"RtnCode":1}', () => ({ contentType: 'application/json', body: '{"RtnCode":1}' }), 200, 'envelope', /\(shape\)/],
	])('refuses %s as an acknowledgement', async (_case, reply, httpStatus, ackFormat, reason) => {
		await start();
		answer = reply;
		const order = await notifiedOrder();
		await redeem(order.tickets[0].WriteOffNo);
		const [attempt] = await deliver();
		expect(attempt).toMatchObject({ attempt: 1, httpStatus, ackFormat, accepted: false, reason: expect.stringMatching(reason) });
		expect((await queue())[0]).toMatchObject({ state: 'pending', attempts: 1, lastReason: attempt.reason });
	});

	it('counts a refused connection as a failed attempt', async () => {
		await start();
		const closed = await startReceiver();
		await closed.close();
		const order = await sim.issued({ ...orders.paper(), UseStatusNotifyURL: closed.url + USE_STATUS_PATH });
		await redeem(order.tickets[0].WriteOffNo);
		expect(await deliver()).toEqual([
			expect.objectContaining({ httpStatus: null, ackFormat: null, accepted: false, reason: expect.stringMatching(/connection refused/) }),
		]);
	});

	it('counts a receiver that does not answer in time as a failed attempt', async () => {
		await start({ notifyTimeoutMs: 200 });
		answer = () => ({ body: '', hang: true });
		const order = await notifiedOrder();
		await redeem(order.tickets[0].WriteOffNo);
		expect(await deliver()).toEqual([
			expect.objectContaining({ httpStatus: null, accepted: false, reason: expect.stringMatching(/timeout: no complete answer within 200 ms/) }),
		]);
	});
});

describe('notifications: retries', () => {
	it(`makes exactly ${1 + NOTIFICATION_RETRIES} attempts, the configured delay apart, then gives up`, async () => {
		await start({ notifyRetryDelayMs: 7000 });
		answer = () => ({ status: 500, body: 'Internal Server Error' });
		const order = await notifiedOrder();
		await redeem(order.tickets[0].WriteOffNo);
		const startedAt = sim.clock.ms;

		for (let n = 1; n <= 5; n++) {
			const attempts = await deliver();
			expect(attempts.map((a) => a.attempt)).toEqual([n]);
			expect(await deliver()).toEqual([]); // not due again yet
			sim.advance(6999);
			expect(await deliver()).toEqual([]);
			sim.advance(1);
		}
		sim.advance(3_600_000);
		expect(await deliver()).toEqual([]);

		const deliveries = (await sim.control('GET', 'deliveries')).body as unknown as DeliveryAttempt[];
		expect(deliveries).toHaveLength(5);
		expect(new Set(deliveries.map((d) => d.notificationId)).size).toBe(1);
		expect(deliveries.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5]);
		expect(deliveries.map((d) => Date.parse(d.at) - startedAt)).toEqual([0, 7000, 14000, 21000, 28000]);
		expect(receiver.received).toHaveLength(5);
		// Sealed afresh for every attempt: a new RqHeader.Timestamp, the same Data.
		const stamps = receiver.received.map((r) => ('RqHeader' in r.opened.envelope ? r.opened.envelope.RqHeader.Timestamp : NaN) - Math.floor(startedAt / 1000));
		expect(stamps).toEqual([0, 7, 14, 21, 28]);
		expect(new Set(receiver.received.map((r) => r.opened.json)).size).toBe(1);
		expect((await queue())[0]).toMatchObject({ state: 'failed', attempts: 5, nextAttemptAt: null });
	});

	it('stops retrying once the 3rd attempt is acknowledged', async () => {
		await start();
		answer = (_received, n) => (n < 3 ? { status: 503, body: 'busy' } : envelopeAck());
		const order = await notifiedOrder();
		await redeem(order.tickets[0].WriteOffNo);
		const results: boolean[] = [];
		for (let i = 0; i < 6; i++) {
			results.push(...(await deliver()).map((a) => a.accepted));
			sim.advance(2000);
		}
		expect(results).toEqual([false, false, true]);
		expect(receiver.received).toHaveLength(3);
		expect((await queue())[0]).toMatchObject({ state: 'delivered', attempts: 3 });
	});

	it('delivers and retries on its own schedule on the real clock', async () => {
		await start({ now: () => Date.now(), notifyIntervalMs: 25, notifyRetryDelayMs: 150 });
		answer = () => plainAck('NO');
		const no = tradeNo();
		const seconds = () => ({ timestamp: Math.floor(Date.now() / 1000) });
		await sim.issue({ ...orders.paper(no), UseStatusNotifyURL: receiver.url + USE_STATUS_PATH }, seconds());
		const order = sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' });
		await sim.writeOff({ WriteOffNo: order?.tickets[0].WriteOffNo, Action: WRITE_OFF_ACTION.redeem }, seconds());

		for (let waited = 0; sim.simulator.notifications.notifications[0]?.state !== 'failed' && waited < 5000; waited += 20) {
			await sleep(20);
		}
		const deliveries = sim.simulator.notifications.deliveries;
		expect(deliveries.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5]);
		const gaps = deliveries.slice(1).map((d, i) => Date.parse(d.at) - Date.parse(deliveries[i].at));
		for (const gap of gaps) {
			expect(gap).toBeGreaterThanOrEqual(150);
			expect(gap).toBeLessThan(1000);
		}
	});
});

describe('notifications: what is sent where', () => {
	it('sends a refund to RefundNotifyURL and UseStatusNotifyURL, and a cancelled refund to UseStatusNotifyURL only', async () => {
		await start();
		const order = await notifiedOrder();
		const ticket = order.tickets[0];
		await sim.refund({ TicketNo: ticket.TicketNo, Action: REFUND_ACTION.refund, CancelReason: '顧客退貨' });
		sim.advance(60_000);
		await sim.refund({ TicketNo: ticket.TicketNo, Action: REFUND_ACTION.cancelRefund });
		expect((await queue()).map((n) => [n.kind, n.event])).toEqual([
			['useStatus', 'refund'],
			['refund', 'refund'],
			['useStatus', 'cancelRefund'],
		]);
		expect((await deliver()).every((a) => a.accepted)).toBe(true);

		const [refunded] = receiver.dataAt(REFUND_PATH);
		expect(refunded).toEqual({
			MerchantID: MERCHANT_ID,
			MerchantTradeNo: order.merchantTradeNo,
			TicketTradeNo: order.ticketTradeNo,
			TicketNo: ticket.TicketNo,
			RefundAmount: 680,
			RefundDate: '2025/06/02 10:00:00',
			Remark: '顧客退貨',
		});
		expect(Object.keys(refunded)).toEqual([...NOTIFICATION_FIELDS.refund]);
		expect(receiver.dataAt(USE_STATUS_PATH).map((d) => [d.UseStatus, d.RefundDate])).toEqual([
			[3, '2025/06/02 10:00:00'],
			[1, ''],
		]);
	});

	it('notifies every change of the lifecycle to UseStatusNotifyURL', async () => {
		await start();
		const order = await notifiedOrder({ useStatus: true });
		const { TicketNo, WriteOffNo } = order.tickets[0];
		await redeem(WriteOffNo);
		await sim.writeOff({ WriteOffNo, Action: WRITE_OFF_ACTION.cancelRedemption });
		await sim.refund({ TicketNo, Action: REFUND_ACTION.refund });
		await sim.refund({ TicketNo, Action: REFUND_ACTION.cancelRefund });
		await deliver();
		expect(receiver.dataAt(USE_STATUS_PATH).map((d) => d.UseStatus)).toEqual([2, 1, 3, 1]);
		expect(receiver.dataAt(REFUND_PATH)).toEqual([]);
	});

	it('sends refund notifications only when the order gave a RefundNotifyURL', async () => {
		await start();
		const onlyRefund = await notifiedOrder({ refund: true });
		await redeem(onlyRefund.tickets[0].WriteOffNo);
		expect(await queue()).toEqual([]);
		await sim.refund({ TicketNo: onlyRefund.tickets[1].TicketNo, Action: REFUND_ACTION.refund });
		expect((await queue()).map((n) => n.kind)).toEqual(['refund']);

		const none = await notifiedOrder({});
		await redeem(none.tickets[0].WriteOffNo);
		await sim.refund({ TicketNo: none.tickets[1].TicketNo, Action: REFUND_ACTION.refund });
		expect(await queue()).toHaveLength(1);
	});

	it('notifies gift-voucher redemptions with the FreeTradeNo', async () => {
		await start();
		const order = await sim.issued({ ...orders.gift(), UseStatusNotifyURL: receiver.url + USE_STATUS_PATH });
		await redeem(order.tickets[0].WriteOffNo);
		await deliver();
		expect(receiver.dataAt(USE_STATUS_PATH)).toEqual([
			expect.objectContaining({ MerchantTradeNo: '', FreeTradeNo: order.freeTradeNo, UseStatus: 2 }),
		]);
	});

	it('queues nothing for a refused change', async () => {
		await start();
		const order = await notifiedOrder();
		await redeem(order.tickets[0].WriteOffNo);
		await redeem(order.tickets[0].WriteOffNo);
		await sim.refund({ TicketNo: order.tickets[0].TicketNo, Action: REFUND_ACTION.refund });
		expect(await queue()).toHaveLength(1);
	});

	it('queues from the control endpoints and delivers through startSimulator()’s deliverNow', async () => {
		await start();
		const order = await notifiedOrder();
		const redeemed = await sim.control('POST', 'tickets/redeem', { WriteOffNo: order.tickets[0].WriteOffNo });
		expect(redeemed.body).toMatchObject({ ok: true, notificationIds: [expect.any(String)] });
		const refunded = sim.simulator.refund({ TicketNo: order.tickets[1].TicketNo });
		expect(refunded).toMatchObject({ ok: true, notificationIds: [expect.any(String), expect.any(String)] });
		const attempts = await sim.deliverNow();
		expect(attempts.map((a) => [a.kind, a.accepted])).toEqual([
			['useStatus', true],
			['useStatus', true],
			['refund', true],
		]);
	});
});

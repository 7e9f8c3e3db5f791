import { Codec } from '../../protocol/crypto';
import { openRequest, sealResponse } from '../../protocol/envelope';
import { RTN_CODES } from '../../simulator/rtnCodes';
import { codec, DAY, MERCHANT_ID, orders, startTestSimulator, type TestSimulator } from './client';

let sim: TestSimulator;
beforeEach(async () => {
	sim = await startTestSimulator({ notifyIntervalMs: 0 });
});
afterEach(() => sim.close());

const paperWithUrl = () => sim.issued({ ...orders.paper(), UseStatusNotifyURL: 'http://127.0.0.1:9/notify' });

describe('/_simulator/tickets/redeem and /refund', () => {
	it('redeem and cancel a redemption as a store would, by WriteOffNo or TicketNo', async () => {
		const order = await paperWithUrl();
		const { TicketNo, WriteOffNo } = order.tickets[0];
		const redeemed = await sim.control('POST', 'tickets/redeem', { WriteOffNo });
		expect(redeemed).toEqual({
			status: 200,
			body: {
				ok: true,
				RtnCode: 1,
				RtnMsg: '成功',
				ticket: expect.objectContaining({ TicketNo, WriteOffNo, UseStatus: 2, WriteOffDate: '2025/06/02 10:00:00', MerchantTradeNo: order.merchantTradeNo }),
				notificationIds: [expect.stringMatching(/^N\d+$/)],
			},
		});
		const cancelled = await sim.control('POST', 'tickets/redeem', { TicketNo, Action: '2' });
		expect(cancelled.body).toMatchObject({ ok: true, ticket: { UseStatus: 1, WriteOffDate: '' } });
		expect((await sim.queryTicketStatus({ TicketNo })).UseStatus).toBe(1);
	});

	it('refund and cancel a refund as a customer would', async () => {
		const order = await paperWithUrl();
		const { TicketNo } = order.tickets[0];
		expect((await sim.control('POST', 'tickets/refund', { TicketNo, CancelReason: '不要了' })).body).toMatchObject({
			ok: true,
			ticket: { UseStatus: 3 },
		});
		expect((await sim.queryRefundInfo({ MerchantTradeNo: order.merchantTradeNo })).TotalRefundAmount).toBe(680);
		expect((await sim.control('POST', 'tickets/refund', { TicketNo, Action: '2' })).body).toMatchObject({ ticket: { UseStatus: 1 } });
	});

	it('answer 409 with the RtnCode when the lifecycle refuses, 404 for an unknown ticket', async () => {
		const order = await sim.issued(orders.gift());
		const refused = await sim.control('POST', 'tickets/refund', { TicketNo: order.tickets[0].TicketNo });
		expect(refused).toEqual({
			status: 409,
			body: { ok: false, RtnCode: RTN_CODES.giftNotRefundable.code, RtnMsg: expect.any(String), error: expect.any(String) },
		});
		const unknown = await sim.control('POST', 'tickets/redeem', { WriteOffNo: '000000000000000000' });
		expect(unknown.status).toBe(404);
		expect(unknown.body.RtnCode).toBe(RTN_CODES.ticketNotFound.code);
	});

	it.each([
		['both numbers', { TicketNo: 'A', WriteOffNo: 'B' }, /exactly one/],
		['no number', {}, /exactly one/],
		['a numeric WriteOffNo', { WriteOffNo: 12 }, /must be text/],
		['an unknown Action', { WriteOffNo: '000000000000000000', Action: '9' }, /Action must be "1" or "2"/],
	])('answer 400 for %s', async (_case, body, message) => {
		const response = await sim.control('POST', 'tickets/redeem', body);
		expect(response.status).toBe(400);
		expect(response.body.error).toMatch(message);
	});

	it('answer 400 for a body that is not a JSON object', async () => {
		const response = await fetch(`${sim.url}/_simulator/tickets/redeem`, { method: 'POST', body: '[1]' });
		expect(response.status).toBe(400);
	});

	it('act on the tickets of any merchant through simulator.redeem / refund as well', async () => {
		const order = await paperWithUrl();
		expect(sim.simulator.redeem({ WriteOffNo: order.tickets[0].WriteOffNo })).toMatchObject({ ok: true });
		expect(sim.simulator.redeem({ WriteOffNo: order.tickets[0].WriteOffNo })).toMatchObject({
			ok: false,
			RtnCode: RTN_CODES.alreadyRedeemed.code,
		});
	});
});

describe('/_simulator/clock', () => {
	it('moves the business clock only: expiry and dates follow it, envelope timestamps do not', async () => {
		const order = await sim.issued(orders.paper());
		const moved = await sim.control('POST', 'clock', { advanceMs: 400 * DAY });
		expect(moved).toEqual({ status: 200, body: { time: new Date(sim.clock.ms + 400 * DAY).toISOString(), clockOffsetMs: 400 * DAY } });
		// The client still stamps RqHeader.Timestamp with the unshifted clock, and is accepted.
		expect((await sim.queryTicketStatus({ TicketNo: order.tickets[0].TicketNo })).UseStatus).toBe(4);
		expect((await sim.control('GET', 'health')).body).toMatchObject({ clockOffsetMs: 400 * DAY });
		const response = await sim.send('/api/Ticket/EscrowDay', { MerchantID: order.merchantId });
		expect(response.RpHeader.Timestamp).toBe(Math.floor(sim.clock.ms / 1000));
	});

	it.each([[{ advanceMs: -1 }], [{ advanceMs: '60000' }], [{}]])('refuses %j', async (body) => {
		expect((await sim.control('POST', 'clock', body)).status).toBe(400);
	});
});

describe('/_simulator/reset', () => {
	it('forgets orders, tickets, notifications, deliveries, the request log and the clock offset', async () => {
		const order = await paperWithUrl();
		await sim.control('POST', 'tickets/redeem', { WriteOffNo: order.tickets[0].WriteOffNo });
		await sim.control('POST', 'clock', { advanceMs: 60_000 });
		expect((await sim.control('POST', 'reset')).body).toMatchObject({ status: 'reset' });

		expect((await sim.control('GET', 'notifications')).body).toMatchObject({ counts: { pending: 0 }, notifications: [] });
		expect((await sim.control('GET', 'deliveries')).body).toEqual([]);
		expect((await sim.control('GET', 'requests')).body).toEqual([]);
		expect((await sim.control('GET', 'health')).body).toMatchObject({ clockOffsetMs: 0 });
		expect((await sim.queryOrderInfo({ MerchantTradeNo: order.merchantTradeNo, PageNum: 1 })).RtnCode).toBe(
			RTN_CODES.orderNotFound.code,
		);
		expect((await sim.queryTicketStatus({ TicketNo: order.tickets[0].TicketNo })).RtnCode).toBe(RTN_CODES.ticketNotFound.code);
		// The number is free again after a reset.
		expect((await sim.issue({ ...orders.paper(order.merchantTradeNo) })).RtnCode).toBe(1);
	});
});

describe('/_simulator/ paths', () => {
	it('answer GET notifications with the schedule, counts and queue', async () => {
		const order = await paperWithUrl();
		await sim.control('POST', 'tickets/redeem', { WriteOffNo: order.tickets[0].WriteOffNo });
		expect((await sim.control('GET', 'notifications')).body).toEqual({
			intervalMs: 0,
			retryDelayMs: 2000,
			counts: { pending: 1, delivering: 0, delivered: 0, failed: 0 },
			notifications: [expect.objectContaining({ kind: 'useStatus', state: 'pending' })],
		});
	});

	it.each([
		['GET', 'notifications/deliver', 'POST'],
		['GET', 'tickets/redeem', 'POST'],
		['GET', 'reset', 'POST'],
		['POST', 'deliveries', 'GET'],
		['POST', 'notifications', 'GET'],
	])('answer 405 to %s %s', async (method, path, allow) => {
		const response = await fetch(`${sim.url}/_simulator/${path}`, { method });
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe(allow);
	});
});

describe('/_simulator/merchants/keys', () => {
	// Made-up test keys (16 characters each), marked as placeholders.
	const NEW_KEYS = { hashKey: 'dummyKeyRotated1', hashIV: 'dummyIvRotated01' };
	const newCodec = new Codec(NEW_KEYS);
	/** Every notification body the simulator sends; each answered with an acknowledgement sealed with `ackKeys`. */
	const sent: string[] = [];
	let ackKeys = codec;
	const transport = async ({ body }: { body: string }) => {
		sent.push(body);
		return { status: 200, body: JSON.stringify(sealResponse(ackKeys, { merchantId: MERCHANT_ID }, { RtnCode: 1, RtnMsg: '成功' })) };
	};
	beforeEach(async () => {
		await sim.close();
		sent.length = 0;
		ackKeys = codec;
		sim = await startTestSimulator({ notifyIntervalMs: 0, transport });
	});

	it('gives the merchant new keys: old-key requests are refused, new-key ones accepted; the answer holds no key', async () => {
		const order = await sim.issued(orders.paper());
		const changed = await sim.control('POST', 'merchants/keys', { merchantId: MERCHANT_ID, ...NEW_KEYS });
		expect(changed).toEqual({ status: 200, body: { merchantId: MERCHANT_ID, time: expect.any(String) } });
		expect(JSON.stringify(changed.body)).not.toContain(NEW_KEYS.hashKey);
		const old = await sim.send('/api/Ticket/QueryTicketStatus', { MerchantID: MERCHANT_ID, TicketNo: order.tickets[0].TicketNo });
		expect(old.TransCode).not.toBe(1);
		const fresh = await sim.call('/api/Ticket/QueryTicketStatus', { MerchantID: MERCHANT_ID, TicketNo: order.tickets[0].TicketNo }, { codec: newCodec });
		expect(fresh).toMatchObject({ RtnCode: 1, TicketNo: order.tickets[0].TicketNo });
	});

	it('seals notifications queued before the change with the new keys, and judges acknowledgements with them', async () => {
		const order = await sim.issued({ ...orders.paper(), UseStatusNotifyURL: 'http://127.0.0.1:9/notify' });
		await sim.control('POST', 'tickets/redeem', { WriteOffNo: order.tickets[0].WriteOffNo });
		await sim.control('POST', 'merchants/keys', { merchantId: MERCHANT_ID, ...NEW_KEYS });
		const [refused] = await sim.deliverNow();
		expect(refused).toMatchObject({ accepted: false });
		expect(openRequest(newCodec, sent[0]).data).toMatchObject({ TicketNo: order.tickets[0].TicketNo });
		expect(() => openRequest(codec, sent[0])).toThrow();
		ackKeys = newCodec;
		sim.advance(sim.simulator.config.notifyRetryDelayMs);
		const [accepted] = await sim.deliverNow();
		expect(accepted).toMatchObject({ attempt: 2, accepted: true });
	});

	it.each([
		['no merchantId', { ...NEW_KEYS }, 400],
		['a HashKey of 15 characters', { merchantId: MERCHANT_ID, hashKey: NEW_KEYS.hashKey.slice(1), hashIV: NEW_KEYS.hashIV }, 400],
		['no HashIV', { merchantId: MERCHANT_ID, hashKey: NEW_KEYS.hashKey }, 400],
		['an unknown merchant', { merchantId: '9999999', ...NEW_KEYS }, 404],
	])('refuses %s and keeps the old keys', async (_case, body, status) => {
		const answer = await sim.control('POST', 'merchants/keys', body);
		expect(answer.status).toBe(status);
		expect(JSON.stringify(answer.body)).not.toContain(NEW_KEYS.hashKey);
		expect((await sim.call('/api/Ticket/EscrowDay', { MerchantID: MERCHANT_ID })).RtnCode).toBe(1);
	});
});

describe('/_simulator/notifications/resend', () => {
	const sent: string[] = [];
	let acknowledge = true;
	beforeEach(async () => {
		await sim.close();
		sent.length = 0;
		acknowledge = true;
		sim = await startTestSimulator({
			notifyIntervalMs: 0,
			transport: async ({ body }) => {
				sent.push(body);
				return acknowledge ? { status: 200, body: '1|OK' } : { status: 500, body: 'busy' };
			},
		});
	});

	it('gives a resent notification 5 attempts of its own, its attempt numbers counting on', async () => {
		const order = await sim.issued({ ...orders.paper(), UseStatusNotifyURL: 'http://127.0.0.1:9/notify' });
		await sim.control('POST', 'tickets/redeem', { WriteOffNo: order.tickets[0].WriteOffNo });
		acknowledge = false;
		for (let i = 0; i < 4; i++) {
			await sim.deliverNow();
			sim.advance(sim.simulator.config.notifyRetryDelayMs);
		}
		acknowledge = true;
		expect((await sim.deliverNow()).map((d) => d.attempt)).toEqual([5]);
		await sim.control('POST', 'notifications/resend');
		acknowledge = false;
		const attempts: number[] = [];
		for (let i = 0; i < 6; i++) {
			attempts.push(...(await sim.deliverNow()).map((d) => d.attempt));
			sim.advance(sim.simulator.config.notifyRetryDelayMs);
		}
		expect(attempts).toEqual([6, 7, 8, 9, 10]);
		expect((await sim.control('GET', 'notifications')).body).toMatchObject({ notifications: [{ state: 'failed', attempts: 10, attemptsBeforeResend: 5 }] });
	});

	it('sends acknowledged notifications again, as ECPay resends one whose acknowledgement it did not get', async () => {
		const order = await sim.issued({ ...orders.paper(), UseStatusNotifyURL: 'http://127.0.0.1:9/notify' });
		const ids = await Promise.all(order.tickets.slice(0, 2).map(async (t) => ((await sim.control('POST', 'tickets/redeem', { WriteOffNo: t.WriteOffNo })).body.notificationIds as string[])[0]));
		expect((await sim.deliverNow()).map((d) => d.accepted)).toEqual([true, true]);
		expect(await sim.control('POST', 'notifications/resend', { ids: [ids[1]] })).toEqual({ status: 200, body: { resent: [ids[1]] } });
		const again = await sim.deliverNow();
		expect(again).toEqual([expect.objectContaining({ notificationId: ids[1], attempt: 2, accepted: true })]);
		expect(openRequest(codec, sent[2]).data).toEqual(openRequest(codec, sent[1]).data);
		// without ids: every acknowledged one
		expect((await sim.control('POST', 'notifications/resend')).body).toEqual({ resent: ids });
		expect((await sim.deliverNow()).map((d) => d.attempt)).toEqual([2, 3]);
	});

	it('leaves pending notifications alone and refuses ids that are not a list of texts', async () => {
		const order = await sim.issued({ ...orders.paper(), UseStatusNotifyURL: 'http://127.0.0.1:9/notify' });
		await sim.control('POST', 'tickets/redeem', { WriteOffNo: order.tickets[0].WriteOffNo });
		expect((await sim.control('POST', 'notifications/resend')).body).toEqual({ resent: [] });
		expect((await sim.control('POST', 'notifications/resend', { ids: 'N000001' })).status).toBe(400);
		expect((await sim.control('POST', 'notifications/resend', { ids: [1] })).status).toBe(400);
	});
});

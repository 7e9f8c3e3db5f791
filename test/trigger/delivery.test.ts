import type { IDataObject } from 'n8n-workflow';

import type { EcTicketCredentials } from '../../credentials/merchant';
import { hostTrigger, type HostedTrigger } from '../harness/webhookHost';
import { credentials, DIALECT, issueParams, MERCHANT, outputOf, run, startSim, ticketsOf, tradeNo, WRONG_KEY, type Sim } from '../node/fixtures';

/**
 * The simulator delivers its notifications, as ECPay would, to the trigger served behind a real
 * HTTP listener; the simulator judges each acknowledgement and retries what it refuses.
 */
const triggerCredentials = (hashKeySecret = MERCHANT.hashKey): EcTicketCredentials => ({
	environment: 'stage',
	merchantId: MERCHANT.merchantId,
	hashKeySecret,
	hashIvSecret: MERCHANT.hashIV,
});

interface Delivery {
	notificationId: string;
	kind: string;
	attempt: number;
	httpStatus: number | null;
	ackFormat: string | null;
	accepted: boolean;
}

let sim: Sim;
let host: HostedTrigger;
const RETRY_MS = 60_000;

async function deliveries(): Promise<Delivery[]> {
	return (await (await fetch(`${sim.url}/_simulator/deliveries`)).json()) as Delivery[];
}

/** A paper order whose notify URLs are the trigger's two URLs; returns its tickets. */
async function orderNotifyingTrigger() {
	const no = tradeNo('NTF');
	outputOf(await run(sim, issueParams('2', { merchantTradeNo: no, additionalFields: { useStatusNotifyUrl: host.useStatusUrl, refundNotifyUrl: host.refundUrl } })));
	return ticketsOf(sim, no);
}

beforeEach(async () => {
	sim = await startSim({ notifyIntervalMs: 0, notifyRetryDelayMs: RETRY_MS });
});
afterEach(async () => {
	await host.close();
	await sim.close();
});

it.each(['envelope', 'plain'])('acknowledged in the %s format: judged at the first attempt (dialect alt refuses 1|OK), one execution each', async (format) => {
	host = await hostTrigger({ credentials: triggerCredentials(), parameters: { options: { acknowledgement: format } } });
	const [first, second] = await orderNotifyingTrigger();
	sim.redeem({ WriteOffNo: first.WriteOffNo });
	sim.refund({ TicketNo: second.TicketNo });
	await sim.deliverNow();
	const log = await deliveries();
	expect(log.length).toBeGreaterThanOrEqual(2);
	const accepted = format === 'envelope' || DIALECT.plainAckAccepted;
	expect(log.every((d) => d.accepted === accepted && d.attempt === 1 && d.httpStatus === 200 && d.ackFormat === format)).toBe(true);
	// Three deliveries (the refund reaches both URLs), two events: one execution each.
	expect(log.length).toBe(3);
	const items = host.executions.map((e) => e[0].json as IDataObject);
	// Whether ECPay takes the acknowledgement or not, each event runs once (resends are duplicates).
	expect(items).toHaveLength(2);
	expect(items).toEqual(expect.arrayContaining([
		expect.objectContaining({ event: 'redeemed', notification: 'useStatus', TicketNo: first.TicketNo, UseStatus: DIALECT.notifiedUseStatus.redeem }),
		expect.objectContaining({ event: 'refunded', TicketNo: second.TicketNo }),
	]));
	const redeemed = items.find((item) => item.notification === 'useStatus' && item.TicketNo === first.TicketNo);
	expect(redeemed?.UseStatusLabel).toBe(DIALECT.notifiedRedeemLabel);
});

it('a refused acknowledgement (trigger with other keys) makes the simulator retry 4 times, then give up; nothing starts', async () => {
	host = await hostTrigger({ credentials: triggerCredentials(WRONG_KEY) });
	const [ticket] = await orderNotifyingTrigger();
	sim.redeem({ WriteOffNo: ticket.WriteOffNo });
	for (let attempt = 1; attempt <= 6; attempt++) {
		await sim.deliverNow();
		sim.advanceClock(RETRY_MS);
	}
	const log = await deliveries();
	// Data encrypted with the merchant's key does not decrypt with the trigger's: 400.
	expect(log.map((d) => [d.attempt, d.httpStatus, d.accepted])).toEqual([1, 2, 3, 4, 5].map((n) => [n, 400, false]));
	expect(new Set(log.map((d) => d.notificationId)).size).toBe(1);
	expect(host.executions).toHaveLength(0);
});

it('redeemed, un-redeemed and redeemed again on other days: three events, three executions, three keys; the resends none', async () => {
	host = await hostTrigger({ credentials: triggerCredentials() });
	const [ticket] = await orderNotifyingTrigger();
	const day = 86_400_000;
	sim.redeem({ WriteOffNo: ticket.WriteOffNo });
	sim.advanceClock(day);
	sim.redeem({ WriteOffNo: ticket.WriteOffNo, Action: '2' });
	sim.advanceClock(day);
	sim.redeem({ WriteOffNo: ticket.WriteOffNo });
	await sim.deliverNow();
	// Dialect alt does not notify the cancellation.
	const { redeem, cancel } = DIALECT.notifiedUseStatus;
	const keys = host.executions.map((e) => ({ status: e[0].json.UseStatus, event: e[0].json.event, key: e[0].json.dedupKey }));
	expect(keys).toHaveLength(cancel === undefined ? 2 : 3);
	expect(keys.filter((k) => k.status === redeem).map((k) => k.event)).toEqual(['redeemed', 'redeemed']);
	expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
});

it('a credential pointed at the simulator works for the node while the trigger answers its notifications', async () => {
	host = await hostTrigger({ credentials: triggerCredentials() });
	expect(credentials(sim).baseUrl).toBe(sim.url);
	const tickets = await orderNotifyingTrigger();
	expect(tickets.length).toBeGreaterThan(0);
	sim.refund({ TicketNo: tickets[0].TicketNo });
	await sim.deliverNow();
	expect((await deliveries()).every((d) => d.accepted)).toBe(true);
});

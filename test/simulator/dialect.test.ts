import type { BusinessData } from '../../protocol/envelope';
import { ENDPOINTS } from '../../protocol/rules/endpoints';
import { REFUND_ACTION, WRITE_OFF_ACTION } from '../../protocol/rules/codes';
import { createSimulator } from '../../simulator/simulator';
import { dialectAnswer, DIALECTS, UNKNOWN_FIELD, type Dialect } from '../../simulator/dialect';
import { alphanumericWriteOffNo } from '../../simulator/numbers';
import type { DeliveryAttempt, QueuedNotification } from '../../simulator/notifications';
import type { Order } from '../../simulator/store';
import { MERCHANT_ID, orders, startTestSimulator, tradeNo, type TestSimulator } from './client';
import { envelopeAck, plainAck, startReceiver, type Answer, type Receiver } from './receiver';
import { startCli } from '../../simulator/cliProcess';

/**
 * Dialect alt (issue 11, simulator/dialect.ts): every INFERRED fact answered the other plausible
 * way EVIDENCE.md records. Each test shows the alt answer beside the standard one.
 */

let sim: TestSimulator;
let running: TestSimulator | undefined;
const stop = async () => {
	await running?.close();
	running = undefined;
};
afterEach(stop);

const start = async (dialect: Dialect) => {
	sim = await startTestSimulator({ dialect, notifyIntervalMs: 0 });
	running = sim;
};

/** A paper order (issued at once): 10 × VQT04959 (680) and 10 × VNS21400 (560). */
const paperOrder = (extra: BusinessData = {}): Promise<Order> => sim.issued({ ...orders.paper(), ...extra });
const redeem = (writeOffNo: string, action: string = WRITE_OFF_ACTION.redeem) => sim.writeOff({ WriteOffNo: writeOffNo, Action: action });
const refund = (ticketNo: string, action: string = REFUND_ACTION.refund) => sim.refund({ TicketNo: ticketNo, Action: action });

/** Every string in an answer, nested lists included, with the path to it. */
function strings(value: unknown, path = ''): Array<[string, string]> {
	if (typeof value === 'string') return [[path, value]];
	if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
	return [];
}

describe('write-off numbers', () => {
	it('alt: 18 letters and digits like ECPay’s sample LEU4loiSZ9TDTWAtxL; TicketNo stays 16 upper-case alphanumerics', async () => {
		await start('alt');
		const order = await paperOrder();
		for (const ticket of order.tickets) {
			expect(ticket.WriteOffNo).toMatch(/^(?=.*[A-Z])(?=.*[a-z])[A-Za-z0-9]{18}$/);
			expect(ticket.TicketNo).toMatch(/^[A-Z0-9]{16}$/);
		}
		expect(new Set(order.tickets.map((t) => t.WriteOffNo)).size).toBe(order.tickets.length);
		const answer = await redeem(order.tickets[0].WriteOffNo);
		expect(answer).toMatchObject({ RtnCode: 1, WriteOffNo: order.tickets[0].WriteOffNo, UseStatus: 2 });
		expect(await sim.queryTicketStatus({ WriteOffNo: order.tickets[0].WriteOffNo })).toMatchObject({ RtnCode: 1, TicketNo: order.tickets[0].TicketNo });
	});

	it('standard: 18 digits', async () => {
		await start('standard');
		const order = await paperOrder();
		expect(order.tickets.every((t) => /^\d{18}$/.test(t.WriteOffNo))).toBe(true);
	});

	it('the alphanumeric numbers never repeat (100,000 in a row)', () => {
		const numbers = Array.from({ length: 100_000 }, (_, i) => alphanumericWriteOffNo(i + 1));
		expect(new Set(numbers).size).toBe(numbers.length);
		expect(numbers.every((n) => /^[A-Z][A-Za-z0-9]{8}[a-z][A-Za-z0-9]{8}$/.test(n))).toBe(true);
	});
});

describe('dates in answers', () => {
	it.each<[Dialect, string, string, string]>([
		['standard', '2025/06/02 10:00:00', '2025/06/02 10:00:00', '2025/07/02'],
		['alt', '20250602', '20250602', '20250702'],
	])('%s: WriteOffDate %s, IssueDate %s, EscrowExpiredDate %s, everywhere they appear', async (dialect, stamp, issued, escrow) => {
		await start(dialect);
		const order = await paperOrder();
		const [first, second] = order.tickets;
		expect(await redeem(first.WriteOffNo)).toMatchObject({ WriteOffDate: stamp, StartDate: '20250602', ExpiredDate: '20260602' });
		expect(await refund(second.TicketNo)).toMatchObject({ RefundDate: stamp });
		expect(await sim.queryTicketStatus({ TicketNo: first.TicketNo })).toMatchObject({ WriteOffDate: stamp });

		const info = await sim.queryOrderInfo({ MerchantTradeNo: order.merchantTradeNo, PageNum: 1 });
		expect(info).toMatchObject({ IssueDate: issued, EscrowExpiredDate: escrow });
		const list = info.TicketList as BusinessData[];
		expect(list[0]).toMatchObject({ WriteOffDate: stamp, RefundDate: '' });
		expect(list[1]).toMatchObject({ WriteOffDate: '', RefundDate: stamp });

		const refunds = await sim.queryRefundInfo({ MerchantTradeNo: order.merchantTradeNo });
		expect((refunds.RefundList as BusinessData[])[0]).toMatchObject({ TicketNo: second.TicketNo, RefundDate: stamp });

		const file = await sim.orderDetail({ ReportType: 2, BeginDate: '20250602' });
		const rows = String(file.FileContent).trim().split('\r\n').map((row) => row.split(','));
		const column = (name: string) => rows[0].indexOf(name);
		const firstRow = rows.find((row) => row[column('TicketNo')] === first.TicketNo) ?? [];
		expect(firstRow[column('IssueDate')]).toBe(issued);
		expect(firstRow[column('WriteOffDate')]).toBe(stamp);
		const orderFile = await (sim.advance(60_000), sim.orderDetail({ ReportType: 1, BeginDate: '20250602' }));
		const orderRows = String(orderFile.FileContent).trim().split('\r\n').map((row) => row.split(','));
		expect(orderRows[1][orderRows[0].indexOf('EscrowExpiredDate')]).toBe(escrow);

		if (dialect === 'alt') {
			// No yyyy/MM/dd left in any field of any answer (RtnMsg is free text and not a date field).
			const answers = [info, refunds, file, orderFile, await sim.queryTicketStatus({ TicketNo: second.TicketNo })];
			const slashed = answers.flatMap((a) => strings(a)).filter(([path, value]) => path !== 'RtnMsg' && /\d{4}\/\d{2}\/\d{2}/.test(value));
			expect(slashed).toEqual([]);
		}
	});
});

describe('QueryOrderInfo counts and amounts', () => {
	const STANDARD = ['UnusedCount', 'RedeemedCount', 'RefundedCount', 'UnusedAmount', 'RedeemedAmount', 'RefundedAmount'];

	it('alt: under the Rytass names (RedeemCount, UnUsedCount…), plus TotalRefundFee, PaymentProvider and Remark', async () => {
		await start('alt');
		const order = await paperOrder();
		await redeem(order.tickets[0].WriteOffNo);
		await refund(order.tickets[1].TicketNo);
		const info = await sim.queryOrderInfo({ MerchantTradeNo: order.merchantTradeNo, PageNum: 1 });
		expect(info).toMatchObject({
			RedeemCount: 1,
			RedeemAmount: 680,
			RefundCount: 1,
			RefundAmount: 680,
			UnUsedCount: 18,
			UnUsedAmount: 12_400 - 2 * 680,
			ExpiredCount: 0,
			ExpiredAmount: 0,
			TotalRefundFee: 0,
			PaymentProvider: '',
			Remark: '',
			TradeAmount: 12_400,
			TotalCount: 20,
		});
		for (const name of STANDARD) expect(info).not.toHaveProperty(name);

		const issuanceOnly = await sim.issuanceIssue({ ...orders.paper(), PaymentProvider: '2' });
		expect(issuanceOnly).toMatchObject({ RtnCode: 1 });
		const other = await sim.queryOrderInfo({ MerchantTradeNo: issuanceOnly.MerchantTradeNo, PageNum: 1 });
		expect(other).toMatchObject({ PaymentProvider: '2', RedeemCount: 0 });
	});

	it('standard: UnusedCount, RedeemedCount, RefundedCount…', async () => {
		await start('standard');
		const order = await paperOrder();
		const info = await sim.queryOrderInfo({ MerchantTradeNo: order.merchantTradeNo, PageNum: 1 });
		expect(info).toMatchObject({ UnusedCount: 20, RedeemedCount: 0, RefundedCount: 0, UnusedAmount: 12_400 });
		expect(info).not.toHaveProperty('RedeemCount');
		expect(info).not.toHaveProperty('SimDialect');
	});
});

describe('QueryIssueResult', () => {
	it.each<[Dialect, string[]]>([
		['standard', ['RtnCode', 'RtnMsg', 'MerchantTradeNo', 'FreeTradeNo', 'TicketTradeNo', 'Status', 'Remark']],
		['alt', ['RtnCode', 'RtnMsg', 'MerchantTradeNo', 'FreeTradeNo', 'Status', 'Remark', 'SimDialect']],
	])('%s answers %j', async (dialect, fields) => {
		await start(dialect);
		const no = tradeNo();
		await sim.issue(orders.electronic(no));
		const processing = await sim.queryIssueResult({ MerchantTradeNo: no });
		expect(Object.keys(processing)).toEqual(fields);
		expect(processing).toMatchObject({ Status: 3 });
		sim.advance(sim.simulator.config.issueDelayMs);
		expect(await sim.queryIssueResult({ MerchantTradeNo: no })).toMatchObject({ Status: 1, MerchantTradeNo: no });
	});
});

describe('the unknown extra field', () => {
	it('alt: SimDialect "alt" in every answer Data and every list entry, refusals included; Issue’s official answer unchanged', async () => {
		await start('alt');
		const issue = await sim.issue(orders.paper());
		expect(Object.keys(issue)).toEqual(['RtnCode', 'RtnMsg', 'MerchantTradeNo', 'FreeTradeNo', 'TicketTradeNo', 'TicketData']);
		expect((issue.TicketData as BusinessData[]).every((line) => !('SimDialect' in line))).toBe(true);

		const no = String(issue.MerchantTradeNo);
		const [ticket] = sim.simulator.store.findOrder(MERCHANT_ID, { merchantTradeNo: no, freeTradeNo: '' })?.tickets ?? [];
		await refund(ticket.TicketNo);
		const answers: Record<string, BusinessData> = {
			queryIssueResult: await sim.queryIssueResult({ MerchantTradeNo: no }),
			queryOrderInfo: await sim.queryOrderInfo({ MerchantTradeNo: no, PageNum: 1 }),
			queryTicketStatus: await sim.queryTicketStatus({ TicketNo: ticket.TicketNo }),
			queryRefundInfo: await sim.queryRefundInfo({ MerchantTradeNo: no }),
			queryPrintData: await sim.queryPrintData({ MerchantTradeNo: no }),
			queryItemInfo: await sim.queryItemInfo({ ItemNo: 'VQT04959' }),
			batchQueryItemInfo: await sim.batchQueryItemInfo({ PageNum: 1, ItemStatus: '2' }),
			escrowDay: await sim.escrowDay(),
			orderDetail: await sim.orderDetail({ ReportType: 1, BeginDate: '20250602' }),
			refusal: await sim.queryIssueResult({ MerchantTradeNo: 'NOSUCHORDER' }),
		};
		for (const [name, data] of Object.entries(answers)) expect([name, data.SimDialect]).toEqual([name, 'alt']);
		expect(answers.refusal).toMatchObject({ RtnCode: 3007 });
		const lists = ['TicketList', 'RefundList', 'PrintList', 'ItemList'].flatMap((list) =>
			Object.values(answers).flatMap((data) => (Array.isArray(data[list]) ? (data[list] as BusinessData[]) : [])),
		);
		expect(lists.length).toBeGreaterThan(40);
		expect(lists.every((entry) => entry.SimDialect === UNKNOWN_FIELD.SimDialect)).toBe(true);
	});

	it('dialectAnswer leaves standard answers and Issue’s answer as they are', () => {
		const data = { RtnCode: 1, RtnMsg: '成功', WriteOffDate: '2025/06/02 10:00:00' };
		expect(dialectAnswer('standard', ENDPOINTS.writeOff, data)).toBe(data);
		expect(dialectAnswer('alt', ENDPOINTS.issue, data)).toBe(data);
		expect(dialectAnswer('alt', ENDPOINTS.writeOff, data)).toEqual({ ...data, WriteOffDate: '20250602', SimDialect: 'alt' });
	});
});

describe('WriteOff Operator', () => {
	it.each(DIALECTS)('%s: required (rule tables), refused with 2001 when missing', async (dialect) => {
		await start(dialect);
		const order = await paperOrder();
		const answer = await sim.call(ENDPOINTS.writeOff, { MerchantID: MERCHANT_ID, WriteOffNo: order.tickets[0].WriteOffNo, Action: '1' });
		expect(answer).toMatchObject({ RtnCode: 2001, RtnMsg: expect.stringContaining('Operator') });
	});
});

describe('notifications', () => {
	let receiver: Receiver;
	let answer: Answer;
	beforeEach(async () => {
		answer = () => envelopeAck();
		receiver = await startReceiver((received, n) => answer(received, n));
	});
	afterEach(() => receiver.close());

	const notified = () => paperOrder({ UseStatusNotifyURL: `${receiver.url}/use`, RefundNotifyURL: `${receiver.url}/refund` });
	const deliver = async () => (await sim.control('POST', 'notifications/deliver')).body.attempts as DeliveryAttempt[];
	const queue = async () => (await sim.control('GET', 'notifications')).body.notifications as QueuedNotification[];

	it('alt: response-shaped (RpHeader, TransCode 1, TransMsg ""), UseStatus 1 redeemed / 2 refunded, yyyyMMdd dates, SimDialect', async () => {
		await start('alt');
		const order = await notified();
		const [first, second] = order.tickets;
		await redeem(first.WriteOffNo);
		await refund(second.TicketNo);
		expect((await deliver()).every((a) => a.accepted)).toBe(true);

		for (const got of receiver.received) {
			expect(got.opened.envelope).toMatchObject({ MerchantID: MERCHANT_ID, RpHeader: { Timestamp: Math.floor(sim.clock.ms / 1000) }, TransCode: 1, TransMsg: '' });
			expect(got.opened.envelope).not.toHaveProperty('RqHeader');
		}
		expect(receiver.dataAt('/use')).toEqual([
			expect.objectContaining({ TicketNo: first.TicketNo, UseStatus: 1, WriteOffDate: '20250602', RefundDate: '', SimDialect: 'alt' }),
			expect.objectContaining({ TicketNo: second.TicketNo, UseStatus: 2, WriteOffDate: '', RefundDate: '20250602', SimDialect: 'alt' }),
		]);
		expect(receiver.dataAt('/refund')).toEqual([
			expect.objectContaining({ TicketNo: second.TicketNo, RefundAmount: 680, RefundDate: '20250602', SimDialect: 'alt' }),
		]);
	});

	it('alt: cancellations are not notified (the skill’s codes have none for them); standard notifies them as unused (1)', async () => {
		for (const dialect of DIALECTS) {
			await start(dialect);
			const [ticket, other] = (await notified()).tickets;
			await redeem(ticket.WriteOffNo);
			await redeem(ticket.WriteOffNo, WRITE_OFF_ACTION.cancelRedemption);
			await refund(other.TicketNo);
			await refund(other.TicketNo, REFUND_ACTION.cancelRefund);
			const events = (await queue()).filter((n) => n.kind === 'useStatus').map((n) => [n.event, n.data.UseStatus]);
			expect([dialect, events]).toEqual(
				dialect === 'alt'
					? ['alt', [['redeem', 1], ['refund', 2]]]
					: ['standard', [['redeem', 2], ['cancelRedemption', 1], ['refund', 3], ['cancelRefund', 1]]],
			);
			await stop();
		}
	});

	it.each<[Dialect, boolean]>([
		['standard', true],
		['alt', false],
	])('%s: plain text 1|OK accepted: %s (alt retries it, as ECPay’s skill says)', async (dialect, accepted) => {
		await start(dialect);
		answer = () => plainAck();
		const order = await notified();
		await redeem(order.tickets[0].WriteOffNo);
		expect(await deliver()).toEqual([expect.objectContaining({ httpStatus: 200, ackFormat: 'plain', accepted })]);
		expect((await queue())[0]).toMatchObject(accepted ? { state: 'delivered' } : { state: 'pending', attempts: 1, lastReason: expect.stringMatching(/1\|OK/) });
		if (accepted) return;
		answer = () => envelopeAck();
		sim.advance(sim.simulator.config.notifyRetryDelayMs);
		expect(await deliver()).toEqual([expect.objectContaining({ attempt: 2, ackFormat: 'envelope', accepted: true })]);
	});
});

describe('choosing the dialect', () => {
	it('config dialect; health reports it; an unknown one is refused', async () => {
		await start('alt');
		expect((await sim.control('GET', 'health')).body).toMatchObject({ dialect: 'alt' });
		expect(() => createSimulator({ dialect: 'rytass' as Dialect })).toThrow(/dialect must be one of standard, alt/);
		expect(createSimulator({ dialect: undefined }).config.dialect).toBe('standard');
	});

	it('the CLI takes --dialect alt or ECTICKET_SIM_DIALECT=alt, and refuses another name', async () => {
		for (const [args, env] of [[['--dialect', 'alt'], {}], [[], { ECTICKET_SIM_DIALECT: 'alt' }]] as const) {
			const cli = await startCli(['--port', '0', '--notify-interval', '0', ...args], env);
			try {
				expect(cli.output()).toMatch(/dialect alt/);
				expect(await (await fetch(`${cli.url}/_simulator/health`)).json()).toMatchObject({ dialect: 'alt' });
			} finally {
				await cli.stop();
			}
		}
		await expect(startCli(['--port', '0', '--dialect', 'rytass'])).rejects.toThrow(/--dialect must be one of standard, alt/);
	});
});

import { addDays, addYears, daysBetween, NumberSequence, slashedDay, taiwanDateTime, taiwanDay, taiwanMinute } from '../../simulator/numbers';
import { createSimulator } from '../../simulator/simulator';
import { ISSUED, PROCESSING, TicketStore, type NewOrder } from '../../simulator/store';

const START = Date.UTC(2025, 11, 31, 16, 30); // 2026-01-01 00:30 in Taiwan

const draft = (merchantTradeNo: string, issueType: NewOrder['issueType'] = '3'): NewOrder => ({
	merchantId: '3085676',
	merchantTradeNo,
	freeTradeNo: '',
	issueType,
	printType: '',
	isImmediate: '1',
	storeId: '',
	operator: 'Op',
	customer: { name: '', phone: '', email: '', address: '' },
	refundNotifyUrl: '',
	useStatusNotifyUrl: '',
	lines: [{ itemNo: 'VQT04959', itemName: 'x', ticketType: 1, faceValue: 680, count: 2, startDate: '', expireDate: '' }],
});

describe('numbers', () => {
	it('uses Taiwan time', () => {
		expect(taiwanMinute(START)).toBe('202601010030');
		expect(taiwanDay(START)).toBe('20260101');
	});

	it('writes and moves Taiwan dates', () => {
		expect(taiwanDateTime(START)).toBe('2026/01/01 00:30:00');
		expect(slashedDay('20260101')).toBe('2026/01/01');
		expect(slashedDay('')).toBe('');
		expect(addDays('20250602', 30)).toBe('20250702');
		expect(addDays('20251231', 1)).toBe('20260101');
		expect(daysBetween('20250502', '20250601')).toBe(30);
		expect(addYears('20250602', 1)).toBe('20260602');
		expect(addYears('20240229', 1)).toBe('20250228');
		expect(addYears('20240229', 4)).toBe('20280229');
	});

	it('makes TicketTradeNo, TicketNo and WriteOffNo in ECTicket’s shapes, never repeating', () => {
		const numbers = new NumberSequence();
		expect(numbers.ticketTradeNo(START)).toBe('2026010100300001');
		const seen = new Set<string>();
		for (let i = 0; i < 2000; i++) {
			const { ticketNo, writeOffNo } = numbers.ticketNumbers(START);
			expect(ticketNo).toMatch(/^[A-Z0-9]{5}20260101003$/);
			expect(writeOffNo).toMatch(/^260101\d{12}$/);
			seen.add(ticketNo).add(writeOffNo);
		}
		expect(seen.size).toBe(4000);
	});
});

describe('TicketStore', () => {
	it('issues lazily once the delay has passed, dated by the job’s run', () => {
		let now = START;
		const store = new TicketStore(() => now, 5000);
		const order = store.accept(draft('A1'));
		expect(order).toMatchObject({ status: PROCESSING, acceptedAt: START, issueAt: START + 5000, tickets: [] });
		now += 60_000 * 60 * 24;
		expect(store.findOrder('3085676', { merchantTradeNo: 'A1', freeTradeNo: '' })?.status).toBe(ISSUED);
		expect(order.tickets.map((t) => t.StartDate)).toEqual(['20260101', '20260101']);
		expect(order.tickets[0].TicketNo.slice(5)).toBe('20260101003');
	});

	it('keeps numbers per merchant and marks them used for good', () => {
		const store = new TicketStore(() => START, 0);
		store.accept(draft('A1', '2'));
		expect(store.isUsed('3085676', { merchantTradeNo: 'A1', freeTradeNo: '' })).toBe(true);
		expect(store.isUsed('3085676', { merchantTradeNo: '', freeTradeNo: 'A1' })).toBe(false);
		expect(store.isUsed('2000132', { merchantTradeNo: 'A1', freeTradeNo: '' })).toBe(false);
		expect(store.orders('2000132')).toEqual([]);
	});
});

describe('createSimulator without I/O', () => {
	it('keeps a pickup voucher’s issue date + 1 year as its ExpiredDate', () => {
		const store = new TicketStore(() => START, 0);
		const order = store.accept(draft('A1', '2'));
		expect(order.tickets.map((t) => t.ExpiredDate)).toEqual(['20270101', '20270101']);
		expect(order).toMatchObject({ mode: 'escrow', paymentProvider: '', refunds: [] });
	});

	it('cannot deliver notifications without a transport', async () => {
		const simulator = createSimulator({ transport: undefined });
		await expect(simulator.deliverNow()).rejects.toThrow(/No transport/);
	});

	it('moves its clock by advanceClock and back to config.now() on reset', () => {
		const simulator = createSimulator({ now: () => START });
		simulator.advanceClock(60_000);
		expect(simulator.now()).toBe(START + 60_000);
		expect(simulator.clockOffsetMs).toBe(60_000);
		simulator.reset();
		expect(simulator.now()).toBe(START);
	});
});

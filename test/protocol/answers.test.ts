import { isoDate, readable } from '../../protocol/rules/answers';
import { compareHeldOrder, issuanceStateOf } from '../../protocol/rules/heldOrder';

describe('reading answers: every field passed through, a derived value correct or absent', () => {
	it.each([
		['20261231', '2026-12-31'],
		['2026/12/31', '2026-12-31'],
		['2026-12-31', '2026-12-31'],
		['2026/12/31 14:31:00', '2026-12-31T14:31:00+08:00'],
		['2026/12/31 14:31', '2026-12-31T14:31:00+08:00'],
		['20261231 14:31:00', '2026-12-31T14:31:00+08:00'],
		['2026/02/30', undefined],
		['2026/12/31 25:00:00', undefined],
		['31/12/2026', undefined],
		['', undefined],
	])('ISO form of %p: %p', (value, iso) => expect(isoDate(value)).toBe(iso));

	it('passes unknown fields through, in lists too', () => {
		const answer = readable({ RtnCode: 1, SimDialect: 'alt', TicketList: [{ TicketNo: 'A', Extra: { x: 1 } }] });
		expect(answer).toMatchObject({ RtnCode: 1, SimDialect: 'alt', TicketList: [{ TicketNo: 'A', Extra: { x: 1 } }] });
	});

	it.each([
		['redeemed with a WriteOffDate', { UseStatus: 2, WriteOffDate: '2026/12/06 10:00:00', RefundDate: '' }, 'redeemed'],
		['unused without dates', { UseStatus: 1, WriteOffDate: '', RefundDate: '' }, 'unused'],
		['refunded with a RefundDate', { UseStatus: 3, WriteOffDate: '', RefundDate: '20261206' }, 'refunded'],
		['code 1 with a WriteOffDate (the other reading: 1 = redeemed)', { UseStatus: 1, WriteOffDate: '20261206', RefundDate: '' }, undefined],
		['code 2 with a RefundDate (the other reading: 2 = refunded)', { UseStatus: 2, WriteOffDate: '', RefundDate: '20261206' }, undefined],
		['no dates to check against', { UseStatus: 2 }, undefined],
		['an unknown code', { UseStatus: 9, WriteOffDate: '', RefundDate: '' }, undefined],
	])('UseStatusLabel (contested codes) only when the ticket\'s dates agree: %s', (_case, ticket, label) => {
		const answer = readable(ticket);
		expect(answer.UseStatus).toBe(ticket.UseStatus);
		if (label) expect(answer.UseStatusLabel).toBe(label);
		else expect(answer).not.toHaveProperty('UseStatusLabel');
	});

	it('issuance states: 1 issued, 2 failed, 3 processing, anything else unknown (never a crash)', () => {
		expect([1, 2, 3, '1', 7, undefined].map(issuanceStateOf)).toEqual(['issued', 'failed', 'processing', 'issued', 'unknown', 'unknown']);
	});
});

describe('is the order ECPay holds this order?', () => {
	const sent = { IssueType: '3', CustomerName: '王小明', CustomerEmail: 'a@example.com', CustomerPhone: '0912345678', TicketInfo: [{ ItemNo: 'VQT04959', TicketAmount: 2 }, { ItemNo: 'VNS21400', TicketAmount: 1 }] };
	const heldTickets = [{ ItemNo: 'VNS21400' }, { ItemNo: 'VQT04959' }, { ItemNo: 'VQT04959' }];
	const held = { IssueType: '3', CustomerName: '王小明', CustomerEmail: 'a@example.com', CustomerPhone: '0912345678', CustomerAddress: '' };

	it('same: type, customer and tickets agree', () => {
		expect(compareHeldOrder(sent, held, heldTickets)).toEqual({ verdict: 'same', compared: ['IssueType', 'CustomerName', 'CustomerPhone', 'CustomerEmail', 'CustomerAddress', 'tickets'], differences: [] });
	});

	it('different: another quantity, another customer', () => {
		expect(compareHeldOrder(sent, held, heldTickets.slice(1)).differences).toEqual(['tickets: asked VNS21400 × 1, VQT04959 × 2, ECPay holds VQT04959 × 2']);
		expect(compareHeldOrder(sent, { ...held, CustomerEmail: 'b@example.com' }, heldTickets).verdict).toBe('different');
	});

	it('same when ECPay shows the customer masked or formatted otherwise (its QueryOrderInfo shape is inferred)', () => {
		const shown = { ...held, CustomerName: '王*明', CustomerEmail: 'A@Example.com', CustomerPhone: '0912-***-678' };
		expect(compareHeldOrder(sent, shown, heldTickets).verdict).toBe('same');
		expect(compareHeldOrder(sent, { ...held, CustomerName: '李*明' }, heldTickets).verdict).toBe('different');
		expect(compareHeldOrder(sent, { ...held, CustomerPhone: '0922***678' }, heldTickets).verdict).toBe('different');
	});

	it('same while ECPay still processes it (no tickets yet): type and customer agree', () => {
		expect(compareHeldOrder(sent, held, []).verdict).toBe('same');
	});

	it('unknown when ECPay\'s answer shows nothing that tells two orders apart', () => {
		expect(compareHeldOrder(sent, { IssueType: '3' }, []).verdict).toBe('unknown');
		expect(compareHeldOrder(sent, {}, []).verdict).toBe('unknown');
	});
});

import { toMobileNumber, toText, toWireDate, toWireLine, toWireNumber } from '../../protocol/wire';
import { ISSUE_TYPES } from '../../protocol/rules/issueTypes';

describe('values from spreadsheets and shops in ECPay\'s form', () => {
	it.each([
		[12345678, '12345678'],
		['  SHOP1001 ', 'SHOP1001'],
		[20261231, '20261231'],
		[null, null],
	])('text: %p → %p', (given, wire) => expect(toText(given)).toBe(wire));

	it.each([
		['20261231', '20261231'],
		['2026-12-31', '20261231'],
		['2026/12/31', '20261231'],
		[20261231, '20261231'],
		['2026-12-31T00:00:00', '20261231'],
		// An instant with an offset is the Taiwan date of that instant.
		['2026-12-30T16:00:00.000Z', '20261231'],
		['2026-12-31T23:30:00+08:00', '20261231'],
		['2026-12-31T20:00:00-05:00', '20270101'],
		['31/12/2026', '31/12/2026'],
	])('date: %p → %p', (given, wire) => expect(toWireDate(given)).toBe(wire));

	it.each([
		['2', 2],
		[' 3200 ', 3200],
		['3,200', 3200],
		['1,234,567', 1234567],
		['3.5', '3.5'],
		['two', 'two'],
		[7, 7],
	])('whole number: %p → %p', (given, wire) => expect(toWireNumber(given)).toBe(wire));

	it.each([
		['0912345678', '0912345678'],
		['0912-345-678', '0912345678'],
		['0912 345 678', '0912345678'],
		['+886 912-345-678', '0912345678'],
		['+886912345678', '0912345678'],
		['886-912-345-678', '0912345678'],
		['+886 0912 345 678', '0912345678'],
		['(09)12-345678', '0912345678'],
		[912345678, '0912345678'],
		['912345678', '0912345678'],
		['02-2345-6789', '02-2345-6789'],
		['0912-345-67a', '0912-345-67a'],
	])('Taiwan mobile number: %p → %p', (given, wire) => expect(toMobileNumber(given)).toBe(wire));

	it('a ticket line keeps only its IssueType\'s fields, in wire form, and passes unknown fields through', () => {
		const line = { ItemNo: 12345678, ItemName: 'ignored', TicketPrice: '3,200', TicketAmount: '2', StartDate: '2026-12-31', ExpireDate: 20271231, Note: 'gift wrap' };
		expect(toWireLine(line, { issueType: ISSUE_TYPES.paper.code })).toEqual({ ItemNo: '12345678', TicketAmount: 2, ExpireDate: '20271231', Note: 'gift wrap' });
		expect(toWireLine(line, { issueType: ISSUE_TYPES.serialNumber.code })).toEqual({ ItemName: 'ignored', TicketPrice: 3200, TicketAmount: 2, ExpireDate: '20271231', Note: 'gift wrap' });
		expect(toWireLine(line, { issueType: ISSUE_TYPES.electronic.code, startsLater: true })).toMatchObject({ StartDate: '20261231' });
		expect(toWireLine(line, { issueType: ISSUE_TYPES.electronic.code, startsLater: false })).not.toHaveProperty('StartDate');
	});
});

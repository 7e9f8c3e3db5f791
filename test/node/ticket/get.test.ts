import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { RTN_CODES } from '../../../simulator/rtnCodes';
import {
	CONTINUE,
	DIALECT,
	errorOf,
	errorResponseOf,
	lastCall,
	opParams,
	outputOf,
	paperOrder,
	requests,
	run,
	taiwanDay,
	useSimulator,
} from '../fixtures';

const sim = useSimulator();

const getTicket = (overrides: Parameters<typeof opParams>[2]) => opParams('ticket', 'get', overrides);

describe('Ticket › Get', () => {
	it('by Ticket No: the ticket with its order numbers, UseStatusLabel, TicketTypeLabel and ISO dates', async () => {
		const { no, tickets } = await paperOrder(sim);
		const [ticket] = tickets;
		const output = outputOf(await run(sim, getTicket({ ticketBy: 'ticketNo', ticketNo: ticket.TicketNo })));

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const today = taiwanDay(0);
		// Pickup vouchers without an Expire Date are valid for a year (simulator DECISION; 29 Feb → 28 Feb).
		const expired = ticket.ExpiredDate;
		expect(expired.slice(0, 4)).toBe(String(Number(today.wire.slice(0, 4)) + 1));
		expect(output[0].json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			FreeTradeNo: '',
			TicketTradeNo: expect.stringMatching(/^\d{16}$/),
			TicketNo: ticket.TicketNo,
			UseStatus: 1,
			UseStatusLabel: 'unused',
			ItemNo: 'VQT04959',
			ItemName: '下午茶套餐兌換券',
			TicketType: 1,
			TicketTypeLabel: 'pickup voucher',
			TicketAmount: 680,
			StartDate: today.wire,
			StartDateIso: today.dashed,
			WriteOffDate: '',
			RefundDate: '',
			ExpiredDate: expired,
			ExpiredDateIso: `${expired.slice(0, 4)}-${expired.slice(4, 6)}-${expired.slice(6)}`,
			WriteOffNo: ticket.WriteOffNo,
			...DIALECT.unknown,
		});
		// QueryTicketStatus takes both fields, the unused one empty.
		expect(lastCall(sim, ENDPOINTS.queryTicketStatus).data).toEqual({
			MerchantID: expect.any(String),
			TicketNo: ticket.TicketNo,
			WriteOffNo: '',
		});
	});

	it('by Write-Off No: the same ticket; a gift voucher is labelled as one', async () => {
		const expire = taiwanDay(40);
		const { tickets } = await paperOrder(sim, [
			{ itemNo: 'VQT04959', ticketAmount: 1 },
			{ itemNo: 'CK851236', ticketAmount: 1, expireDate: expire.dashed },
		]);
		const gift = tickets[1];
		const output = outputOf(await run(sim, getTicket({ ticketBy: 'writeOffNo', writeOffNo: gift.WriteOffNo })));

		expect(output[0].json).toMatchObject({
			TicketNo: gift.TicketNo,
			WriteOffNo: gift.WriteOffNo,
			ItemNo: 'CK851236',
			TicketType: 2,
			TicketTypeLabel: 'gift voucher',
			TicketAmount: 0,
			UseStatusLabel: 'unused',
			ExpiredDate: expire.wire,
			ExpiredDateIso: expire.dashed,
		});
		expect(lastCall(sim, ENDPOINTS.queryTicketStatus).data).toMatchObject({ TicketNo: '', WriteOffNo: gift.WriteOffNo });
	});

	it('trims the number the user pasted with spaces around it', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'BR103218', ticketAmount: 1 }]);
		const output = outputOf(await run(sim, getTicket({ ticketBy: 'writeOffNo', writeOffNo: ` ${tickets[0].WriteOffNo}  ` })));
		expect(output[0].json.TicketNo).toBe(tickets[0].TicketNo);
	});

	it('shows a redeemed ticket with WriteOffDate and its ISO form (Taiwan time)', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'VNS21400', ticketAmount: 1 }]);
		expect(sim.redeem({ WriteOffNo: tickets[0].WriteOffNo }).ok).toBe(true);
		const output = outputOf(await run(sim, getTicket({ ticketNo: tickets[0].TicketNo })));

		const json = output[0].json;
		expect(json).toMatchObject({ UseStatus: 2, UseStatusLabel: 'redeemed', WriteOffDate: expect.stringMatching(DIALECT.stamp) });
		expect(json.WriteOffDateIso).toBe(DIALECT.isoOf(String(json.WriteOffDate)));
		expect(json.WriteOffDateIso).toMatch(DIALECT.stampIso(taiwanDay(0).dashed));
		// The ISO form is the same instant as now (within a minute), when the stamp has a time of day.
		if (DIALECT.stampHasTime) expect(Math.abs(Date.parse(String(json.WriteOffDateIso)) - Date.now())).toBeLessThan(60_000);
		expect(json).not.toHaveProperty('RefundDateIso');
	});

	it('fails with RtnCode and RtnMsg for an unknown ticket', async () => {
		const error = errorOf(await run(sim, getTicket({ ticketNo: 'ZZZZ9999ZZZZ9999' })));
		const logged = lastCall(sim, ENDPOINTS.queryTicketStatus);
		expect(logged.rtnCode).toBe(RTN_CODES.ticketNotFound.code);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(`Item 0: ECPay refused the request: ${String(logged.rtnMsg)} (RtnCode ${RTN_CODES.ticketNotFound.code})`);
		expect(error.description).toContain(ENDPOINTS.queryTicketStatus);
		expect(errorResponseOf(error)).toEqual({ RtnCode: RTN_CODES.ticketNotFound.code, RtnMsg: logged.rtnMsg, ...DIALECT.unknown });
	});

	it('with Continue On Fail outputs {error, RtnCode, RtnMsg} for an unknown write-off number and answers the others', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		const output = outputOf(
			await run(sim, getTicket({ ticketBy: 'writeOffNo', writeOffNo: '={{ $json.w }}' }), {
				items: [{ w: '999999999999999999' }, { w: tickets[0].WriteOffNo }],
				onError: CONTINUE,
			}),
		);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toEqual({
			error: expect.stringContaining(`RtnCode ${RTN_CODES.ticketNotFound.code}`),
			description: expect.stringContaining(ENDPOINTS.queryTicketStatus),
			RtnCode: RTN_CODES.ticketNotFound.code,
			RtnMsg: expect.stringContaining('999999999999999999'),
			kind: 'refused',
		});
		expect(output[1].json).toMatchObject({ RtnCode: 1, TicketNo: tickets[0].TicketNo });
	});

	it('with On Error › Continue (using error output) routes the refused item to the error output, with its facts', async () => {
		const { tickets } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		const result = await run(sim, getTicket({ ticketBy: 'writeOffNo', writeOffNo: '={{ $json.w }}' }), {
			items: [{ w: '999999999999999999' }, { w: tickets[0].WriteOffNo }],
			onError: 'continueErrorOutput',
		});
		expect(outputOf(result).map((o) => o.json.TicketNo)).toEqual([tickets[0].TicketNo]);
		expect(result.errorOutput).toHaveLength(1);
		expect(result.errorOutput?.[0].json).toEqual({
			w: '999999999999999999',
			error: expect.stringContaining(`RtnCode ${RTN_CODES.ticketNotFound.code}`),
			details: expect.objectContaining({ RtnCode: RTN_CODES.ticketNotFound.code, kind: 'refused', description: expect.stringContaining(ENDPOINTS.queryTicketStatus) }),
		});
	});

	it.each([
		['a Ticket No of 17 characters', { ticketNo: 'ABCDEFGH123456789' }, 'Ticket No (TicketNo) must be at most 16 characters long'],
		['a Ticket No of spaces only', { ticketNo: '   ' }, 'Ticket No (TicketNo) is required'],
		['a Ticket No from an expression that resolves to nothing', { ticketNo: '={{ $json.missing }}' }, 'Ticket No (TicketNo) is required'],
		['a Write-Off No of 19 characters', { ticketBy: 'writeOffNo', writeOffNo: '20261125000001234XY' }, 'Write-Off No (WriteOffNo) must be at most 18 characters long'],
	])('refuses %s before any request', async (_name, parameters, text) => {
		const before = requests(sim).length;
		const error = errorOf(await run(sim, getTicket(parameters)));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/^Item 0: /);
		expect(error.message).toContain(text);
		expect(error.description).toContain('Nothing was sent to ECPay');
		expect(requests(sim).length).toBe(before);
	});
});

import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { PRODUCTS } from '../../../simulator/products';
import { RTN_CODES, RULE_RTN_CODES } from '../../../simulator/rtnCodes';
import {
	CONTINUE,
	errorOf,
	issuanceOf,
	issueCalls,
	issuedData,
	issueParams,
	MERCHANT,
	orderNoOf,
	outputOf,
	queryCalls,
	requests,
	run,
	startSim,
	taiwanDay,
	tradeNo,
	useSimulator,
	type Sim,
} from '../fixtures';

const SIXTEEN_DIGITS = /^\d{16}$/;
const ISSUE_DELAY_MS = 500;

const sim = useSimulator({ issueDelayMs: ISSUE_DELAY_MS });

const queriesFor = (orderNo: string) => queryCalls(sim).filter((r) => orderNoOf(r) === orderNo);
const orderIn = (no: string, gift = false) =>
	sim.simulator.store.findOrder(MERCHANT.merchantId, gift ? { merchantTradeNo: '', freeTradeNo: no } : { merchantTradeNo: no, freeTradeNo: '' });

const issuedState = (waitedSeconds: unknown = expect.any(Number)) => ({
	state: 'issued',
	Status: 1,
	StatusLabel: 'issued',
	Remark: '',
	waitedSeconds,
});

describe('Issue with Wait for Issuance: each IssueType', () => {
	it('issues convenience-store tickets (IssueType 1) after the scheduled job', async () => {
		const no = tradeNo('CVS');
		const output = outputOf(await run(sim, issueParams('1', { merchantTradeNo: no, waitForIssuance: true })));

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const json = output[0].json;
		expect(json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			FreeTradeNo: '',
			TicketTradeNo: expect.stringMatching(SIXTEEN_DIGITS),
			TicketData: [
				{ ItemNo: 'VQT04959', TicketAmount: 4 },
				{ ItemNo: 'VNS21400', TicketAmount: 4 },
			],
			issuance: issuedState(),
		});
		// The job takes 500 ms: the first poll saw "processing", the second one (after 1 s) "issued".
		expect(queriesFor(no).map((r) => r.rtnCode)).toEqual([1, 1]);
		expect(issuanceOf(json).waitedSeconds).toBeGreaterThanOrEqual(0.9);
		expect(orderIn(no)?.tickets).toHaveLength(8);

		// Exactly the Data of the official example was sent: nothing more, nothing less.
		expect(issuedData(sim, no)).toEqual({
			MerchantID: MERCHANT.merchantId,
			MerchantTradeNo: no,
			IssueType: '1',
			Operator: 'tester',
			CustomerEmail: 'buyer@example.com',
			TicketInfo: [
				{ ItemNo: 'VQT04959', TicketAmount: 4 },
				{ ItemNo: 'VNS21400', TicketAmount: 4 },
			],
		});
	});

	it('issues paper tickets (IssueType 2) and sees them issued on the first poll', async () => {
		const no = tradeNo('PAP');
		const output = outputOf(await run(sim, issueParams('2', { merchantTradeNo: no, waitForIssuance: true })));

		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			FreeTradeNo: '',
			TicketTradeNo: expect.stringMatching(SIXTEEN_DIGITS),
			TicketData: [
				{ ItemNo: 'VQT04959', TicketAmount: 10 },
				{ ItemNo: 'VNS21400', TicketAmount: 10 },
			],
			issuance: issuedState(),
		});
		expect(queriesFor(no)).toHaveLength(1);
		expect(issuanceOf(output[0].json).waitedSeconds).toBeLessThan(0.9);
		expect(issuedData(sim, no)).toEqual({
			MerchantID: MERCHANT.merchantId,
			MerchantTradeNo: no,
			IssueType: '2',
			PrintType: '2',
			Operator: 'tester',
			TicketInfo: [
				{ ItemNo: 'VQT04959', TicketAmount: 10 },
				{ ItemNo: 'VNS21400', TicketAmount: 10 },
			],
		});
	});

	it('issues electronic tickets (IssueType 3) usable immediately', async () => {
		const no = tradeNo('ELE');
		const output = outputOf(await run(sim, issueParams('3', { merchantTradeNo: no, waitForIssuance: true })));

		expect(output[0].json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			FreeTradeNo: '',
			TicketTradeNo: expect.stringMatching(SIXTEEN_DIGITS),
			TicketData: [
				{ ItemNo: 'VQT04959', TicketAmount: 8 },
				{ ItemNo: 'VNS21400', TicketAmount: 6 },
			],
			issuance: issuedState(),
		});
		expect(queriesFor(no).length).toBeGreaterThanOrEqual(2);
		expect(issuedData(sim, no)).toEqual({
			MerchantID: MERCHANT.merchantId,
			MerchantTradeNo: no,
			IssueType: '3',
			IsImmediate: '1',
			Operator: 'tester',
			CustomerName: '王珊珊',
			CustomerPhone: '0912345678',
			CustomerEmail: 'abc@example.com',
			TicketInfo: [
				{ ItemNo: 'VQT04959', TicketAmount: 8 },
				{ ItemNo: 'VNS21400', TicketAmount: 6 },
			],
		});
	});

	it('issues serial-number-only tickets (IssueType 4) named and priced by the order', async () => {
		const no = tradeNo('SER');
		const output = outputOf(await run(sim, issueParams('4', { merchantTradeNo: no, waitForIssuance: true })));

		expect(output[0].json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: no,
			FreeTradeNo: '',
			TicketTradeNo: expect.stringMatching(SIXTEEN_DIGITS),
			TicketData: [
				{ ItemName: '五星渡假飯店假日住宿券', TicketPrice: 6600, TicketAmount: 2 },
				{ ItemName: 'SPA課程體驗券', TicketPrice: 3200, TicketAmount: 4 },
			],
			issuance: issuedState(),
		});
		expect(issuedData(sim, no)).toEqual({
			MerchantID: MERCHANT.merchantId,
			MerchantTradeNo: no,
			IssueType: '4',
			Operator: 'tester',
			TicketInfo: [
				{ ItemName: '五星渡假飯店假日住宿券', TicketPrice: 6600, TicketAmount: 2 },
				{ ItemName: 'SPA課程體驗券', TicketPrice: 3200, TicketAmount: 4 },
			],
		});
		expect(orderIn(no)?.tickets.map((t) => t.TicketAmount)).toEqual([6600, 6600, 3200, 3200, 3200, 3200]);
	});
});

describe('Issue: dates, gift vouchers, JSON lines', () => {
	it('issues electronic tickets that start later (IsImmediate 2), the yyyy-MM-dd Start Date sent as yyyyMMdd', async () => {
		const no = tradeNo('PRE');
		const tomorrow = taiwanDay(1);
		const later = taiwanDay(7);
		const output = outputOf(
			await run(
				sim,
				issueParams('3', {
					merchantTradeNo: no,
					isImmediate: '2',
					tickets: {
						line: [
							{ itemNo: 'VQT04959', ticketAmount: 2, startDate: tomorrow.dashed },
							{ itemNo: 'BR103218', ticketAmount: 1, startDate: later.wire },
						],
					},
					waitForIssuance: true,
				}),
			),
		);
		expect(issuanceOf(output[0].json)).toEqual(issuedState());
		const sent = issuedData(sim, no);
		expect(sent.IsImmediate).toBe('2');
		expect(sent.TicketInfo).toEqual([
			{ ItemNo: 'VQT04959', TicketAmount: 2, StartDate: tomorrow.wire },
			{ ItemNo: 'BR103218', TicketAmount: 1, StartDate: later.wire },
		]);
		expect(orderIn(no)?.tickets.map((t) => t.StartDate)).toEqual([tomorrow.wire, tomorrow.wire, later.wire]);
	});

	it('issues a gift-voucher order by Free Trade No, the yyyy-MM-dd Expire Date sent as yyyyMMdd', async () => {
		const no = tradeNo('GFT');
		const expire = taiwanDay(30);
		const output = outputOf(
			await run(
				sim,
				issueParams('1', {
					orderKind: 'gift',
					merchantTradeNo: undefined,
					freeTradeNo: no,
					tickets: {
						line: [
							{ itemNo: 'CK851236', ticketAmount: 3, expireDate: expire.dashed },
							{ itemNo: 'GIFT0001', ticketAmount: 2, expireDate: expire.wire },
						],
					},
					waitForIssuance: true,
				}),
			),
		);
		expect(output[0].json).toEqual({
			RtnCode: 1,
			RtnMsg: '成功',
			MerchantTradeNo: '',
			FreeTradeNo: no,
			TicketTradeNo: expect.stringMatching(SIXTEEN_DIGITS),
			TicketData: [
				{ ItemNo: 'CK851236', TicketAmount: 3 },
				{ ItemNo: 'GIFT0001', TicketAmount: 2 },
			],
			issuance: issuedState(),
		});
		const sent = issuedData(sim, no);
		expect(sent).not.toHaveProperty('MerchantTradeNo');
		expect(sent.FreeTradeNo).toBe(no);
		expect(sent.TicketInfo).toEqual([
			{ ItemNo: 'CK851236', TicketAmount: 3, ExpireDate: expire.wire },
			{ ItemNo: 'GIFT0001', TicketAmount: 2, ExpireDate: expire.wire },
		]);
		// The wait asked by FreeTradeNo only.
		const queries = queryCalls(sim).filter((r) => r.data?.FreeTradeNo === no);
		expect(queries.length).toBeGreaterThanOrEqual(1);
		for (const q of queries) expect(q.data).toEqual({ MerchantID: MERCHANT.merchantId, FreeTradeNo: no });
		expect(orderIn(no, true)?.tickets.every((t) => t.ExpiredDate === expire.wire && t.TicketType === 2)).toBe(true);
	});

	it('takes the ticket lines From JSON, converting its dates', async () => {
		const no = tradeNo('JSN');
		const start = taiwanDay(2);
		const ticketsJson = JSON.stringify([
			{ ItemNo: 'VQT04959', TicketAmount: 1, StartDate: start.dashed },
			{ ItemNo: 'VNS21400', TicketAmount: 2, StartDate: start.wire },
		]);
		const output = outputOf(
			await run(sim, issueParams('3', { merchantTradeNo: no, isImmediate: '2', ticketsInput: 'json', ticketsJson })),
		);
		expect(output[0].json.TicketData).toEqual([
			{ ItemNo: 'VQT04959', TicketAmount: 1 },
			{ ItemNo: 'VNS21400', TicketAmount: 2 },
		]);
		expect(issuedData(sim, no).TicketInfo).toEqual([
			{ ItemNo: 'VQT04959', TicketAmount: 1, StartDate: start.wire },
			{ ItemNo: 'VNS21400', TicketAmount: 2, StartDate: start.wire },
		]);
	});

	it('takes the ticket lines From JSON mapped by an expression from each input item', async () => {
		const items = [
			{ orderNo: tradeNo('MAPA'), lines: [{ ItemNo: 'VQT04959', TicketAmount: 1 }] },
			{ orderNo: tradeNo('MAPB'), lines: [{ ItemNo: 'BR103218', TicketAmount: 3 }, { ItemNo: 'VNS21400', TicketAmount: 1 }] },
		];
		const output = outputOf(
			await run(
				sim,
				issueParams('2', { merchantTradeNo: '={{ $json.orderNo }}', ticketsInput: 'json', ticketsJson: '={{ $json.lines }}' }),
				{ items },
			),
		);
		expect(output.map((o) => o.json.TicketData)).toEqual(items.map((i) => i.lines));
		for (const item of items) expect(issuedData(sim, item.orderNo).TicketInfo).toEqual(item.lines);
	});

	it('sends whole numbers that arrive as text (forms, CSV) as numbers, and StartDate only where it applies', async () => {
		const no = tradeNo('TXT');
		const items = [{ qty: '3', price: '1200' }];
		const ticketsJson = '={{ [{ "ItemName": "SPA課程體驗券", "TicketPrice": $json.price, "TicketAmount": $json.qty, "StartDate": "20990101" }] }}';
		const output = outputOf(
			await run(sim, issueParams('4', { merchantTradeNo: no, ticketsInput: 'json', ticketsJson }), { items }),
		);
		expect(output[0].json.RtnCode).toBe(1);
		expect(issuedData(sim, no).TicketInfo).toEqual([{ ItemName: 'SPA課程體驗券', TicketPrice: 1200, TicketAmount: 3 }]);
	});

	it('accepts the boundaries: 8 convenience-store tickets, 100 electronic tickets', async () => {
		const cvs = tradeNo('B8');
		const ele = tradeNo('B100');
		const eight = await run(sim, issueParams('1', { merchantTradeNo: cvs, tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 8 }] } }));
		const hundred = await run(
			sim,
			issueParams('3', {
				merchantTradeNo: ele,
				tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 60 }, { itemNo: 'VNS21400', ticketAmount: 40 }] },
			}),
		);
		expect(outputOf(eight)[0].json.RtnCode).toBe(1);
		expect(outputOf(hundred)[0].json.RtnCode).toBe(1);
	});
});

describe('Issue: optional and conditional fields', () => {
	it('sends the Additional Fields: customer, branch and notify URLs', async () => {
		const no = tradeNo('ADD');
		const output = outputOf(
			await run(
				sim,
				issueParams('4', {
					merchantTradeNo: no,
					additionalFields: {
						customerName: 'Anna Chen',
						customerPhone: '0987654321',
						customerEmail: 'anna@example.com',
						storeId: 'TPE001',
						refundNotifyUrl: 'https://n8n.example.com/webhook/refund',
						useStatusNotifyUrl: 'https://n8n.example.com/webhook/use-status',
					},
				}),
			),
		);
		expect(output[0].json.RtnCode).toBe(1);
		expect(issuedData(sim, no)).toEqual({
			MerchantID: MERCHANT.merchantId,
			MerchantTradeNo: no,
			IssueType: '4',
			Operator: 'tester',
			StoreID: 'TPE001',
			RefundNotifyURL: 'https://n8n.example.com/webhook/refund',
			UseStatusNotifyURL: 'https://n8n.example.com/webhook/use-status',
			CustomerName: 'Anna Chen',
			CustomerPhone: '0987654321',
			CustomerEmail: 'anna@example.com',
			TicketInfo: [
				{ ItemName: '五星渡假飯店假日住宿券', TicketPrice: 6600, TicketAmount: 2 },
				{ ItemName: 'SPA課程體驗券', TicketPrice: 3200, TicketAmount: 4 },
			],
		});
		expect(orderIn(no)?.storeId).toBe('TPE001');
	});

	it('sends the customer name and address of paper tickets mailed to the customer', async () => {
		const no = tradeNo('MAIL');
		const output = outputOf(
			await run(
				sim,
				issueParams('2', {
					merchantTradeNo: no,
					printType: '1',
					mailToCustomer: true,
					customerName: '王小明',
					customerAddress: '台北市信義區市府路1號',
					waitForIssuance: true,
				}),
			),
		);
		expect(issuanceOf(output[0].json).state).toBe('issued');
		expect(issuedData(sim, no)).toMatchObject({
			IssueType: '2',
			PrintType: '1',
			CustomerName: '王小明',
			CustomerAddress: '台北市信義區市府路1號',
		});
		expect(orderIn(no)?.customer).toMatchObject({ name: '王小明', address: '台北市信義區市府路1號' });
	});

	it('trims the order number and text fields before sending', async () => {
		const no = tradeNo('TRIM');
		outputOf(await run(sim, issueParams('1', { merchantTradeNo: `  ${no} `, customerEmail: ' buyer@example.com ' })));
		expect(issuedData(sim, no)).toMatchObject({ MerchantTradeNo: no, CustomerEmail: 'buyer@example.com' });
	});
});

describe('Issue: the outcome of the wait', () => {
	it('without Wait for Issuance outputs the order as received only (not issued), says so in a hint, and never asks for the result', async () => {
		const no = tradeNo('NOW');
		const result = await run(sim, issueParams('3', { merchantTradeNo: no, waitForIssuance: false }));
		const output = outputOf(result);
		expect(output).toHaveLength(1);
		expect(output[0].json.RtnCode).toBe(1);
		expect(output[0].json.MerchantTradeNo).toBe(no);
		expect(output[0].json.issuance).toEqual({ state: 'received' });
		expect(result.hints).toEqual([expect.stringMatching(/^1 order\(s\) were only received by ECPay, not issued yet/)]);
		expect(queriesFor(no)).toHaveLength(0);
	});

	it('reports a failed issuance with its Remark (FAILS001)', async () => {
		const no = tradeNo('FAIL');
		const remark = PRODUCTS.find((p) => p.itemNo === 'FAILS001')?.failsIssuance;
		expect(remark).toBeTruthy();
		const output = outputOf(
			await run(
				sim,
				issueParams('3', {
					merchantTradeNo: no,
					tickets: { line: [{ itemNo: 'FAILS001', ticketAmount: 1 }] },
					waitForIssuance: true,
				}),
			),
		);
		expect(output[0].json.RtnCode).toBe(1);
		expect(output[0].json.issuance).toEqual({
			state: 'failed',
			Status: 2,
			StatusLabel: 'failed',
			Remark: remark,
			waitedSeconds: expect.any(Number),
		});
	});

	it('gives up after the Wait Timeout: state processing, waitTimedOut', async () => {
		const slow = await startSim({ issueDelayMs: 60_000 });
		try {
			const no = tradeNo('SLOW');
			const output = outputOf(
				await run(slow, issueParams('3', { merchantTradeNo: no, waitForIssuance: true, options: { waitTimeout: 1, pollInterval: 1 } })),
			);
			expect(output[0].json.RtnCode).toBe(1);
			expect(output[0].json.issuance).toEqual({
				state: 'processing',
				Status: 3,
				StatusLabel: 'processing',
				Remark: '',
				waitTimedOut: true,
				hint: expect.stringContaining('Get Issuance Result'),
				waitedSeconds: expect.any(Number),
			});
			expect(issuanceOf(output[0].json).waitedSeconds).toBeLessThanOrEqual(1);
			const queries = queryCalls(slow).filter((r) => orderNoOf(r) === no);
			expect(queries.length).toBeGreaterThanOrEqual(1);
		} finally {
			await slow.close();
		}
	});

	it('keeps polling until the Wait Timeout, never past it', async () => {
		const slow = await startSim({ issueDelayMs: 60_000 });
		try {
			const no = tradeNo('SLOW');
			const output = outputOf(
				await run(slow, issueParams('3', { merchantTradeNo: no, waitForIssuance: true, options: { waitTimeout: 3, pollInterval: 1 } })),
			);
			const issuance = issuanceOf(output[0].json);
			expect(issuance.state).toBe('processing');
			expect(issuance.waitTimedOut).toBe(true);
			expect(issuance.waitedSeconds).toBeGreaterThanOrEqual(1.9);
			// The last round is asked at the deadline itself; the wait ends with its answer.
			expect(issuance.waitedSeconds).toBeLessThanOrEqual(3.5);
			const queries = queryCalls(slow).filter((r) => orderNoOf(r) === no);
			expect(queries.length).toBeGreaterThanOrEqual(3);
			expect(queries.length).toBeLessThanOrEqual(5);
		} finally {
			await slow.close();
		}
	});
});

describe('Issue: ECPay refusals', () => {
	it('fails with a NodeApiError carrying RtnMsg and RtnCode for an unknown ItemNo', async () => {
		const no = tradeNo('UNK');
		const error = errorOf(
			await run(sim, issueParams('1', { merchantTradeNo: no, tickets: { line: [{ itemNo: 'ZZZ99999', ticketAmount: 1 }] } })),
		);
		const [logged] = issueCalls(sim).filter((r) => orderNoOf(r) === no);
		expect(logged.rtnCode).toBe(RTN_CODES.unknownItemNo.code);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain(logged.rtnMsg);
		expect(error.message).toContain(`RtnCode ${RTN_CODES.unknownItemNo.code}`);
		expect(error.message).toContain('ZZZ99999');
		expect(orderIn(no)).toBeUndefined();
	});

	it('with Continue On Fail outputs {error, RtnCode, RtnMsg} for a delisted product', async () => {
		const no = tradeNo('OLD');
		const output = outputOf(
			await run(sim, issueParams('2', { merchantTradeNo: no, tickets: { line: [{ itemNo: 'OLD00001', ticketAmount: 1 }] } }), {
				onError: CONTINUE,
			}),
		);
		const [logged] = issueCalls(sim).filter((r) => orderNoOf(r) === no);
		expect(logged.rtnCode).toBe(RTN_CODES.delistedItem.code);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toEqual({
			error: expect.stringContaining(`RtnCode ${RTN_CODES.delistedItem.code}`),
			description: expect.stringContaining(ENDPOINTS.issue),
			RtnCode: RTN_CODES.delistedItem.code,
			RtnMsg: logged.rtnMsg,
			kind: 'refused',
		});
		expect(output[0].json.error).toContain(String(logged.rtnMsg));
	});

	it('reports the same order sent again as issued before: ECPay\'s refusal kept, the held order and its real issuance state, never issued twice', async () => {
		const no = tradeNo('TWICE');
		const first = outputOf(await run(sim, issueParams('2', { merchantTradeNo: no })));
		expect(first[0].json.RtnCode).toBe(1);
		const result = await run(sim, issueParams('2', { merchantTradeNo: no, waitForIssuance: true }));
		const again = outputOf(result);
		expect(again[0].json).toMatchObject({
			RtnCode: RTN_CODES.tradeNoUsed.code,
			RtnMsg: expect.stringContaining('already used'),
			MerchantTradeNo: no,
			TicketTradeNo: first[0].json.TicketTradeNo,
			issuedBefore: true,
			comparedOn: ['IssueType', 'CustomerName', 'CustomerPhone', 'CustomerEmail', 'CustomerAddress', 'tickets'],
			issuance: { state: 'issued', Status: 1 },
		});
		expect(result.hints).toEqual([expect.stringContaining('had been issued before under the same number')]);
		expect(issueCalls(sim).filter((r) => orderNoOf(r) === no).map((r) => r.rtnCode)).toEqual([1, RTN_CODES.tradeNoUsed.code]);
		expect(orderIn(no)?.ticketTradeNo).toBe(first[0].json.TicketTradeNo);
	});

	it('leaves to ECPay what only the product listing knows: a gift voucher in a pickup order needs an Expire Date', async () => {
		const no = tradeNo('MIX');
		const error = errorOf(
			await run(
				sim,
				issueParams('2', {
					merchantTradeNo: no,
					tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 1 }, { itemNo: 'CK851236', ticketAmount: 1 }] },
				}),
			),
		);
		const [logged] = issueCalls(sim).filter((r) => orderNoOf(r) === no);
		expect(logged.rtnCode).toBe(RULE_RTN_CODES.required.code);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('TicketInfo[1].ExpireDate');
		expect(error.message).toContain(`RtnCode ${RULE_RTN_CODES.required.code}`);
	});

	it('shows the refusal of an inactive branch (Store ID)', async () => {
		const no = tradeNo('STORE');
		const error = errorOf(await run(sim, issueParams('2', { merchantTradeNo: no, additionalFields: { storeId: 'TXG003' } })));
		expect(error.message).toContain(`RtnCode ${RTN_CODES.unknownStore.code}`);
		expect(error.message).toContain('TXG003');
	});

	it('with Continue On Fail and Wait for Issuance waits only for the accepted orders', async () => {
		const items = [
			{ orderNo: tradeNo('CW'), itemNo: 'VQT04959' },
			{ orderNo: tradeNo('CW'), itemNo: 'ZZZ99999' },
			{ orderNo: tradeNo('CW'), itemNo: 'VNS21400' },
		];
		const output = outputOf(
			await run(
				sim,
				issueParams('3', {
					merchantTradeNo: '={{ $json.orderNo }}',
					tickets: { line: [{ itemNo: '={{ $json.itemNo }}', ticketAmount: 1 }] },
					waitForIssuance: true,
				}),
				{ items, onError: CONTINUE },
			),
		);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(issuanceOf(output[0].json).state).toBe('issued');
		expect(issuanceOf(output[2].json).state).toBe('issued');
		expect(output[1].json).toMatchObject({ RtnCode: RTN_CODES.unknownItemNo.code });
		expect(output[1].json).not.toHaveProperty('issuance');
		// One question only: does ECPay hold this refused order already? It does not: no polling.
		expect(queriesFor(items[1].orderNo)).toHaveLength(1);
	});

	it('without Continue On Fail stops starting new calls after a refusal', async () => {
		const nos = [tradeNo('STA'), tradeNo('STB'), tradeNo('STC')];
		const items = nos.map((orderNo, i) => ({ orderNo, itemNo: i === 1 ? 'ZZZ99999' : 'VQT04959' }));
		const error = errorOf(
			await run(
				sim,
				issueParams('2', {
					merchantTradeNo: '={{ $json.orderNo }}',
					tickets: { line: [{ itemNo: '={{ $json.itemNo }}', ticketAmount: 1 }] },
					options: { concurrency: 1 },
				}),
				{ items },
			),
		);
		expect(error.message).toContain(`RtnCode ${RTN_CODES.unknownItemNo.code}`);
		expect(error.context?.itemIndex).toBe(1);
		expect(issueCalls(sim).map(orderNoOf).filter((n) => nos.includes(String(n)))).toEqual([nos[0], nos[1]]);
	});
});

describe('Issue: many items in one execution', () => {
	it('resolves expressions per item, keeps the input order and pairs each output with its item', async () => {
		const items = [1, 2, 3, 4, 5].map((qty) => ({ orderNo: tradeNo(`EX${qty}`), qty, email: `buyer${qty}@example.com` }));
		const output = outputOf(
			await run(
				sim,
				issueParams('1', {
					merchantTradeNo: '={{ $json.orderNo }}',
					customerEmail: '={{ $json.email }}',
					tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: '={{ $json.qty }}' }] },
					options: { concurrency: 2 },
				}),
				{ items },
			),
		);
		expect(output).toHaveLength(items.length);
		output.forEach((out, i) => {
			expect(out.pairedItem).toEqual({ item: i });
			expect(out.json.MerchantTradeNo).toBe(items[i].orderNo);
			expect(out.json.TicketData).toEqual([{ ItemNo: 'VQT04959', TicketAmount: items[i].qty }]);
			expect(issuedData(sim, items[i].orderNo).CustomerEmail).toBe(items[i].email);
		});
		expect(new Set(output.map((o) => o.json.TicketTradeNo)).size).toBe(items.length);
	});

	it('waits for 12 orders along the frontier: the oldest order is watched alone, then each order is confirmed by one question', async () => {
		const before = requests(sim).length;
		const items = Array.from({ length: 12 }, (_, i) => ({ orderNo: tradeNo(`R${i}`) }));
		const output = outputOf(
			await run(
				sim,
				issueParams('3', {
					merchantTradeNo: '={{ $json.orderNo }}',
					waitForIssuance: true,
					options: { concurrency: 4, pollInterval: 1 },
				}),
				{ items },
			),
		);
		expect(output.map((o) => o.json.MerchantTradeNo)).toEqual(items.map((i) => i.orderNo));
		expect(output.map((o) => o.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		for (const o of output) expect(issuanceOf(o.json).state).toBe('issued');

		const log = requests(sim).slice(before);
		const issues = log.filter((r) => r.path === ENDPOINTS.issue);
		const queries = log.filter((r) => r.path === ENDPOINTS.queryIssueResult);
		expect(issues).toHaveLength(12);
		// Every order is accepted before the first question is asked.
		expect(log.findIndex((r) => r.path === ENDPOINTS.queryIssueResult)).toBeGreaterThanOrEqual(12);
		// While the oldest order is processing, only it is asked; then every order is asked once it is issued.
		const asked = queries.map((q) => String(orderNoOf(q)));
		const firstOther = asked.findIndex((no) => no !== items[0].orderNo);
		expect(firstOther).toBeGreaterThanOrEqual(2); // the first question saw the oldest order processing
		expect(asked.slice(0, firstOther).every((no) => no === items[0].orderNo)).toBe(true);
		expect(queries.slice(firstOther - 1).every((q) => q.rtnCode === 1)).toBe(true);
		expect(new Set(asked)).toEqual(new Set(items.map((i) => i.orderNo)));
		expect(queries.length).toBeLessThanOrEqual(firstOther + 11);
	});
});

describe('Issue: the whole order From JSON (Order Input)', () => {
	let jsonSim: Sim;
	beforeAll(async () => {
		jsonSim = await startSim();
	});
	afterAll(() => jsonSim.close());

	it('issues each item from one expression holding its whole order, exactly as mapped', async () => {
		const items = [
			{ order: { MerchantTradeNo: tradeNo('OJA'), Operator: 'shop', CustomerName: '王小明', CustomerPhone: '0912345678', CustomerEmail: 'a@example.com', IsImmediate: 1, TicketInfo: [{ ItemNo: 'VQT04959', TicketAmount: '2' }] } },
			{ order: { MerchantTradeNo: tradeNo('OJB'), Operator: 'shop', CustomerName: 'Amy Lin', CustomerPhone: '0987654321', CustomerEmail: 'b@example.com', IsImmediate: '1', TicketInfo: [{ ItemNo: 'VNS21400', TicketAmount: 1 }] } },
		];
		const output = outputOf(
			await run(jsonSim, { resource: 'ticket', operation: 'issue', issueType: '3', orderInput: 'json', orderJson: '={{ $json.order }}' }, { items }),
		);
		expect(output.map((o) => o.json.RtnCode)).toEqual([1, 1]);
		expect(issuedData(jsonSim, String(items[0].order.MerchantTradeNo))).toEqual({
			MerchantID: MERCHANT.merchantId,
			IssueType: '3',
			MerchantTradeNo: items[0].order.MerchantTradeNo,
			Operator: 'shop',
			CustomerName: '王小明',
			CustomerPhone: '0912345678',
			CustomerEmail: 'a@example.com',
			IsImmediate: '1',
			TicketInfo: [{ ItemNo: 'VQT04959', TicketAmount: 2 }],
		});
	});

	it('sends a field it does not know as given, with a hint, and refuses a broken rule inside the JSON before anything is sent', async () => {
		const unknown = tradeNo('OJU');
		const broken = tradeNo('OJR');
		const params = (order: object) => ({ resource: 'ticket', operation: 'issue', issueType: '3', orderInput: 'json', orderJson: JSON.stringify(order) });
		const valid = { Operator: 'shop', IsImmediate: '1', CustomerName: '王小明', CustomerPhone: '0912345678', CustomerEmail: 'a@example.com', TicketInfo: [{ ItemNo: 'VQT04959', TicketAmount: 1 }] };
		const first = await run(jsonSim, params({ ...valid, MerchantTradeNo: unknown, ShopNote: 'gift wrap' }));
		expect(outputOf(first)[0].json).toMatchObject({ RtnCode: 1, MerchantTradeNo: unknown });
		expect(issuedData(jsonSim, unknown)).toMatchObject({ ShopNote: 'gift wrap' });
		expect(first.hints).toEqual([expect.stringContaining('Order (JSON) holds ShopNote')]);
		const second = errorOf(await run(jsonSim, params({ MerchantTradeNo: broken, Operator: 'shop', IsImmediate: '1', CustomerName: '王小明', CustomerPhone: '0812345678', CustomerEmail: 'a@example.com', TicketInfo: [{ ItemNo: 'VQT04959', TicketAmount: 1 }] })));
		expect(second.message).toBe('Item 0: Customer Phone (CustomerPhone) must be a Taiwan mobile number: 10 digits starting with 09');
		expect(requests(jsonSim).filter((r) => String(orderNoOf(r)) === broken)).toHaveLength(0);
	});
});

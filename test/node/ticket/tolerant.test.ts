import type { INodeParameters } from 'n8n-workflow';

import { ISSUE_TYPES } from '../../../protocol/rules/issueTypes';
import { errorOf, issueCalls, issuedData, issueParams, orderNoOf, outputOf, run, taiwanDay, tradeNo, useSimulator } from '../fixtures';

/**
 * The Issue page's rules read as written, no stricter (issue 11): names as people write them,
 * phone numbers and numbers as shops and spreadsheets give them, Issue Type per item.
 */
const sim = useSimulator();

describe('Customer Name: pure Chinese or pure English, as people write them', () => {
	it.each([
		['Hsiao-Ming Wang'],
		["O'Brien"],
		['John Smith, Jr.'],
		['Mary Ann Lee'],
		['王小明'],
		['𡘙小明'],
		['歐陽·娜娜'],
	])('%s is sent', async (name) => {
		const no = tradeNo('NAME');
		outputOf(await run(sim, issueParams('3', { merchantTradeNo: no, customerName: name })));
		expect(issuedData(sim, no).CustomerName).toBe(name);
	});

	it.each([['Wang小明'], ['Anna3'], ['王 小明'], ['-Anna']])('%s is refused before sending, saying what is allowed', async (name) => {
		const no = tradeNo('NAMX');
		const error = errorOf(await run(sim, issueParams('3', { merchantTradeNo: no, customerName: name })));
		expect(error.message).toBe("Item 0: Customer Name (CustomerName) must be written entirely in Chinese, or entirely in English letters (spaces and - ' . , allowed), not mixed");
		expect(issueCalls(sim).filter((r) => orderNoOf(r) === no)).toHaveLength(0);
	});
});

describe('Customer Phone: normalised before the 09 rule, and the normalised form is sent', () => {
	it.each([['+886 912-345-678'], ['0912-345-678'], ['0912 345 678'], ['886912345678']])('%s → 0912345678', async (phone) => {
		const no = tradeNo('TEL');
		outputOf(await run(sim, issueParams('3', { merchantTradeNo: no, customerPhone: phone })));
		expect(issuedData(sim, no).CustomerPhone).toBe('0912345678');
	});

	it('a landline stays refused, with the rule', async () => {
		const error = errorOf(await run(sim, issueParams('3', { customerPhone: '02-2345-6789' })));
		expect(error.message).toBe('Item 0: Customer Phone (CustomerPhone) must be a Taiwan mobile number: 10 digits starting with 09');
	});
});

describe('spreadsheet and shop data: numbers where text is expected are converted, not refused', () => {
	it('order number, item number, dates and quantities as numbers (Order Input › From JSON)', async () => {
		const no = Number(`9${Date.now().toString().slice(-10)}`);
		const expire = Number(taiwanDay(60).wire);
		const order = { MerchantTradeNo: no, Operator: 'shop', PrintType: 2, TicketInfo: [{ ItemNo: 'VQT04959', TicketAmount: '3' }, { ItemNo: 'CK851236', TicketAmount: 1, ExpireDate: expire }] };
		const parameters: INodeParameters = { resource: 'ticket', operation: 'issue', issueType: ISSUE_TYPES.paper.code, orderInput: 'json', orderJson: JSON.stringify(order), waitForIssuance: false };
		const [item] = outputOf(await run(sim, parameters));
		expect(item.json).toMatchObject({ RtnCode: 1, MerchantTradeNo: String(no) });
		expect(issuedData(sim, String(no))).toMatchObject({
			MerchantTradeNo: String(no),
			PrintType: '2',
			TicketInfo: [{ ItemNo: 'VQT04959', TicketAmount: 3 }, { ItemNo: 'CK851236', TicketAmount: 1, ExpireDate: String(expire) }],
		});
	});

	it('a number-only item number from a spreadsheet column reaches ECPay as text (and ECPay decides whether it exists)', async () => {
		const no = tradeNo('NUM');
		const result = await run(sim, issueParams('2', { merchantTradeNo: no, ticketsInput: 'json', ticketsJson: '={{ [{ "ItemNo": 12345678, "TicketAmount": 1 }] }}' }), { onError: 'continueRegularOutput' });
		expect(issueCalls(sim).find((r) => orderNoOf(r) === no)?.data?.TicketInfo).toEqual([{ ItemNo: '12345678', TicketAmount: 1 }]);
		expect(outputOf(result)[0].json).toMatchObject({ kind: 'refused' });
	});
});

describe('Serial Number Only: Ticket Price has no usable default', () => {
	it('a line without a price is refused before sending, never issued at NT$0', async () => {
		const no = tradeNo('PRICE');
		const error = errorOf(await run(sim, issueParams('4', { merchantTradeNo: no, tickets: { line: [{ itemName: 'SPA課程體驗券', ticketAmount: 1 }] } })));
		expect(error.message).toBe('Item 0: Ticket Price (ticket line 1, TicketInfo[0].TicketPrice) is required');
		expect(issueCalls(sim).filter((r) => orderNoOf(r) === no)).toHaveLength(0);
	});

	it('a price typed or mapped as text is a number on the wire; NT$0 is sent when asked for', async () => {
		const no = tradeNo('PRICEZ');
		outputOf(await run(sim, issueParams('4', { merchantTradeNo: no, tickets: { line: [{ itemName: 'SPA課程體驗券', ticketPrice: '0', ticketAmount: 1 }, { itemName: '五星渡假飯店住宿券', ticketPrice: '6,600', ticketAmount: 1 }] } })));
		expect((issuedData(sim, no).TicketInfo as Array<{ TicketPrice: number }>).map((l) => l.TicketPrice)).toEqual([0, 6600]);
	});
});

describe('Issue Type per item from Order (JSON), with the right rules for each', () => {
	it('the JSON IssueType overrides the editor\'s, and each item is checked by its own type', async () => {
		const [paper, electronic, broken] = [tradeNo('TP'), tradeNo('TE'), tradeNo('TB')];
		const items = [
			{ order: { IssueType: '2', MerchantTradeNo: paper, Operator: 'shop', PrintType: '2', TicketInfo: [{ ItemNo: 'VQT04959', TicketAmount: 1 }] } },
			{ order: { IssueType: '3', MerchantTradeNo: electronic, Operator: 'shop', IsImmediate: '1', CustomerName: '王小明', CustomerPhone: '0912345678', CustomerEmail: 'a@example.com', TicketInfo: [{ ItemNo: 'VQT04959', TicketAmount: 1 }] } },
			{ order: { IssueType: 3, MerchantTradeNo: broken, Operator: 'shop', IsImmediate: '1', TicketInfo: [{ ItemNo: 'VQT04959', TicketAmount: 1 }] } },
		];
		const parameters: INodeParameters = { resource: 'ticket', operation: 'issue', issueType: ISSUE_TYPES.convenienceStore.code, orderInput: 'json', orderJson: '={{ $json.order }}', waitForIssuance: false };
		const output = outputOf(await run(sim, parameters, { items, onError: 'continueRegularOutput' }));
		expect(output[0].json).toMatchObject({ RtnCode: 1, MerchantTradeNo: paper });
		expect(output[1].json).toMatchObject({ RtnCode: 1, MerchantTradeNo: electronic });
		expect(output[2].json).toMatchObject({ kind: 'validation', field: 'CustomerName', error: 'Item 2: Customer Name (CustomerName) is required (and 2 more)' });
		expect([issuedData(sim, paper).IssueType, issuedData(sim, electronic).IssueType]).toEqual(['2', '3']);
	});
});

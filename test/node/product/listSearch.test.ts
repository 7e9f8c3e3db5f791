/**
 * Item No as a resource locator: "From List" is filled by the merchant's listed products
 * (BatchQueryItemInfo, through n8n-core's own LoadOptionsContext), searchable and paged; a picked
 * or typed number reaches ECPay the same way; and the typed-number modes check what ECPay's
 * official rules allow as the user types (Item No, Ticket No, Write-Off No).
 */
import type { INodeProperties, INodePropertyModeTypeOptions } from 'n8n-workflow';

import { EcPayEcTicket } from '../../../nodes/EcPayEcTicket/EcPayEcTicket.node';
import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { loadOptionsContext } from '../../harness/workflow';
import { credentials, issueCalls, issueParams, outputOf, requests, run, useSimulator } from '../fixtures';

const sim = useSimulator({ extraProducts: 450 });
const node = new EcPayEcTicket();
const search = (filter?: string, token?: string) =>
	node.methods.listSearch.searchProducts.call(loadOptionsContext({ credentials: credentials(sim), parameters: { resource: 'ticket', operation: 'issue' } }), filter, token);

describe('Item No › From List', () => {
	it('lists the listed products a page at a time, with name, number, kind and price', async () => {
		const first = await search();
		expect(first.results[0]).toEqual({ name: '下午茶套餐兌換券 (VQT04959)', value: 'VQT04959', description: expect.stringMatching(/NT\$680/) });
		expect(first.results.map((r) => r.value)).not.toContain('OLD00001'); // delisted
		expect(first.paginationToken).toBe('2');
		const pages = [first];
		for (let token = first.paginationToken; token; token = pages.at(-1)?.paginationToken) pages.push(await search(undefined, token));
		const all = pages.flatMap((p) => p.results.map((r) => r.value));
		expect(new Set(all).size).toBe(all.length);
		expect(all).toEqual(expect.arrayContaining(['VNS21400', 'EXT00001', 'EXT00450']));
		expect(requests(sim, ENDPOINTS.batchQueryItemInfo).slice(-pages.length).map((r) => r.data?.ItemStatus)).toEqual(pages.map(() => '1'));
	});

	it('finds products by part of their number or name', async () => {
		expect((await search('vns')).results.map((r) => r.value)).toEqual(['VNS21400']);
		expect((await search('電影')).results.map((r) => r.value)).toEqual(['VNS21400']);
	});

	it('fails with the credential problem, not a crash, when the keys are wrong', async () => {
		const ctx = loadOptionsContext({ credentials: credentials(sim, { hashKeySecret: 'X'.repeat(16) }), parameters: {} });
		await expect(node.methods.listSearch.searchProducts.call(ctx)).rejects.toThrow(/CheckMacValue|TransCode|verification|refused/i);
	});
});

describe('a picked or typed Item No', () => {
	it.each([
		['picked from the list', { __rl: true, mode: 'list', value: 'VQT04959', cachedResultName: '下午茶套餐兌換券 (VQT04959)' }],
		['typed', { __rl: true, mode: 'id', value: ' VQT04959 ' }],
		['a plain string of an older workflow', 'VQT04959'],
	])('is sent as the product number when %s', async (_, itemNo) => {
		const parameters = issueParams('3', { tickets: { line: [{ itemNo, ticketAmount: 2 }] } });
		outputOf(await run(sim, parameters));
		const sent = issueCalls(sim).find((r) => r.data?.MerchantTradeNo === parameters.merchantTradeNo);
		expect(sent?.data?.TicketInfo).toEqual([{ ItemNo: 'VQT04959', TicketAmount: 2 }]);
	});
});

describe('numbers checked as they are typed', () => {
	const all = (properties: INodeProperties[]): INodeProperties[] =>
		properties.flatMap((p) => [p, ...all(((p.options ?? []) as Array<{ values?: INodeProperties[] }>).flatMap((o) => o.values ?? []))]);
	const regexOf = (name: string) => {
		const locator = all(node.description.properties).find((p) => p.name === name && p.type === 'resourceLocator');
		const mode = locator?.modes?.find((m) => m.name === 'id');
		const rule = mode?.validation?.[0] as { properties: { regex: string } } | undefined;
		return new RegExp(rule?.properties.regex ?? '(?!)');
	};

	it.each([
		['itemNo', ['VQT04959', 'A1'], ['VQT049591', 'VQT-0495', '']],
		['ticketNo', ['CB2SY20220302153', 'ab-12'], ['CB2SY202203021531', 'CB2S Y2']],
		['writeOffNo', ['LEU4loiSZ9TDTWAtxL', '202611250000000001'], ['LEU4loiSZ9TDTWAtxL1', '2026 1125']],
	])('%s accepts what ECPay allows and refuses the rest', (name, good, bad) => {
		const regex = regexOf(name);
		for (const value of good) expect({ value, ok: regex.test(value) }).toEqual({ value, ok: true });
		for (const value of bad) expect({ value, ok: regex.test(value) }).toEqual({ value, ok: false });
	});

	it('the product list is searchable', () => {
		const locator = all(node.description.properties).find((p) => p.name === 'itemNo' && p.type === 'resourceLocator');
		const list = locator?.modes?.find((m) => m.name === 'list');
		expect(list?.typeOptions as INodePropertyModeTypeOptions).toEqual({ searchListMethod: 'searchProducts', searchable: true });
	});
});

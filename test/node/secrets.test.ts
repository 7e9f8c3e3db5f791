/**
 * The HashKey and HashIV never leave the credential: not in output items, not in error messages
 * or descriptions, not in the serialised errors or the execution record n8n stores — whatever
 * went right or wrong. Wrong keys a user typed are secrets too.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { EcTicketCredentials } from '../../credentials/merchant';
import type { RunResult } from '../harness/workflow';
import {
	CONTINUE,
	issueParams,
	MERCHANT,
	queryParams,
	run,
	useSimulator,
	tradeNo,
	WRONG_IV,
	WRONG_KEY,
	type RunOptions,
	type Sim,
} from './fixtures';

const SHORT_KEY = MERCHANT.hashKey.slice(0, 15);
const SHORT_IV = MERCHANT.hashIV.slice(0, 15);
const SECRETS = [MERCHANT.hashKey, MERCHANT.hashIV, WRONG_KEY, WRONG_IV, SHORT_KEY, SHORT_IV];

const sim = useSimulator({ issueDelayMs: 200 });

/** Every string reachable from a value, own non-enumerable properties (message, stack, cause) included. */
function stringsIn(value: unknown, seen = new Set<unknown>(), depth = 0): string[] {
	if (typeof value === 'string') return [value];
	if (typeof value !== 'object' || value === null || seen.has(value) || depth > 8) return [];
	seen.add(value);
	const out: string[] = [];
	for (const key of Object.getOwnPropertyNames(value)) {
		let child: unknown;
		try {
			child = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		out.push(key, ...stringsIn(child, seen, depth + 1));
	}
	return out;
}

function expectNoSecrets(result: RunResult) {
	const error = result.error;
	const texts = [
		JSON.stringify(result.output ?? []),
		error?.message ?? '',
		error?.description ?? '',
		JSON.stringify(error ?? {}),
		JSON.stringify(result.run),
		...stringsIn(error),
		...stringsIn(result.output),
	].map((t) => t.toLowerCase());
	for (const secret of SECRETS) {
		const needle = secret.toLowerCase();
		const leaks = texts.filter((t) => t.includes(needle));
		expect(leaks).toEqual([]);
	}
}

interface Scenario {
	name: string;
	parameters: () => INodeParameters;
	options?: RunOptions;
	credentials?: (sim: Sim) => Partial<EcTicketCredentials>;
	/** What the run must have produced, so the scenario really went the way its name says. */
	expect: (result: RunResult) => void;
}

const failedWith = (text: string) => (result: RunResult) => {
	expect(result.error?.message ?? '').toContain(text);
};
const outputWith = (check: (json: Record<string, unknown>[]) => void) => (result: RunResult) => {
	expect(result.error).toBeUndefined();
	check((result.output ?? []).map((o) => o.json));
};

const scenarios: Scenario[] = [
	{
		name: 'a successful issuance with Wait for Issuance',
		parameters: () => issueParams('3', { merchantTradeNo: tradeNo('S'), waitForIssuance: true }),
		expect: outputWith((json) => expect(json[0].issuance).toMatchObject({ state: 'issued' })),
	},
	{
		name: 'a successful Get Issuance Result of an unknown order under Continue On Fail',
		parameters: () => queryParams({ merchantTradeNo: tradeNo('U') }),
		options: { onError: CONTINUE },
		expect: outputWith((json) => expect(json[0].RtnCode).toBe(3007)),
	},
	{
		name: 'an order ECPay refuses',
		parameters: () => issueParams('2', { merchantTradeNo: tradeNo('R'), tickets: { line: [{ itemNo: 'ZZZ99999', ticketAmount: 1 }] } }),
		expect: failedWith('RtnCode'),
	},
	{
		name: 'an order ECPay refuses, under Continue On Fail',
		parameters: () => issueParams('2', { merchantTradeNo: tradeNo('R'), tickets: { line: [{ itemNo: 'OLD00001', ticketAmount: 1 }] } }),
		options: { onError: CONTINUE },
		expect: outputWith((json) => expect(json[0].RtnCode).toBe(3003)),
	},
	{
		name: 'an invalid item',
		parameters: () => issueParams('3', { merchantTradeNo: tradeNo('V'), customerPhone: '12345' }),
		expect: failedWith('Item 0: Customer Phone'),
	},
	{
		name: 'an invalid item, under Continue On Fail',
		parameters: () => issueParams('3', { merchantTradeNo: tradeNo('V'), customerPhone: '12345' }),
		options: { onError: CONTINUE },
		expect: outputWith((json) => expect(json[0].error).toContain('Customer Phone')),
	},
	{
		name: 'a wrong Hash Key',
		parameters: () => issueParams('2', { merchantTradeNo: tradeNo('K') }),
		credentials: () => ({ hashKeySecret: WRONG_KEY }),
		expect: failedWith('TransCode'),
	},
	{
		name: 'a wrong Hash Key, under Continue On Fail',
		parameters: () => issueParams('2', { merchantTradeNo: tradeNo('K') }),
		credentials: () => ({ hashKeySecret: WRONG_KEY }),
		options: { onError: CONTINUE },
		expect: outputWith((json) => expect(json[0].error).toContain('TransCode')),
	},
	{
		name: 'a wrong Hash IV',
		parameters: () => queryParams({ merchantTradeNo: tradeNo('I') }),
		credentials: () => ({ hashIvSecret: WRONG_IV }),
		expect: failedWith('TransCode'),
	},
	{
		name: 'a wrong Merchant ID',
		parameters: () => issueParams('2', { merchantTradeNo: tradeNo('M') }),
		credentials: () => ({ merchantId: '2000132' }),
		expect: failedWith('TransCode'),
	},
	{
		name: 'a Hash Key of 15 characters',
		parameters: () => issueParams('2', { merchantTradeNo: tradeNo('L') }),
		credentials: () => ({ hashKeySecret: SHORT_KEY }),
		expect: failedWith('16 ASCII characters'),
	},
	{
		name: 'a Hash IV of 15 characters, under Continue On Fail',
		parameters: () => issueParams('2', { merchantTradeNo: tradeNo('L') }),
		credentials: () => ({ hashIvSecret: SHORT_IV }),
		options: { onError: CONTINUE },
		expect: (result) => {
			// An unusable credential fails the whole execution, or becomes the item's error.
			const text = result.error?.message ?? JSON.stringify(result.output);
			expect(text).toContain('16 ASCII characters');
		},
	},
	{
		name: 'a server that cannot be reached',
		parameters: () => issueParams('2', { merchantTradeNo: tradeNo('N') }),
		credentials: () => ({ baseUrl: 'http://127.0.0.1:1' }),
		expect: (result) => expect(result.error).toBeDefined(),
	},
];

describe('secrets never leak', () => {
	it('(the check itself finds a key that is there)', async () => {
		// A key pasted into the input data ends up in the execution record: the check must see it.
		const result = await run(sim, issueParams('2', { merchantTradeNo: tradeNo('C') }), {
			items: [{ note: `pasted ${MERCHANT.hashIV} by mistake` }],
		});
		expect(result.error).toBeUndefined();
		expect(() => expectNoSecrets(result)).toThrow();
	});

	it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		const result = await run(sim, scenario.parameters(), {
			...scenario.options,
			credentials: scenario.credentials?.(sim),
		});
		scenario.expect(result);
		expectNoSecrets(result);
	});

	it('a batch mixing issued, refused and invalid items under Continue On Fail', async () => {
		const items = [
			{ orderNo: tradeNo('B'), itemNo: 'VQT04959' },
			{ orderNo: tradeNo('B'), itemNo: 'ZZZ99999' },
			{ orderNo: 'NOT-VALID', itemNo: 'VQT04959' },
			{ orderNo: tradeNo('B'), itemNo: 'FAILS001' },
		];
		const result = await run(
			sim,
			issueParams('3', {
				merchantTradeNo: '={{ $json.orderNo }}',
				tickets: { line: [{ itemNo: '={{ $json.itemNo }}', ticketAmount: 1 }] },
				waitForIssuance: true,
			}),
			{ items, onError: CONTINUE },
		);
		const json = (result.output ?? []).map((o) => o.json);
		expect(json.map((j) => (j.issuance as { state?: string } | undefined)?.state ?? j.error)).toEqual([
			'issued',
			expect.stringContaining('RtnCode'),
			expect.stringContaining('Item 2: Merchant Trade No'),
			'failed',
		]);
		expectNoSecrets(result);
	});
});

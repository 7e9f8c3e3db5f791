import { Codec } from '../../protocol/crypto';
import { sealRequest } from '../../protocol/envelope';
import type { EcTicketCredentials } from '../../credentials/merchant';
import { defaultConfig } from '../../simulator/config';
import { hostTrigger, type HostedTrigger } from '../harness/webhookHost';
import { prng } from '../../simulator/prng';

/**
 * 10,000 hostile bodies against the trigger over real HTTP: random bytes, mutated valid
 * envelopes, wrong types, deep nesting, oversize. Every one must get a 4xx and start nothing.
 */
const MERCHANT = defaultConfig().merchants[0];
const codec = new Codec({ hashKey: MERCHANT.hashKey, hashIV: MERCHANT.hashIV });
const credentials: EcTicketCredentials = {
	environment: 'stage',
	merchantId: MERCHANT.merchantId,
	hashKeySecret: MERCHANT.hashKey,
	hashIvSecret: MERCHANT.hashIV,
};
const SEED = 0xec71c4e7;
const CASES = 10_000;

const valid = () =>
	sealRequest(codec, { merchantId: MERCHANT.merchantId }, {
		MerchantID: MERCHANT.merchantId,
		MerchantTradeNo: 'FUZZ0001',
		TicketNo: 'CB2SY20220302153',
		UseStatus: 2,
	}) as unknown as Record<string, unknown>;

type Body = { kind: string; body: string | Uint8Array };

function makeCase(random: () => number): Body {
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	const text = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('');
	const flip = (s: string) => {
		const i = Math.floor(random() * s.length);
		const c = s[i] === 'A' ? 'B' : 'A';
		return s.slice(0, i) + c + s.slice(i + 1);
	};
	const kind = pick(['bytes', 'text', 'data', 'mac', 'merchant', 'types', 'missing', 'nested', 'array', 'oversize', 'json']);
	const envelope = valid();
	switch (kind) {
		case 'bytes':
			return { kind, body: Uint8Array.from({ length: 1 + Math.floor(random() * 2000) }, () => Math.floor(random() * 256)) };
		case 'text':
			return { kind, body: text(1 + Math.floor(random() * 500)) };
		case 'data':
			return { kind, body: JSON.stringify({ ...envelope, Data: flip(String(envelope.Data)) }) };
		case 'mac':
			return { kind, body: JSON.stringify({ ...envelope, CheckMacValue: flip(String(envelope.CheckMacValue)) }) };
		case 'merchant':
			return { kind, body: JSON.stringify({ ...envelope, MerchantID: pick(['', '2000132', '30856760', 3085676, null]) }) };
		case 'types': {
			const field = pick(['MerchantID', 'Data', 'CheckMacValue', 'RqHeader', 'PlatformID']);
			return { kind, body: JSON.stringify({ ...envelope, [field]: pick([1, true, [], {}, ['x'], { Timestamp: 'now' }]) }) };
		}
		case 'missing': {
			const copy = { ...envelope };
			delete copy[pick(['MerchantID', 'Data', 'CheckMacValue', 'RqHeader'])];
			return { kind, body: JSON.stringify(copy) };
		}
		case 'nested': {
			const depth = 1 + Math.floor(random() * 20_000);
			return { kind, body: '{"Data":'.repeat(depth) + '1' + '}'.repeat(depth) };
		}
		case 'array':
			return { kind, body: JSON.stringify([envelope, envelope]) };
		case 'oversize':
			return { kind, body: JSON.stringify({ ...envelope, Pad: 'x'.repeat(65_000 + Math.floor(random() * 200_000)) }) };
		default:
			return { kind, body: JSON.stringify(pick([null, 0, '', 'Data', { Data: null }, { RqHeader: {} }, envelope.Data])) };
	}
}

let host: HostedTrigger;
beforeAll(async () => {
	host = await hostTrigger({ credentials });
});
afterAll(async () => host.close());

it(`answers ${CASES} hostile bodies with a 4xx each and starts no execution (seed ${SEED.toString(16)})`, async () => {
	const random = prng(SEED);
	const cases = Array.from({ length: CASES }, () => makeCase(random));
	const statuses = new Map<number, number>();
	const kinds = new Map<string, number>();
	let next = 0;
	const worker = async () => {
		while (next < cases.length) {
			const { kind, body } = cases[next++];
			const response = await fetch(host.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
			await response.arrayBuffer();
			statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
			kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
			if (response.status < 400 || response.status >= 500) {
				throw new Error(`case ${next - 1} (${kind}) got HTTP ${response.status}`);
			}
		}
	};
	await Promise.all(Array.from({ length: 8 }, worker));
	expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
	expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(CASES);
	expect(kinds.size).toBe(11);
	expect(host.executions).toHaveLength(0);
	// The trigger still works after the storm.
	const ok = await fetch(host.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(valid()) });
	expect(ok.status).toBe(200);
	expect(host.executions).toHaveLength(1);
}, 120_000);

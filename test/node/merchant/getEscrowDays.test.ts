import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { DEFAULT_ESCROW_DAYS } from '../../../protocol/rules/answers';
import { defaultConfig } from '../../../simulator/config';
import { DIALECT, lastCall, MERCHANT, opParams, outputOf, paperOrder, run, startSim, taiwanDay, type Sim } from '../fixtures';

const escrowDays = opParams('merchant', 'getEscrowDays');

describe('Merchant › Get Escrow Days', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim({ escrowDays: 45 });
	});
	afterAll(() => sim.close());

	it('answers the merchant\'s escrow days (45)', async () => {
		const output = outputOf(await run(sim, escrowDays));
		expect(output).toEqual([{ json: { RtnCode: 1, RtnMsg: '成功', EscrowDay: 45, ...DIALECT.unknown }, pairedItem: { item: 0 } }]);
		expect(lastCall(sim, ENDPOINTS.escrowDay).data).toEqual({ MerchantID: MERCHANT.merchantId });
	});

	it('agrees with the EscrowExpiredDate of an order issued today', async () => {
		const { no } = await paperOrder(sim, [{ itemNo: 'VQT04959', ticketAmount: 1 }]);
		const order = outputOf(await run(sim, opParams('order', 'get', { merchantTradeNo: no })));
		expect(order[0].json.EscrowExpiredDateIso).toBe(taiwanDay(45).dashed);
	});

	it('answers once per input item', async () => {
		const output = outputOf(await run(sim, escrowDays, { items: [{}, {}, {}] }));
		expect(output.map((o) => [o.json.EscrowDay, o.pairedItem])).toEqual([
			[45, { item: 0 }],
			[45, { item: 1 }],
			[45, { item: 2 }],
		]);
	});
});

describe('Merchant › Get Escrow Days: defaults and per-merchant settings', () => {
	it(`a simulator without configuration answers the default (${DEFAULT_ESCROW_DAYS})`, async () => {
		const sim = await startSim();
		try {
			expect(outputOf(await run(sim, escrowDays))[0].json.EscrowDay).toBe(DEFAULT_ESCROW_DAYS);
		} finally {
			await sim.close();
		}
	});

	it('a merchant\'s own escrow days win over the simulator-wide ones', async () => {
		const merchants = defaultConfig().merchants.map((m) => ({ ...m, escrowDays: 7 }));
		const sim = await startSim({ escrowDays: 45, merchants });
		try {
			expect(outputOf(await run(sim, escrowDays))[0].json.EscrowDay).toBe(7);
		} finally {
			await sim.close();
		}
	});
});

/**
 * The output schemas n8n's editor shows before the node ran (nodes/EcPayEcTicket/__schema__):
 * one per operation, exactly what the node outputs against the simulator, and in the other
 * dialect still of the same types wherever they name a field.
 */
import { EcPayEcTicket } from '../../nodes/EcPayEcTicket/EcPayEcTicket.node';
import { mismatches, outputSamples, schemasOf, type JsonSchema, type Samples } from '../harness/outputSamples';
import { SIM_DIALECT, startSim, type Sim } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { files } = require('../../scripts/output-schemas.js') as { files: (schemas: object, version: number) => Array<{ file: string; text: string }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { read } = require('../harness/sourceTree') as { read: (path: string) => string };

const description = new EcPayEcTicket().description;
const operations = description.properties
	.filter((p) => p.name === 'operation')
	.flatMap((p) => (p.options ?? []).map((o) => `${p.displayOptions?.show?.resource?.[0]}/${(o as { value: string }).value}`));

let sim: Sim;
let samples: Samples;
beforeAll(async () => {
	sim = await startSim({ issueDelayMs: 0 });
	samples = await outputSamples(sim.url);
}, 60_000);
afterAll(() => sim?.close());

const committed = (key: string): JsonSchema => {
	const [{ file }] = files({ [key]: {} }, description.version as number);
	return JSON.parse(read(file.slice(file.indexOf('nodes/')))) as JsonSchema;
};

describe('output schemas (__schema__)', () => {
	it('exist for every operation of the node, and only for them', () => {
		expect(operations).toHaveLength(14);
		expect(Object.keys(samples).sort()).toEqual([...operations].sort());
		for (const key of operations) expect(committed(key).type).toBe('object');
	});

	// Inferred from the standard dialect; against the other one the next test checks the types.
	if (SIM_DIALECT === 'standard') {
		it('are what the node outputs (run `node scripts/output-schemas.js --write` after changing an output)', () => {
			for (const [key, schema] of Object.entries(schemasOf(samples))) expect({ key, schema: committed(key) }).toEqual({ key, schema });
		});
	}

	it(`describe the types of what the node outputs against the ${SIM_DIALECT} dialect`, () => {
		for (const key of operations) {
			const wrong = samples[key].flatMap((item) => mismatches(committed(key), item));
			expect({ key, wrong }).toEqual({ key, wrong: [] });
		}
	});

	it('name the fields users map most', () => {
		const names = (key: string) => Object.keys(committed(key).properties ?? {});
		expect(names('ticket/issue')).toEqual(expect.arrayContaining(['MerchantTradeNo', 'TicketTradeNo', 'issuance']));
		expect(names('ticket/redeem')).toEqual(expect.arrayContaining(['TicketNo', 'WriteOffNo']));
		expect(committed('ticket/issue').properties?.issuance.properties?.state).toEqual({ type: 'string' });
	});
});

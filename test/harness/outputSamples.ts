/**
 * One real run of every operation of the ECTicket node against a simulator, and the JSON Schema
 * of what each one output. n8n's editor shows a node's output schema (its `__schema__` files)
 * before the node ever ran, so users can map fields without issuing a real ticket; the schemas
 * are inferred from these runs (scripts/output-schemas.js writes them) and checked against them
 * (test/node/outputSchemas.test.ts), so they cannot drift from what the node really outputs.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EcTicketCredentials } from '../../credentials/merchant';
import { defaultConfig } from '../../simulator/config';
import { runEcTicketNode } from './workflow';

export interface JsonSchema {
	type: string;
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
}

/** `resource/operation` → every item's JSON the operation output. */
export type Samples = Record<string, IDataObject[]>;

const MERCHANT = defaultConfig().merchants[0];

const typeOf = (value: unknown): string =>
	value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;

/** The schema of a set of values: types from the first non-null one, object properties and array items merged over all. */
export function schemaOf(values: unknown[]): JsonSchema {
	const present = values.filter((v) => v !== null && v !== undefined);
	const type = present.length ? typeOf(present[0]) : 'string';
	if (type === 'object') {
		const keys = [...new Set(present.flatMap((v) => Object.keys(v as object)))];
		return { type, properties: Object.fromEntries(keys.map((k) => [k, schemaOf(present.map((v) => (v as IDataObject)[k]))])) };
	}
	if (type === 'array') {
		const elements = present.flatMap((v) => v as unknown[]);
		return elements.length ? { type, items: schemaOf(elements) } : { type };
	}
	return { type };
}

/** Where a value disagrees with a schema: "path: expected type, got type" for each property the schema names. */
export function mismatches(schema: JsonSchema, value: unknown, path = '$'): string[] {
	if (value === null || value === undefined) return [];
	const actual = typeOf(value);
	if (actual !== schema.type) return [`${path}: ${schema.type} expected, got ${actual}`];
	if (actual === 'object' && schema.properties) {
		return Object.entries(schema.properties).flatMap(([k, s]) => mismatches(s, (value as IDataObject)[k], `${path}.${k}`));
	}
	if (actual === 'array' && schema.items) return (value as unknown[]).flatMap((v, i) => mismatches(schema.items as JsonSchema, v, `${path}[${i}]`));
	return [];
}

/**
 * Runs every operation once, in the order a ticket lives: a paper-ticket order (issued at once),
 * its lookups, the four writes, the reports, products and the merchant's settings.
 * @param url a simulator's base URL (fresh: the detail report is limited to one call a minute)
 */
export async function outputSamples(url: string): Promise<Samples> {
	const credentials: EcTicketCredentials = { environment: 'custom', baseUrl: url, merchantId: MERCHANT.merchantId, hashKeySecret: MERCHANT.hashKey, hashIvSecret: MERCHANT.hashIV };
	const samples: Samples = {};
	const run = async (resource: string, operation: string, parameters: INodeParameters) => {
		const result = await runEcTicketNode({ credentials, parameters: { resource, operation, ...parameters } });
		if (result.error || !result.output) throw new Error(`${resource}/${operation} failed: ${result.error?.message}`);
		samples[`${resource}/${operation}`] = result.output.map((o) => o.json);
		return result.output.map((o) => o.json);
	};
	const no = `SCHEMA${Date.now().toString(36).toUpperCase()}`.slice(0, 20);
	const order = { orderKind: 'pickup', merchantTradeNo: no };
	const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

	await run('ticket', 'issue', { issueType: '2', ...order, operator: 'n8n', printType: '2', ticketsInput: 'fields', tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 3 }] }, waitForIssuance: true, options: { pollInterval: 1 } });
	await run('ticket', 'getIssuanceResult', order);
	const tickets = await run('order', 'get', { ...order, splitTickets: true });
	const [a, b] = tickets.map((t) => ({ ticketNo: String(t.TicketNo), writeOffNo: String(t.WriteOffNo) }));
	await run('order', 'get', order);
	await run('ticket', 'get', { ticketBy: 'ticketNo', ticketNo: a.ticketNo });
	await run('ticket', 'redeem', { writeOffNo: a.writeOffNo, operator: 'n8n' });
	await run('ticket', 'cancelRedemption', { writeOffNo: a.writeOffNo, operator: 'n8n', cancelReason: 'Cancelled in n8n' });
	await run('ticket', 'refund', { ticketBy: 'ticketNo', ticketNo: b.ticketNo, operator: 'n8n' });
	await run('order', 'getRefundInfo', { merchantTradeNo: no });
	await run('ticket', 'cancelRefund', { ticketBy: 'ticketNo', ticketNo: b.ticketNo, operator: 'n8n', cancelReason: 'Cancelled in n8n' });
	await run('ticket', 'getPrintData', { merchantTradeNo: no });
	await run('order', 'downloadDetailReport', { reportType: 1, beginDate: today, endDate: today });
	await run('product', 'get', { itemNo: 'VQT04959' });
	await run('product', 'getAll', {});
	await run('merchant', 'getEscrowDays', {});
	return samples;
}

/** The output schema of every operation, keyed `resource/operation`. */
export function schemasOf(samples: Samples): Record<string, JsonSchema> {
	return Object.fromEntries(Object.entries(samples).map(([key, items]) => [key, schemaOf(items)]));
}

import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/** An output row with a file attached (e.g. a CSV report). */
export interface WithBinary {
	json: IDataObject;
	binary: IBinaryKeyData;
}

/** What an operation returns for one item: one row, several rows, or a row with a file. */
export type Produced = IDataObject | IDataObject[] | WithBinary;

export const isWithBinary = (value: Produced): value is WithBinary =>
	!Array.isArray(value) && typeof value.json === 'object' && typeof value.binary === 'object';

/** What one item produced: its output rows, or the error that stopped it. */
export type Outcome = { ok: true; rows: WithBinary[] | Array<{ json: IDataObject }> } | { ok: false; error: Error };

/**
 * One ECTicket operation: its editor fields and its logic, side by side in one file.
 * `prepare` reads and validates an item's parameters without sending anything, so a batch with
 * an invalid item can be refused before any request leaves; `run` talks to ECTicket.
 */
export interface Operation<Prepared = unknown> {
	value: string;
	name: string;
	action: string;
	description: string;
	properties: INodeProperties[];
	prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared | Promise<Prepared>;
	run(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<Produced>;
	/** At most this many items in flight, whatever the Concurrency option says. */
	maxConcurrency?: number;
	/** A step over the whole batch after every item ran, e.g. waiting for issuance. */
	finish?(ctx: IExecuteFunctions, outcomes: Outcome[]): Promise<void>;
}

export interface Resource {
	value: string;
	operations: Operation[];
	/** The resource's Operation selector. */
	selector: INodeProperties;
}

/** The selector entries of a resource's operations, alphabetical as n8n's editor lists them. */
export function operationOptions(operations: Operation[]): INodePropertyOptions[] {
	return operations
		.map(({ name, value, action, description }) => ({ name, value, action, description }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

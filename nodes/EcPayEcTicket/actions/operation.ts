import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import type { EcTicketClient } from '../transport/client';

/** One run of the node: n8n's context, the ECTicket client built once for it, and its hints. */
export interface Execution {
	ctx: IExecuteFunctions;
	client: EcTicketClient;
	/** An execution hint shown with the node's output (each distinct text once). */
	hint(message: string): void;
	/** The error that fails the node, with the hints so far added to its description. */
	failing<E extends NodeApiError | NodeOperationError>(error: E): E;
}

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
 * One ECTicket operation: its editor fields and its logic, side by side. `prepare` reads and
 * validates an item's parameters without sending anything, so a batch with an invalid item can
 * be refused before any request leaves; `run` talks to ECTicket.
 */
export interface Operation<Prepared = unknown> {
	value: string;
	name: string;
	action: string;
	description: string;
	properties: INodeProperties[];
	prepare(x: Execution, itemIndex: number): Prepared | Promise<Prepared>;
	run(x: Execution, prepared: Prepared, itemIndex: number): Promise<Produced>;
	/** At most this many items in flight, whatever the Concurrency option says. */
	maxConcurrency?: number;
	/** A step over the whole batch after every item ran, e.g. waiting for issuance. */
	finish?(x: Execution, outcomes: Outcome[]): Promise<void>;
}

export interface Resource {
	value: string;
	operations: Operation[];
	/** The resource's Operation selector. */
	selector: INodeProperties;
}

/** A resource from its operations: the Operation selector lists them alphabetically, as n8n's editor does. */
export function resource(value: string, operations: Operation[], defaultOperation: string): Resource {
	return {
		value,
		operations,
		selector: {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [value] } },
			options: operations
				.map(({ name, value: op, action, description }): INodePropertyOptions => ({ name, value: op, action, description }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
	};
}

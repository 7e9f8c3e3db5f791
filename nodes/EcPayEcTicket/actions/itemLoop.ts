import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isWithBinary, type Operation, type Outcome, type Produced } from './operation';

export const DEFAULT_CONCURRENCY = 5;

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

const isRateLimited = (error: Error) =>
	(error as NodeApiError).failure?.cause === 'rate-limited';

/** Runs `task` over the indices with at most `limit` in flight; stops starting new ones on `stop()`. */
export async function forEachLimited(
	indices: number[],
	limit: number,
	task: (index: number) => Promise<void>,
	stop: () => boolean = () => false,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < indices.length && !stop()) await task(indices[next++]);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, indices.length)) }, worker));
}

function rowsOf(produced: Produced): Array<{ json: IDataObject }> {
	if (Array.isArray(produced)) return produced.map((json) => ({ json }));
	return isWithBinary(produced) ? [produced] : [{ json: produced }];
}

function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	const description = (error as NodeApiError).description;
	if (description) json.description = description;
	const response = (error as NodeApiError).errorResponse;
	if (response && typeof response.RtnCode !== 'undefined') {
		json.RtnCode = response.RtnCode;
		json.RtnMsg = response.RtnMsg;
	}
	return json;
}

/**
 * The one item loop every operation goes through: validate every item first, then run them with
 * bounded concurrency, then pair each output with its input item. Without "Continue On Fail",
 * an invalid item stops the batch before anything is sent, and a failing call stops new calls.
 * A rate limit (HTTP 403) stops the batch in either mode.
 */
export async function runItems(ctx: IExecuteFunctions, operation: Operation): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const outcomes: Outcome[] = new Array(items.length);
	const prepared: unknown[] = new Array(items.length);

	for (let i = 0; i < items.length; i++) {
		try {
			prepared[i] = await operation.prepare(ctx, i);
		} catch (error) {
			const nodeError = asNodeError(ctx, error, i);
			if (!continueOnFail) throw nodeError;
			outcomes[i] = { ok: false, error: nodeError };
		}
	}

	const toRun = items.map((_, i) => i).filter((i) => outcomes[i] === undefined);
	const concurrency = Math.min(
		ctx.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as number,
		operation.maxConcurrency ?? Infinity,
	);
	let stopped = false;
	await forEachLimited(
		toRun,
		concurrency,
		async (i) => {
			try {
				outcomes[i] = { ok: true, rows: rowsOf(await operation.run(ctx, prepared[i], i)) };
			} catch (error) {
				const nodeError = asNodeError(ctx, error, i);
				outcomes[i] = { ok: false, error: nodeError };
				if (!continueOnFail || isRateLimited(nodeError)) stopped = true;
			}
		},
		() => stopped,
	);

	// Without Continue On Fail the first error fails the node, before any batch step (such as
	// waiting for issuance) spends time on a result that would be discarded.
	const failed = outcomes.find((o): o is Extract<Outcome, { ok: false }> => o !== undefined && !o.ok);
	if (!continueOnFail && failed) throw failed.error;
	if (operation.finish) await operation.finish(ctx, outcomes);

	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const outcome = outcomes[i];
		if (outcome === undefined) {
			// Never started because the batch was stopped: say so rather than drop the item.
			if (continueOnFail) output.push({ json: { error: 'Not sent: the batch was stopped by an earlier error' }, pairedItem: { item: i } });
		} else if (outcome.ok) {
			for (const row of outcome.rows) output.push({ ...row, pairedItem: { item: i } });
		} else if (continueOnFail) {
			output.push({ json: errorJson(outcome.error), pairedItem: { item: i } });
		}
	}
	return output;
}

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, forEachLimited } from '../transport/concurrency';
import { failureFacts } from '../transport/failure';
import { isWithBinary, type Execution, type Operation, type Outcome, type Produced } from './operation';

function asNodeError(x: Execution, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(x.ctx.getNode(), error as Error, { itemIndex });
}

function rowsOf(produced: Produced): Array<{ json: IDataObject }> {
	if (Array.isArray(produced)) return produced.map((json) => ({ json }));
	return isWithBinary(produced) ? [produced] : [{ json: produced }];
}

/** The error item of Continue On Fail: the message and every machine-readable fact of the failure. */
function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	const description = (error as NodeApiError).description;
	if (description) json.description = description;
	const facts = failureFacts.of(error);
	if (facts) Object.assign(json, facts);
	return json;
}

/**
 * The one item loop every operation goes through: validate every item first, then run them with
 * bounded concurrency, then pair each output with its input item. Without "Continue On Fail",
 * an invalid item stops the batch before anything is sent, and a failing call stops new calls.
 * A rate limit (HTTP 403) stops the batch in either mode.
 */
export async function runItems(x: Execution, operation: Operation): Promise<INodeExecutionData[]> {
	const items = x.ctx.getInputData();
	const continueOnFail = x.ctx.continueOnFail();
	const outcomes: Outcome[] = new Array(items.length);
	const prepared: unknown[] = new Array(items.length);

	for (let i = 0; i < items.length; i++) {
		try {
			prepared[i] = await operation.prepare(x, i);
		} catch (error) {
			const nodeError = asNodeError(x, error, i);
			if (!continueOnFail) throw x.failing(nodeError);
			outcomes[i] = { ok: false, error: nodeError };
		}
	}

	const toRun = items.map((_, i) => i).filter((i) => outcomes[i] === undefined);
	const concurrency = Math.min(
		x.ctx.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as number,
		operation.maxConcurrency ?? Infinity,
	);
	let stopped = false;
	await forEachLimited(
		toRun,
		concurrency,
		async (i) => {
			try {
				outcomes[i] = { ok: true, rows: rowsOf(await operation.run(x, prepared[i], i)) };
			} catch (error) {
				const nodeError = asNodeError(x, error, i);
				outcomes[i] = { ok: false, error: nodeError };
				if (!continueOnFail || failureFacts.of(nodeError)?.kind === 'rate-limited') stopped = true;
			}
		},
		() => stopped,
	);

	// Without Continue On Fail the first error fails the node, before any batch step (such as
	// waiting for issuance) spends time on a result that would be discarded.
	const failed = outcomes.find((o): o is Extract<Outcome, { ok: false }> => o !== undefined && !o.ok);
	if (!continueOnFail && failed) throw x.failing(failed.error as NodeApiError | NodeOperationError);
	if (operation.finish) await operation.finish(x, outcomes);

	// n8n's "Continue (using error output)" sends an item to the error output only when its JSON
	// holds nothing but error, message and details: there the facts travel under `details`.
	const toErrorOutput = x.ctx.getNode().onError === 'continueErrorOutput';
	const shape = ({ error, ...facts }: IDataObject): IDataObject => (toErrorOutput ? { error, details: facts } : { error, ...facts });
	const notSent = toRun.filter((i) => outcomes[i] === undefined).length;
	if (notSent) x.hint(`${notSent} item(s) were not sent: the batch stopped at ECPay's rate limit (HTTP 403). Run them again in about 30 minutes.`);
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const outcome = outcomes[i];
		if (outcome === undefined) {
			// Never started because the batch was stopped: say so rather than drop the item.
			if (continueOnFail) output.push({ json: shape({ error: 'Not sent: the batch was stopped by an earlier error', kind: 'rate-limited', sent: false }), pairedItem: { item: i } });
		} else if (outcome.ok) {
			for (const row of outcome.rows) output.push({ ...row, pairedItem: { item: i } });
		} else if (continueOnFail) {
			output.push({ json: shape(errorJson(outcome.error)), pairedItem: { item: i } });
		}
	}
	return output;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ENDPOINTS, ISSUANCE_JOB_SECONDS } from '../../../protocol/spec/endpoints';
import { ISSUANCE_STATUS, labelOf } from '../../../protocol/spec/labels';
import { DEFAULT_CONCURRENCY, forEachLimited } from '../actions/itemLoop';
import type { Outcome } from '../actions/operation';
import { callEcTicket, requireRtnCode1 } from './request';

export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 330,
		description: 'How long Wait for Issuance keeps asking before it outputs the order as still processing. ECPay\'s job takes up to 5 minutes.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description: 'Pause between two rounds of questions to ECPay while waiting for issuance',
	},
];

/** QueryIssueResult for one order, with the Status code's readable label. */
export async function queryIssuance(
	ctx: IExecuteFunctions,
	orderNumber: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const data = await callEcTicket(ctx, ENDPOINTS.queryIssueResult, orderNumber, { itemIndex });
	requireRtnCode1(ctx, data, ENDPOINTS.queryIssueResult, itemIndex);
	return { ...data, StatusLabel: labelOf(ISSUANCE_STATUS, data.Status) };
}

export function orderNumberOf(response: IDataObject): IDataObject {
	return response.FreeTradeNo
		? { FreeTradeNo: response.FreeTradeNo }
		: { MerchantTradeNo: response.MerchantTradeNo };
}

interface Pending {
	itemIndex: number;
	response: IDataObject;
	deadline: number;
	interval: number;
	last?: IDataObject;
	lastError?: string;
}

/**
 * One polling loop for the whole batch: every round asks about all orders still processing
 * (bounded concurrency), then sleeps once. Each order's final state lands in `issuance`.
 */
export async function waitForIssuance(
	ctx: IExecuteFunctions,
	waiting: Array<{ outcome: Outcome; itemIndex: number }>,
): Promise<void> {
	const started = Date.now();
	let pending: Pending[] = waiting.flatMap(({ outcome, itemIndex }) => {
		if (!outcome.ok) return [];
		const seconds = (name: string, fallback: number) =>
			(ctx.getNodeParameter(`options.${name}`, itemIndex, fallback) as number) * 1000;
		return [{
			itemIndex,
			response: outcome.rows[0].json,
			deadline: started + seconds('waitTimeout', ISSUANCE_JOB_SECONDS + 30),
			interval: seconds('pollInterval', 10),
		}];
	});
	const concurrency = ctx.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as number;
	const settle = (p: Pending, state: string, extra: IDataObject = {}) => {
		const last = p.last;
		p.response.issuance = {
			state,
			...(last ? { Status: last.Status, StatusLabel: last.StatusLabel, Remark: last.Remark ?? '' } : {}),
			...extra,
			waitedSeconds: Math.round((Date.now() - started) / 100) / 10,
		};
	};

	while (pending.length) {
		let rateLimited = false;
		await forEachLimited(pending.map((_, i) => i), concurrency, async (i) => {
			const p = pending[i];
			try {
				p.last = await queryIssuance(ctx, orderNumberOf(p.response), p.itemIndex);
				p.lastError = undefined;
				if (p.last.Status === 1) settle(p, 'issued');
				else if (p.last.Status === 2) settle(p, 'failed');
			} catch (error) {
				p.lastError = (error as Error).message;
				if ((error as { failure?: { cause?: string } }).failure?.cause === 'rate-limited') rateLimited = true;
			}
		}, () => rateLimited);
		const now = Date.now();
		for (const p of pending) {
			if (p.response.issuance === undefined && (rateLimited || now >= p.deadline)) {
				settle(p, 'processing', {
					waitTimedOut: !rateLimited,
					...(p.lastError ? { lastError: p.lastError } : {}),
					hint: 'Still processing when the wait ended: check later with Ticket > Get Issuance Result',
				});
			}
		}
		pending = pending.filter((p) => p.response.issuance === undefined);
		if (pending.length) {
			const nextDeadline = Math.min(...pending.map((p) => p.deadline));
			await sleep(Math.max(0, Math.min(Math.min(...pending.map((p) => p.interval)), nextDeadline - Date.now())));
		}
	}
}

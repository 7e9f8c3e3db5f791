import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ISSUANCE_STATUS, labelOf } from '../../../protocol/rules/codes';
import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { issuanceStateOf } from '../../../protocol/rules/heldOrder';
import { ISSUANCE_JOB_SECONDS } from '../../../protocol/rules/timing';
import type { EcTicketClient } from './client';
import { DEFAULT_CONCURRENCY, forEachLimited } from './concurrency';
import { failureFacts } from './failure';
import { callEcTicket, requireRtnCode1 } from './request';

export const DEFAULT_POLL_SECONDS = 10;
export const DEFAULT_WAIT_SECONDS = ISSUANCE_JOB_SECONDS + 30;

/** QueryIssueResult for one order, with the Status code's label where it is known. */
export async function queryIssuance(client: EcTicketClient, orderNumber: IDataObject, itemIndex: number): Promise<IDataObject> {
	const data = requireRtnCode1(client, await callEcTicket(client, ENDPOINTS.queryIssueResult, orderNumber, itemIndex), ENDPOINTS.queryIssueResult, itemIndex);
	const label = labelOf(ISSUANCE_STATUS, data.Status);
	return label ? { ...data, StatusLabel: label } : data;
}

/** The order number an Issue answer (or request) names: MerchantTradeNo, or FreeTradeNo for gift-voucher orders. */
export function orderNumberOf(data: IDataObject): IDataObject {
	return data.FreeTradeNo ? { FreeTradeNo: data.FreeTradeNo } : { MerchantTradeNo: data.MerchantTradeNo };
}

/** An order the batch waits for: its item, its Issue answer (which gets `issuance`), its wait settings in ms. */
export interface Waiting {
	itemIndex: number;
	response: IDataObject;
	timeoutMs: number;
	pollMs: number;
}

interface Pending extends Waiting {
	deadline: number;
	settled?: boolean;
	last?: IDataObject;
	lastError?: string;
}

/**
 * One polling loop for the whole batch: every round asks about all orders still processing
 * (bounded concurrency), then sleeps once. Each order's final state lands in `issuance`.
 */
export async function waitForIssuance(client: EcTicketClient, waiting: Waiting[], concurrency = DEFAULT_CONCURRENCY): Promise<void> {
	const started = Date.now();
	let pending: Pending[] = waiting.map((w) => ({ ...w, deadline: started + w.timeoutMs }));
	const settle = (p: Pending, state: string, extra: IDataObject = {}) => {
		const last = p.last;
		p.settled = true;
		p.response.issuance = {
			state,
			...(last ? { Status: last.Status, ...(last.StatusLabel ? { StatusLabel: last.StatusLabel } : {}), Remark: last.Remark ?? '' } : {}),
			...extra,
			waitedSeconds: Math.round((Date.now() - started) / 100) / 10,
		};
	};

	while (pending.length) {
		let rateLimited = false;
		await forEachLimited(pending.map((_, i) => i), concurrency, async (i) => {
			const p = pending[i];
			try {
				p.last = await queryIssuance(client, orderNumberOf(p.response), p.itemIndex);
				p.lastError = undefined;
				const state = issuanceStateOf(p.last.Status);
				if (state === 'issued' || state === 'failed') settle(p, state);
			} catch (error) {
				p.lastError = (error as Error).message;
				if (failureFacts.of(error)?.kind === 'rate-limited') rateLimited = true;
			}
		}, () => rateLimited);
		const now = Date.now();
		for (const p of pending) {
			if (!p.settled && (rateLimited || now >= p.deadline)) {
				settle(p, 'processing', {
					waitTimedOut: !rateLimited,
					...(p.lastError ? { lastError: p.lastError } : {}),
					hint: 'Still processing when the wait ended: check later with Ticket > Get Issuance Result',
				});
			}
		}
		pending = pending.filter((p) => !p.settled);
		if (pending.length) {
			const nextDeadline = Math.min(...pending.map((p) => p.deadline));
			await sleep(Math.max(0, Math.min(Math.min(...pending.map((p) => p.pollMs)), nextDeadline - Date.now())));
		}
	}
}

import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ISSUANCE_STATUS, labelOf } from '../../../protocol/rules/codes';
import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { issuanceStateOf } from '../../../protocol/rules/heldOrder';
import { ISSUANCE_JOB_SECONDS, ISSUANCE_WAIT, RATE_LIMIT } from '../../../protocol/rules/timing';
import { waitAlongFrontier } from '../../../protocol/frontier';
import type { EcTicketClient } from './client';
import { DEFAULT_CONCURRENCY } from './concurrency';
import { failureFacts } from './failure';
import { callEcTicket, requireRtnCode1 } from './request';

export const DEFAULT_POLL_SECONDS = ISSUANCE_WAIT.pollSeconds;
export const DEFAULT_WAIT_SECONDS = ISSUANCE_JOB_SECONDS + ISSUANCE_WAIT.graceSeconds;

/** QueryIssueResult for one order, with the Status code's label where it is known. */
export async function queryIssuance(client: EcTicketClient, orderNumber: IDataObject, itemIndex: number): Promise<IDataObject> {
	const data = requireRtnCode1(client, await callEcTicket(client, ENDPOINTS.queryIssueResult, orderNumber, itemIndex), ENDPOINTS.queryIssueResult, itemIndex);
	const label = labelOf(ISSUANCE_STATUS, data.Status);
	return label ? { ...data, StatusLabel: label } : data;
}

/** What an order's `issuance` says of ECPay's QueryIssueResult answer: Status, its label when known, Remark. */
export function issuanceFacts(answer: IDataObject): IDataObject {
	const label = labelOf(ISSUANCE_STATUS, answer.Status);
	return { Status: answer.Status, ...(label ? { StatusLabel: label } : {}), Remark: answer.Remark ?? '' };
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

/**
 * Waits for ECPay's scheduled job for the whole batch, asking along the frontier
 * (protocol/frontier.ts): about one QueryIssueResult per order, each order confirmed by its own
 * answer. Each order's final state lands in its `issuance`. A rate limit (HTTP 403) stops every
 * question at once: the orders still pending say when to check again.
 */
export async function waitForIssuance(client: EcTicketClient, waiting: Waiting[], concurrency = DEFAULT_CONCURRENCY): Promise<void> {
	const started = Date.now();
	const last = new Map<Waiting, { answer?: IDataObject; error?: string }>();
	const settle = (w: Waiting, state: string, extra: IDataObject = {}) => {
		const { answer } = last.get(w) ?? {};
		w.response.issuance = {
			state,
			...(answer ? issuanceFacts(answer) : {}),
			...extra,
			waitedSeconds: Math.round((Date.now() - started) / 100) / 10,
		};
	};
	const settled = new Set<Waiting>();
	const { stopped } = await waitAlongFrontier<Waiting>({
		orders: waiting,
		concurrency,
		pollMs: Math.min(...waiting.map((w) => w.pollMs)),
		deadlineOf: (w) => started + w.timeoutMs,
		now: () => Date.now(),
		sleep: (ms) => sleep(ms),
		async ask(w) {
			try {
				const answer = await queryIssuance(client, orderNumberOf(w.response), w.itemIndex);
				last.set(w, { answer });
				const state = issuanceStateOf(answer.Status);
				if (state !== 'issued' && state !== 'failed') return 'pending';
				settle(w, state);
				settled.add(w);
				return 'settled';
			} catch (error) {
				last.set(w, { ...last.get(w), error: (error as Error).message });
				return failureFacts.of(error)?.kind === 'rate-limited' ? 'stop' : 'pending';
			}
		},
	});
	const checkAgain = new Date(Date.now() + RATE_LIMIT.blockMinutes * 60_000).toISOString();
	for (const w of waiting.filter((x) => !settled.has(x))) {
		const error = last.get(w)?.error;
		settle(w, 'processing', {
			...(stopped ? { rateLimited: true, checkAgainAfter: checkAgain } : { waitTimedOut: true }),
			...(error ? { lastError: error } : {}),
			hint: stopped
				? `ECPay is rate limiting this merchant (HTTP 403): no more questions were asked. Check after ${checkAgain} with Ticket > Get Issuance Result`
				: 'Still processing when the wait ended: check later with Ticket > Get Issuance Result',
		});
	}
}

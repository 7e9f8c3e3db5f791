import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import type { EcTicketClient } from './client';
import { attemptCall, callEcTicket, FIRST_BACKOFF_MS, requireRtnCode1, type CallFailure } from './request';

/** Sends of one Issue at most, re-sends included (each only after ECPay said it has no such order). */
export const ISSUE_SENDS = 3;

type IssueEndpoint = typeof ENDPOINTS.issue | typeof ENDPOINTS.issuanceOnlyIssue;

const orderNumberOf = (data: IDataObject): IDataObject =>
	data.FreeTradeNo ? { FreeTradeNo: data.FreeTradeNo } : { MerchantTradeNo: data.MerchantTradeNo };

/** QueryIssueResult: the order's record if ECPay has it, undefined if it answers that it has not. */
async function existingOrder(client: EcTicketClient, data: IDataObject, itemIndex: number): Promise<IDataObject | undefined> {
	const answer = await callEcTicket(client, ENDPOINTS.queryIssueResult, orderNumberOf(data), itemIndex);
	return answer.RtnCode === 1 ? answer : undefined;
}

/** What QueryIssueResult says ECPay holds, in the shape of an Issue answer. */
function fromRecord(data: IDataObject, record: IDataObject, extra: IDataObject): IDataObject {
	return {
		RtnCode: 1,
		RtnMsg: record.RtnMsg,
		MerchantTradeNo: record.MerchantTradeNo ?? data.MerchantTradeNo ?? '',
		FreeTradeNo: record.FreeTradeNo ?? data.FreeTradeNo ?? '',
		TicketTradeNo: record.TicketTradeNo,
		...extra,
	};
}

/** The ticket lines as ECPay echoes them, for an order known to be the one just sent. */
const ticketData = (data: IDataObject) =>
	((data.TicketInfo as IDataObject[]) ?? []).map(({ ItemNo, ItemName, TicketPrice, TicketAmount }) =>
		ItemNo !== undefined ? { ItemNo, TicketAmount } : { ItemName, TicketPrice, TicketAmount },
	);

/**
 * Issues one order and never twice: after an ambiguous failure (ECPay may have received it) the
 * node asks QueryIssueResult whether ECPay has the order, and sends again only if it has not.
 * A refusal for an order ECPay already holds is reported as already issued, with its record.
 */
export async function issueOnce(
	client: EcTicketClient,
	endpoint: IssueEndpoint,
	data: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	let last: CallFailure | undefined;
	for (let send = 1; send <= ISSUE_SENDS; send++) {
		const result = await attemptCall(client, endpoint, data, itemIndex);
		if (result.ok) {
			if (result.data.RtnCode === 1) return result.data;
			const record = await existingOrder(client, data, itemIndex);
			if (record) {
				// ECPay holds an order with this number, possibly from an earlier run: its lines are
				// not known here, so only the record is reported (Order › Get shows the tickets).
				return fromRecord(data, record, {
					alreadyIssued: true,
					refusal: { RtnCode: result.data.RtnCode, RtnMsg: result.data.RtnMsg },
				});
			}
			return requireRtnCode1(client, result.data, endpoint, itemIndex);
		}
		last = result;
		if (!result.transient && !result.ambiguous) throw result.error;
		if (result.ambiguous) {
			let record: IDataObject | undefined;
			try {
				record = await existingOrder(client, data, itemIndex);
			} catch (error) {
				result.error.description = `${result.error.description ?? ''} Whether ECPay received the order could not be confirmed (${(error as Error).message}): check with Ticket › Get Issuance Result before issuing it again.`.trim();
				throw result.error;
			}
			// An answer that failed verification is never turned into a success, but the error says
			// what ECPay holds, so nobody issues the order again by mistake.
			if (!result.transient) {
				result.error.description = `${result.error.description ?? ''} ${record ? `ECPay does hold this order (TicketTradeNo ${String(record.TicketTradeNo)}): do not issue it again.` : 'ECPay holds no such order.'}`.trim();
				throw result.error;
			}
			if (record) return fromRecord(data, record, { TicketData: ticketData(data), confirmedAfter: result.error.message });
		}
		if (send < ISSUE_SENDS) await sleep(FIRST_BACKOFF_MS * 2 ** (send - 1));
	}
	const error = (last as CallFailure).error;
	error.description = `${error.description ?? ''} Sent ${ISSUE_SENDS} times; ECPay confirmed it has no such order each time.`.trim();
	throw error;
}

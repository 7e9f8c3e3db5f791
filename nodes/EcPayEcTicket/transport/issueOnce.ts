import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { RESPONSE_LISTS } from '../../../protocol/rules/answers';
import { compareHeldOrder, issuanceStateOf, type Comparison } from '../../../protocol/rules/heldOrder';
import type { EcTicketClient } from './client';
import { issuanceFacts, orderNumberOf } from './issuance';
import { fetchPages } from './paging';
import { attemptCall, callEcTicket, FIRST_BACKOFF_MS, refusal, type CallFailure } from './request';

/** Sends of one Issue at most, re-sends included (each only after ECPay said it has no such order). */
export const ISSUE_SENDS = 3;

type IssueEndpoint = typeof ENDPOINTS.issue | typeof ENDPOINTS.issuanceOnlyIssue;

interface Held {
	/** QueryIssueResult's answer about the number. */
	record: IDataObject;
	/** The held order's TicketTradeNo: QueryIssueResult may not show it (EVIDENCE.md), QueryOrderInfo does. */
	ticketTradeNo?: unknown;
	comparison: Comparison;
}

/** What ECPay holds under the order's number, compared with the order: undefined when it holds nothing. */
async function heldOrder(client: EcTicketClient, data: IDataObject, itemIndex: number): Promise<Held | undefined> {
	const number = orderNumberOf(data);
	const record = await callEcTicket(client, ENDPOINTS.queryIssueResult, number, itemIndex);
	if (record.RtnCode !== 1) return undefined;
	const { first, entries } = await fetchPages(client, ENDPOINTS.queryOrderInfo, number, RESPONSE_LISTS.queryOrderInfo, itemIndex);
	return { record, ticketTradeNo: record.TicketTradeNo ?? first.TicketTradeNo, comparison: compareHeldOrder(data, first, entries) };
}

const numberText = (data: IDataObject) => {
	const [[field, value]] = Object.entries(orderNumberOf(data));
	return `${field === 'FreeTradeNo' ? 'Gift Voucher Order No' : 'Merchant Trade No'} ${String(value)}`;
};

/** The error for a number ECPay holds for an order that is not (or not certainly) this one. */
function notThisOrder(client: EcTicketClient, data: IDataObject, answer: IDataObject, held: Held, itemIndex: number, endpoint: IssueEndpoint) {
	const { verdict, differences, compared } = held.comparison;
	const message =
		verdict === 'different'
			? `${numberText(data)} is already used by another order`
			: `ECPay already holds an order under ${numberText(data)}; whether it is this order could not be confirmed`;
	const error = refusal(client, answer, endpoint, itemIndex, message);
	error.description = `${error.description ?? ''}. ${
		verdict === 'different' ? `What differs: ${differences.join('; ')}.` : `ECPay's answer showed too little to compare (compared: ${compared.join(', ') || 'nothing'}).`
	} Order numbers can never be reused: use a new one, or look the held order up with Order › Get.`;
	return error;
}

/** The output for an order ECPay holds and that is this one: ECPay's words, the held order and its issuance. */
function heldOutput(data: IDataObject, answer: IDataObject, { record, ticketTradeNo, comparison }: Held, extra: IDataObject): IDataObject {
	return {
		...answer,
		MerchantTradeNo: record.MerchantTradeNo ?? data.MerchantTradeNo ?? '',
		FreeTradeNo: record.FreeTradeNo ?? data.FreeTradeNo ?? '',
		...(ticketTradeNo !== undefined ? { TicketTradeNo: ticketTradeNo } : {}),
		...extra,
		comparedOn: comparison.compared,
		issuance: { state: issuanceStateOf(record.Status), ...issuanceFacts(record) },
	};
}

/** The ticket lines as ECPay echoes them, for an order known to be the one just sent. */
const ticketData = (data: IDataObject) =>
	((data.TicketInfo as IDataObject[]) ?? []).map(({ ItemNo, ItemName, TicketPrice, TicketAmount }) =>
		ItemNo !== undefined ? { ItemNo, TicketAmount } : { ItemName, TicketPrice, TicketAmount },
	);

/**
 * Issues one order and never twice. RtnCode 1 means ECPay *received* it. After an ambiguous
 * failure (ECPay may have received it) the node asks what ECPay holds under the number, and sends
 * again only if it holds nothing. A refusal for a number ECPay holds is reported as issued before
 * only when the held order is this one (same type, customer and tickets); ECPay's RtnCode and
 * RtnMsg stay as ECPay gave them.
 */
export async function issueOnce(client: EcTicketClient, endpoint: IssueEndpoint, data: IDataObject, itemIndex: number): Promise<IDataObject> {
	let last: CallFailure | undefined;
	for (let send = 1; send <= ISSUE_SENDS; send++) {
		const result = await attemptCall(client, endpoint, data, itemIndex);
		if (result.ok) {
			if (result.data.RtnCode === 1) return { ...result.data, issuance: { state: 'received' } };
			const held = await heldOrder(client, data, itemIndex);
			if (!held) throw refusal(client, result.data, endpoint, itemIndex);
			if (held.comparison.verdict !== 'same') throw notThisOrder(client, data, result.data, held, itemIndex, endpoint);
			return heldOutput(data, { RtnCode: result.data.RtnCode, RtnMsg: result.data.RtnMsg }, held, { issuedBefore: true });
		}
		last = result;
		if (!result.transient && !result.ambiguous) throw result.error;
		if (result.ambiguous) {
			let held: Held | undefined;
			try {
				held = await heldOrder(client, data, itemIndex);
			} catch (error) {
				result.error.description = `${result.error.description ?? ''} Whether ECPay received the order could not be confirmed (${(error as Error).message}): check with Ticket › Get Issuance Result before issuing it again.`.trim();
				throw result.error;
			}
			// An answer that failed verification is never turned into a success, but the error says
			// what ECPay holds, so nobody issues the order again by mistake.
			if (!result.transient) {
				result.error.description = `${result.error.description ?? ''} ${held ? `ECPay does hold an order under this number${held.ticketTradeNo !== undefined ? ` (TicketTradeNo ${String(held.ticketTradeNo)})` : ''}: do not issue it again.` : 'ECPay holds no such order.'}`.trim();
				throw result.error;
			}
			if (held && held.comparison.verdict !== 'same') throw notThisOrder(client, data, { RtnCode: held.record.RtnCode, RtnMsg: held.record.RtnMsg }, held, itemIndex, endpoint);
			if (held) return heldOutput(data, { RtnCode: held.record.RtnCode, RtnMsg: held.record.RtnMsg, TicketData: ticketData(data) }, held, { confirmedAfter: result.error.message });
		}
		if (send < ISSUE_SENDS) await sleep(FIRST_BACKOFF_MS * 2 ** (send - 1));
	}
	const error = (last as CallFailure).error;
	error.description = `${error.description ?? ''} Sent ${ISSUE_SENDS} times; ECPay confirmed it has no such order each time.`.trim();
	throw error;
}

import type { BusinessData } from '../../protocol/envelope';
import type { Situation } from '../../protocol/rules/field';
import { validateRequest, type RequestName } from '../../protocol/rules/requests';
import type { Branch } from '../config';
import type { FoundTicket, Order } from '../store';
import type { HandlerAnswer, HandlerContext } from './handler';
import { answer, refuseViolations } from './handler';

/**
 * The request checks of the endpoints beyond Issue (Issue has protocol/rules/issue.ts): the same
 * rule tables the node validates with (protocol/rules/requests.ts), so a rule is written once.
 * The simulator is strict about every rule, inferred ones included: it plays ECPay as the tables
 * read it. A missing or doubled one-of pair gets its own code (queryOneOf, ticketOneOf).
 */
export function checkRequest(name: RequestName, data: BusinessData, situation: Situation = {}): HandlerAnswer | undefined {
	const violations = validateRequest(name, data, situation);
	if (violations.length === 0) return undefined;
	const [first] = violations;
	if (first.rule === 'oneOf') {
		const code = first.field === 'TicketNo' || first.field === 'WriteOffNo' ? 'ticketOneOf' : 'queryOneOf';
		return answer(code, `${first.field}: ${first.message}`);
	}
	return refuseViolations(violations);
}

/** The ticket a merchant names, or its refusal: numbers of another merchant are "not found". */
export function findTicket(
	context: HandlerContext,
	by: { ticketNo: string; writeOffNo: string },
): FoundTicket | HandlerAnswer {
	const found = by.ticketNo
		? context.store.findTicket(context.merchantId, { ticketNo: by.ticketNo })
		: context.store.findTicket(context.merchantId, { writeOffNo: by.writeOffNo });
	if (found) return found;
	return answer(
		'ticketNotFound',
		by.ticketNo ? `TicketNo: no ticket ${by.ticketNo}` : `WriteOffNo: no ticket ${by.writeOffNo}`,
	);
}

/** The order of a MerchantTradeNo (QueryRefundInfo, QueryPrintData), or its refusal. */
export function findOrderByMerchantTradeNo(context: HandlerContext, merchantTradeNo: string): Order | HandlerAnswer {
	const order = context.store.findOrder(context.merchantId, { merchantTradeNo, freeTradeNo: '' });
	return order ?? answer('orderNotFound', `MerchantTradeNo: no order ${merchantTradeNo}`);
}

/** StoreID must name an active branch of the merchant (Issue, WriteOff). */
export function branchRefusal(storeId: string, branches: readonly Branch[]): HandlerAnswer | undefined {
	if (!storeId) return undefined;
	const branch = branches.find((b) => b.storeId === storeId);
	if (branch?.active) return undefined;
	return answer('unknownStore', `StoreID: ${storeId} ${branch ? 'is an inactive branch' : 'is not a branch of this merchant'}`);
}

/** Tells a refusal from the ticket or order that was looked up (neither of those has `data`). */
export const isAnswer = (value: object): value is HandlerAnswer => 'data' in value;

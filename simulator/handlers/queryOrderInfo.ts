import { RESPONSE_LISTS } from '../../protocol/rules/answers';
import type { OrderRef } from '../store';
import { orderView, page, ticketView } from '../views';
import { checkRequest } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, text, type Handler } from './handler';

/**
 * /api/Ticket/QueryOrderInfo — an order and one page of its tickets. Exactly one of MerchantTradeNo
 * and FreeTradeNo ("" counts as absent); PageNum a whole number ≥ 1. TotalCount (every ticket of
 * the order) comes on page 1 only; TicketList holds `pageSize` tickets a page in issuance order; a
 * page past the end, and an order still processing, have an empty TicketList.
 */
export const queryOrderInfo: Handler = (data, context) => {
	const refusal = checkMerchantId(data, context) ?? checkRequest('queryOrderInfo', data);
	if (refusal) return refusal;
	const ref: OrderRef = { merchantTradeNo: text(data.MerchantTradeNo), freeTradeNo: text(data.FreeTradeNo) };
	const order = context.store.findOrder(context.merchantId, ref);
	if (!order) {
		return answer('orderNotFound', ref.merchantTradeNo ? `MerchantTradeNo: no order ${ref.merchantTradeNo}` : `FreeTradeNo: no order ${ref.freeTradeNo}`);
	}
	const pageNum = data.PageNum as number;
	const found = answer('success', SUCCESS_MSG, {
		...orderView(order, context.today, context.escrowDays),
		...(pageNum === 1 ? { TotalCount: order.tickets.length } : {}),
		[RESPONSE_LISTS.queryOrderInfo]: page(order.tickets, pageNum, context.pageSize).map((t) => ticketView(t, context.today)),
	});
	return { ...found, order };
};

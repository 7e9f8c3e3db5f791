import type { OrderRef } from '../store';
import { checkRequest } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, text, type Handler } from './handler';

/**
 * /api/Ticket/QueryIssueResult — where an order's issuance stands: Status 1 issued, 2 failed
 * (reason in Remark), 3 processing. Response fields are INFERRED (PROTOCOL.md §5).
 */
export const queryIssueResult: Handler = (data, context) => {
	const refusal = checkMerchantId(data, context) ?? checkRequest('queryIssueResult', data);
	if (refusal) return refusal;
	const ref: OrderRef = { merchantTradeNo: text(data.MerchantTradeNo), freeTradeNo: text(data.FreeTradeNo) };
	const order = context.store.findOrder(context.merchantId, ref);
	if (!order) {
		return answer('orderNotFound', ref.merchantTradeNo ? `MerchantTradeNo: no order ${ref.merchantTradeNo}` : `FreeTradeNo: no order ${ref.freeTradeNo}`);
	}
	return answer('success', SUCCESS_MSG, {
		MerchantTradeNo: order.merchantTradeNo,
		FreeTradeNo: order.freeTradeNo,
		TicketTradeNo: order.ticketTradeNo,
		Status: order.status,
		Remark: order.remark,
	});
};

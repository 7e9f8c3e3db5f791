import { RESPONSE_LISTS } from '../../protocol/rules/answers';
import { checkRequest, findOrderByMerchantTradeNo, isAnswer } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, text, type Handler } from './handler';

/**
 * /api/Ticket/QueryRefundInfo — the refunds in effect of a pickup-voucher order (a cancelled
 * refund is no longer listed): RefundList [{TicketNo, WriteOffNo, RefundAmount, RefundDate}] and
 * TotalRefundAmount (response shape INFERRED).
 */
export const queryRefundInfo: Handler = (data, context) => {
	const refusal = checkMerchantId(data, context) ?? checkRequest('queryRefundInfo', data);
	if (refusal) return refusal;

	const order = findOrderByMerchantTradeNo(context, text(data.MerchantTradeNo));
	if (isAnswer(order)) return order;
	const refunds = order.refunds
		.filter((r) => r.cancelledAt === undefined)
		.map(({ TicketNo, WriteOffNo, RefundAmount, RefundDate }) => ({ TicketNo, WriteOffNo, RefundAmount, RefundDate }));
	return answer('success', SUCCESS_MSG, {
		MerchantTradeNo: order.merchantTradeNo,
		TicketTradeNo: order.ticketTradeNo,
		[RESPONSE_LISTS.queryRefundInfo]: refunds,
		TotalRefundAmount: refunds.reduce((sum, r) => sum + r.RefundAmount, 0),
	});
};

import { LIMITS } from '../../protocol/spec/issueRules';
import { RESPONSE_LISTS } from '../../protocol/spec/operations';
import { ALNUM, Fields, findOrderByMerchantTradeNo, isAnswer } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, type Handler } from './handler';

/**
 * /api/Ticket/QueryRefundInfo — the refunds in effect of a pickup-voucher order (a cancelled
 * refund is no longer listed): RefundList [{TicketNo, WriteOffNo, RefundAmount, RefundDate}] and
 * TotalRefundAmount (response shape INFERRED).
 */
export const queryRefundInfo: Handler = (data, context) => {
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;

	const fields = new Fields(data);
	const merchantTradeNo = fields.text('MerchantTradeNo', { required: true, max: LIMITS.merchantTradeNo, charset: ALNUM });
	const refusal = fields.refusal();
	if (refusal) return refusal;

	const order = findOrderByMerchantTradeNo(context, merchantTradeNo);
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

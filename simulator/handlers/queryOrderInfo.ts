import { RESPONSE_LISTS } from '../../protocol/spec/operations';
import type { OrderRef } from '../store';
import { orderView, page, ticketView } from '../views';
import { Fields } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, type Handler } from './handler';

/**
 * /api/Ticket/QueryOrderInfo — an order and one page of its tickets. Exactly one of MerchantTradeNo
 * and FreeTradeNo ("" counts as absent); PageNum a whole number ≥ 1. TotalCount (every ticket of
 * the order) comes on page 1 only; TicketList holds `pageSize` tickets a page in issuance order; a
 * page past the end, and an order still processing, have an empty TicketList.
 */
export const queryOrderInfo: Handler = (data, context) => {
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;

	const fields = new Fields(data);
	const merchantTradeNo = fields.text('MerchantTradeNo');
	const freeTradeNo = fields.text('FreeTradeNo');
	const pageNum = fields.wholeNumber('PageNum', { required: true, min: 1 });
	const refusal = fields.refusal();
	if (refusal || pageNum === undefined) return refusal ?? answer('success', SUCCESS_MSG);

	const ref: OrderRef = { merchantTradeNo, freeTradeNo };
	if (Boolean(merchantTradeNo) === Boolean(freeTradeNo)) {
		return answer(
			'queryOneOf',
			merchantTradeNo ? 'MerchantTradeNo and FreeTradeNo: give only one of them' : 'MerchantTradeNo or FreeTradeNo is required',
		);
	}
	const order = context.store.findOrder(context.merchantId, ref);
	if (!order) {
		return answer(
			'orderNotFound',
			merchantTradeNo ? `MerchantTradeNo: no order ${merchantTradeNo}` : `FreeTradeNo: no order ${freeTradeNo}`,
		);
	}
	return answer('success', SUCCESS_MSG, {
		...orderView(order, context.today, context.escrowDays),
		...(pageNum === 1 ? { TotalCount: order.tickets.length } : {}),
		[RESPONSE_LISTS.queryOrderInfo]: page(order.tickets, pageNum, context.pageSize).map((t) => ticketView(t, context.today)),
	});
};

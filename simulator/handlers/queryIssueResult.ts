import type { OrderRef } from '../store';
import { answer, checkMerchantId, present, refuseViolations, SUCCESS_MSG, type Handler } from './handler';

/**
 * /api/Ticket/QueryIssueResult — where an order's issuance stands: Status 1 issued, 2 failed
 * (reason in Remark), 3 processing. Response fields are INFERRED (PROTOCOL.md §5).
 */
export const queryIssueResult: Handler = (data, context) => {
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;

	for (const field of ['MerchantTradeNo', 'FreeTradeNo']) {
		if (present(data[field]) && typeof data[field] !== 'string') {
			return refuseViolations([{ field, rule: 'type', message: 'must be text' }]);
		}
	}
	const ref: OrderRef = {
		merchantTradeNo: (data.MerchantTradeNo as string) || '',
		freeTradeNo: (data.FreeTradeNo as string) || '',
	};
	if (Boolean(ref.merchantTradeNo) === Boolean(ref.freeTradeNo)) {
		return answer(
			'queryOneOf',
			ref.merchantTradeNo
				? 'MerchantTradeNo and FreeTradeNo: give only one of them'
				: 'MerchantTradeNo or FreeTradeNo is required',
		);
	}

	const order = context.store.findOrder(context.merchantId, ref);
	if (!order) {
		return answer(
			'orderNotFound',
			ref.merchantTradeNo
				? `MerchantTradeNo: no order ${ref.merchantTradeNo}`
				: `FreeTradeNo: no order ${ref.freeTradeNo}`,
		);
	}
	return answer('success', SUCCESS_MSG, {
		MerchantTradeNo: order.merchantTradeNo,
		FreeTradeNo: order.freeTradeNo,
		TicketTradeNo: order.ticketTradeNo,
		Status: order.status,
		Remark: order.remark,
	});
};

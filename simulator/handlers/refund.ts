import { REFUND_ACTION } from '../../protocol/rules/codes';
import { changeTicket, REFUND_EVENTS } from '../lifecycle';
import { ticketWithOrder } from '../views';
import { checkRequest, findTicket, isAnswer } from './fields';
import type { BusinessData } from '../../protocol/envelope';
import { answer, checkMerchantId, SUCCESS_MSG, text, type Handler, type HandlerAnswer, type HandlerContext } from './handler';

/**
 * /api/Ticket/Refund — Action 1 refunds an unused pickup voucher while its order is within escrow,
 * Action 2 cancels a refund (fields and codes INFERRED by analogy with WriteOff). Answers the
 * ticket after the change and queues the use-status and refund notifications.
 */
export const refund: Handler = (data, context) => refundOrReturn(data, context, false);

/**
 * /api/issuance/Refund — the issuance-only contract's ticket return (listed by ECPay's skill;
 * fields by analogy with Refund): tickets of issuance-only orders only, no escrow period.
 */
export const issuanceRefund: Handler = (data, context) => refundOrReturn(data, context, true);

function refundOrReturn(data: BusinessData, context: HandlerContext, issuanceReturn: boolean): HandlerAnswer {
	const cancel = data.Action === REFUND_ACTION.cancelRefund;
	const refusal = checkMerchantId(data, context) ?? checkRequest(issuanceReturn ? 'issuanceRefund' : 'refund', data, { cancel });
	if (refusal) return refusal;

	const found = findTicket(context, { ticketNo: text(data.TicketNo), writeOffNo: text(data.WriteOffNo) });
	if (isAnswer(found)) return found;

	const outcome = changeTicket(found, REFUND_EVENTS[text(data.Action)], {
		now: context.now,
		escrowDays: context.escrowDays,
		notifications: context.notifications,
		reason: text(data.CancelReason),
		operator: text(data.Operator),
		issuanceReturn,
	});
	if (!outcome.ok) return answer(outcome.code, outcome.message);
	return answer('success', SUCCESS_MSG, ticketWithOrder(found, context.today));
}

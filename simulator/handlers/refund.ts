import { ID_LENGTHS, REFUND_ACTION } from '../../protocol/spec/operations';
import { LIMITS } from '../../protocol/spec/issueRules';
import { changeTicket, REFUND_EVENTS } from '../lifecycle';
import { ticketWithOrder } from '../views';
import { ALNUM, Fields, findTicket, isAnswer, TICKET_NO_RULE, ticketOneOf, WRITE_OFF_NO_RULE } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, type Handler } from './handler';
import { CANCEL_REASON_MAX } from './writeOff';

/**
 * /api/Ticket/Refund — Action 1 refunds an unused pickup voucher while its order is within escrow,
 * Action 2 cancels a refund (fields and codes INFERRED by analogy with WriteOff). Answers the
 * ticket after the change and queues the use-status and refund notifications.
 */
export const refund: Handler = (data, context) => {
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;

	const fields = new Fields(data);
	const ticketNo = fields.text('TicketNo', TICKET_NO_RULE(ID_LENGTHS.ticketNo));
	const writeOffNo = fields.text('WriteOffNo', WRITE_OFF_NO_RULE(ID_LENGTHS.writeOffNo));
	const action = fields.text('Action', { required: true, values: Object.values(REFUND_ACTION) });
	const reason = fields.text('CancelReason', { max: CANCEL_REASON_MAX });
	const operator = fields.text('Operator', { max: LIMITS.operator, charset: ALNUM });
	const refusal = fields.refusal() ?? ticketOneOf(data);
	if (refusal) return refusal;

	const found = findTicket(context, { ticketNo, writeOffNo });
	if (isAnswer(found)) return found;

	const outcome = changeTicket(found, REFUND_EVENTS[action], {
		now: context.now,
		escrowDays: context.escrowDays,
		notifications: context.notifications,
		reason,
		operator,
	});
	if (!outcome.ok) return answer(outcome.code, outcome.message);
	return answer('success', SUCCESS_MSG, ticketWithOrder(found, context.today));
};

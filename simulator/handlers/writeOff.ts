import { WRITE_OFF_ACTION } from '../../protocol/rules/codes';
import { changeTicket, WRITE_OFF_EVENTS } from '../lifecycle';
import { ticketWithOrder } from '../views';
import { branchRefusal, checkRequest, findTicket, isAnswer } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, text, type Handler } from './handler';

/**
 * /api/Ticket/WriteOff — Action 1 redeems an unused ticket that has started, Action 2 cancels a
 * redemption (INFERRED codes, protocol/rules/codes.ts). Answers the ticket as it is after the
 * change and queues a use-status notification.
 */
export const writeOff: Handler = (data, context) => {
	const cancel = data.Action === WRITE_OFF_ACTION.cancelRedemption;
	const refusal = checkMerchantId(data, context) ?? checkRequest('writeOff', data, { cancel });
	if (refusal) return refusal;

	const found = findTicket(context, { ticketNo: '', writeOffNo: text(data.WriteOffNo) });
	if (isAnswer(found)) return found;
	const wrongBranch = branchRefusal(text(data.StoreID), context.branches);
	if (wrongBranch) return wrongBranch;

	const outcome = changeTicket(found, WRITE_OFF_EVENTS[text(data.Action)], {
		now: context.now,
		escrowDays: context.escrowDays,
		notifications: context.notifications,
		reason: text(data.CancelReason),
		operator: text(data.Operator),
	});
	if (!outcome.ok) return answer(outcome.code, outcome.message);
	return answer('success', SUCCESS_MSG, ticketWithOrder(found, context.today));
};

import { ID_LENGTHS, WRITE_OFF_ACTION } from '../../protocol/spec/operations';
import { LIMITS } from '../../protocol/spec/issueRules';
import { changeTicket, WRITE_OFF_EVENTS } from '../lifecycle';
import { ticketWithOrder } from '../views';
import { ALNUM, branchRefusal, Fields, findTicket, isAnswer, WRITE_OFF_NO_RULE } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, type Handler } from './handler';

/** CancelReason is free text of at most 100 characters (INFERRED). */
export const CANCEL_REASON_MAX = 100;

/**
 * /api/Ticket/WriteOff — Action 1 redeems an unused ticket that has started, Action 2 cancels a
 * redemption (INFERRED codes, operations.ts). Answers the ticket as it is after the change and
 * queues a use-status notification.
 */
export const writeOff: Handler = (data, context) => {
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;

	const fields = new Fields(data);
	const writeOffNo = fields.text('WriteOffNo', { required: true, ...WRITE_OFF_NO_RULE(ID_LENGTHS.writeOffNo) });
	const action = fields.text('Action', { required: true, values: Object.values(WRITE_OFF_ACTION) });
	const reason = fields.text('CancelReason', { max: CANCEL_REASON_MAX });
	const storeId = fields.text('StoreID', { min: LIMITS.storeId.min, max: LIMITS.storeId.max, charset: ALNUM });
	const operator = fields.text('Operator', { max: LIMITS.operator, charset: ALNUM });
	const refusal = fields.refusal();
	if (refusal) return refusal;

	const found = findTicket(context, { ticketNo: '', writeOffNo });
	if (isAnswer(found)) return found;
	const wrongBranch = branchRefusal(storeId, context.branches);
	if (wrongBranch) return wrongBranch;

	const outcome = changeTicket(found, WRITE_OFF_EVENTS[action], {
		now: context.now,
		escrowDays: context.escrowDays,
		notifications: context.notifications,
		reason,
		operator,
	});
	if (!outcome.ok) return answer(outcome.code, outcome.message);
	return answer('success', SUCCESS_MSG, ticketWithOrder(found, context.today));
};

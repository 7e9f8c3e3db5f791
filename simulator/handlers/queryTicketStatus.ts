import { ticketWithOrder } from '../views';
import { checkRequest, findTicket, isAnswer } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, text, type Handler } from './handler';

/**
 * /api/Ticket/QueryTicketStatus — one ticket by TicketNo or WriteOffNo (exactly one; "" counts as
 * absent): the fields of TICKET_FIELDS, UseStatus as it reads today, and the order's numbers.
 */
export const queryTicketStatus: Handler = (data, context) => {
	const refusal = checkMerchantId(data, context) ?? checkRequest('queryTicketStatus', data);
	if (refusal) return refusal;
	const found = findTicket(context, { ticketNo: text(data.TicketNo), writeOffNo: text(data.WriteOffNo) });
	if (isAnswer(found)) return found;
	return answer('success', SUCCESS_MSG, ticketWithOrder(found, context.today));
};

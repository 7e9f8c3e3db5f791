import { ID_LENGTHS } from '../../protocol/spec/operations';
import { ticketWithOrder } from '../views';
import { Fields, findTicket, isAnswer, TICKET_NO_RULE, ticketOneOf, WRITE_OFF_NO_RULE } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, type Handler } from './handler';

/**
 * /api/Ticket/QueryTicketStatus — one ticket by TicketNo or WriteOffNo (exactly one; "" counts as
 * absent): the fields of TICKET_FIELDS, UseStatus as it reads today, and the order's numbers.
 */
export const queryTicketStatus: Handler = (data, context) => {
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;

	const fields = new Fields(data);
	const ticketNo = fields.text('TicketNo', TICKET_NO_RULE(ID_LENGTHS.ticketNo));
	const writeOffNo = fields.text('WriteOffNo', WRITE_OFF_NO_RULE(ID_LENGTHS.writeOffNo));
	const refusal = fields.refusal() ?? ticketOneOf(data);
	if (refusal) return refusal;

	const found = findTicket(context, { ticketNo, writeOffNo });
	if (isAnswer(found)) return found;
	return answer('success', SUCCESS_MSG, ticketWithOrder(found, context.today));
};

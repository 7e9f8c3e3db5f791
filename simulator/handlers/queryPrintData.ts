import { LIMITS } from '../../protocol/spec/issueRules';
import { RESPONSE_LISTS } from '../../protocol/spec/operations';
import { UNUSED, useStatusOf } from '../lifecycle';
import { ALNUM, Fields, findOrderByMerchantTradeNo, isAnswer } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, type Handler } from './handler';

const PAPER = '2';

/**
 * /api/Ticket/QueryPrintData — what a merchant prints for a paper-ticket order (IssueType 2): one
 * PrintList entry per ticket that is still unused (redeemed, refunded and expired ones are not
 * printed). BarCode is the WriteOffNo, the number a store scans (INFERRED shape).
 */
export const queryPrintData: Handler = (data, context) => {
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;

	const fields = new Fields(data);
	const merchantTradeNo = fields.text('MerchantTradeNo', { required: true, max: LIMITS.merchantTradeNo, charset: ALNUM });
	const refusal = fields.refusal();
	if (refusal) return refusal;

	const order = findOrderByMerchantTradeNo(context, merchantTradeNo);
	if (isAnswer(order)) return order;
	if (order.issueType !== PAPER) {
		return answer(
			'notPaperOrder',
			`MerchantTradeNo: order ${merchantTradeNo} has IssueType ${order.issueType}; print data exists for paper tickets (IssueType 2) only`,
		);
	}
	const printList = order.tickets
		.filter((ticket) => useStatusOf(ticket, context.today) === UNUSED)
		.map((t) => ({
			TicketNo: t.TicketNo,
			WriteOffNo: t.WriteOffNo,
			ItemNo: t.ItemNo,
			ItemName: t.ItemName,
			TicketAmount: t.TicketAmount,
			StartDate: t.StartDate,
			ExpiredDate: t.ExpiredDate,
			BarCode: t.WriteOffNo,
		}));
	return answer('success', SUCCESS_MSG, {
		MerchantTradeNo: order.merchantTradeNo,
		TicketTradeNo: order.ticketTradeNo,
		PrintType: order.printType,
		[RESPONSE_LISTS.queryPrintData]: printList,
	});
};

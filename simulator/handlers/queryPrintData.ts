import { RESPONSE_LISTS } from '../../protocol/rules/answers';
import { ISSUE_TYPES } from '../../protocol/rules/issueTypes';
import { UNUSED, useStatusOf } from '../lifecycle';
import { checkRequest, findOrderByMerchantTradeNo, isAnswer } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, text, type Handler } from './handler';

/**
 * /api/Ticket/QueryPrintData — what a merchant prints for a paper-ticket order (IssueType 2): one
 * PrintList entry per ticket that is still unused (redeemed, refunded and expired ones are not
 * printed). BarCode is the WriteOffNo, the number a store scans (INFERRED shape).
 */
export const queryPrintData: Handler = (data, context) => {
	const refusal = checkMerchantId(data, context) ?? checkRequest('queryPrintData', data);
	if (refusal) return refusal;
	const merchantTradeNo = text(data.MerchantTradeNo);

	const order = findOrderByMerchantTradeNo(context, merchantTradeNo);
	if (isAnswer(order)) return order;
	if (order.issueType !== ISSUE_TYPES.paper.code) {
		return answer(
			'notPaperOrder',
			`MerchantTradeNo: order ${merchantTradeNo} has IssueType ${order.issueType}; print data exists for paper tickets (IssueType ${ISSUE_TYPES.paper.code}) only`,
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

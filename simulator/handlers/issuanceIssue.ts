import { checkRequest } from './fields';
import { text, type Handler } from './handler';
import { acceptIssue } from './issue';

/**
 * /api/issuance/issue — the issuance-only mode: Issue's fields and rules, plus PaymentProvider
 * (1 ECPay payment, 2 other: INFERRED from ECPay's sample, EVIDENCE.md). Its orders are kept with
 * mode 'issuance': no money is held in escrow, so /api/Ticket/Refund refuses their tickets (noEscrow).
 */
export const issuanceIssue: Handler = (data, context) =>
	checkRequest('issuanceIssue', data) ?? acceptIssue(data, context, { mode: 'issuance', paymentProvider: text(data.PaymentProvider) });

import { Fields } from './fields';
import type { Handler } from './handler';
import { acceptIssue } from './issue';

/**
 * /api/issuance/issue — the issuance-only mode: Issue's fields and rules, plus an optional
 * PaymentProvider text (INFERRED, PROTOCOL.md §5). Its orders are kept with mode 'issuance': no
 * money is held in escrow, so /api/Ticket/Refund refuses their tickets (noEscrow).
 */
export const issuanceIssue: Handler = (data, context) => {
	const fields = new Fields(data);
	const paymentProvider = fields.text('PaymentProvider');
	const refusal = fields.refusal();
	if (refusal) return refusal;
	return acceptIssue(data, context, { mode: 'issuance', paymentProvider });
};

import { answer, checkMerchantId, SUCCESS_MSG, type Handler } from './handler';

/** /api/Ticket/EscrowDay — the merchant's escrow (performance-guarantee) days: config escrowDays. */
export const escrowDay: Handler = (data, context) => {
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;
	return answer('success', SUCCESS_MSG, { EscrowDay: context.escrowDays });
};

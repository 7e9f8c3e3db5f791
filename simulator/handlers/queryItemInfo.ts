import { itemView } from '../views';
import { checkRequest } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, text, type Handler } from './handler';

/**
 * /api/Ticket/QueryItemInfo — one product of the merchant's catalogue, listed or delisted:
 * ItemNo, ItemName, ItemStatus ('1' listed, '0' delisted), TicketType, Price (INFERRED shape).
 */
export const queryItemInfo: Handler = (data, context) => {
	const refusal = checkMerchantId(data, context) ?? checkRequest('queryItemInfo', data);
	if (refusal) return refusal;
	const itemNo = text(data.ItemNo);

	const product = context.products.find((p) => p.itemNo === itemNo);
	if (!product) return answer('unknownItemNo', `ItemNo: ${itemNo} is not a product of this merchant`);
	return answer('success', SUCCESS_MSG, itemView(product));
};

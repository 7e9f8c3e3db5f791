import { ID_LENGTHS } from '../../protocol/spec/operations';
import { itemView } from '../views';
import { ALNUM, Fields } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, type Handler } from './handler';

/**
 * /api/Ticket/QueryItemInfo — one product of the merchant's catalogue, listed or delisted:
 * ItemNo, ItemName, ItemStatus ('1' listed, '0' delisted), TicketType, Price (INFERRED shape).
 */
export const queryItemInfo: Handler = (data, context) => {
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;

	const fields = new Fields(data);
	const itemNo = fields.text('ItemNo', { required: true, max: ID_LENGTHS.itemNo, charset: ALNUM });
	const refusal = fields.refusal();
	if (refusal) return refusal;

	const product = context.products.find((p) => p.itemNo === itemNo);
	if (!product) return answer('unknownItemNo', `ItemNo: ${itemNo} is not a product of this merchant`);
	return answer('success', SUCCESS_MSG, itemView(product));
};

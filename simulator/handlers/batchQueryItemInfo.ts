import { RESPONSE_LISTS } from '../../protocol/rules/answers';
import { ITEM_STATUS_FILTER } from '../../protocol/rules/codes';
import { itemView, page } from '../views';
import { checkRequest } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, text, type Handler } from './handler';

/**
 * /api/Ticket/BatchQueryItemInfo — the catalogue a page at a time: ItemStatus '0' delisted,
 * '1' listed, '2' all; an ItemList [{ItemNo}] restricts the answer to those products (unknown
 * ones are left out, an empty list restricts nothing). TotalCount (every matching product) comes
 * on every page; ItemList holds `pageSize` products a page in catalogue order.
 */
export const batchQueryItemInfo: Handler = (data, context) => {
	const refusal = checkMerchantId(data, context) ?? checkRequest('batchQueryItemInfo', data);
	if (refusal) return refusal;
	const pageNum = data.PageNum as number;
	const status = text(data.ItemStatus);
	const wanted = new Set(Array.isArray(data.ItemList) ? data.ItemList.map((entry) => text((entry as Record<string, unknown>).ItemNo)) : []);

	const matching = context.products.filter(
		(p) =>
			(status === ITEM_STATUS_FILTER.all || (status === ITEM_STATUS_FILTER.listed) === p.listed) &&
			(wanted.size === 0 || wanted.has(p.itemNo)),
	);
	return answer('success', SUCCESS_MSG, {
		TotalCount: matching.length,
		[RESPONSE_LISTS.batchQueryItemInfo]: page(matching, pageNum, context.pageSize).map(itemView),
	});
};

import { ID_LENGTHS, ITEM_STATUS, RESPONSE_LISTS } from '../../protocol/spec/operations';
import { itemView, page } from '../views';
import { ALNUM, Fields } from './fields';
import { answer, checkMerchantId, present, SUCCESS_MSG, type Handler } from './handler';

/**
 * /api/Ticket/BatchQueryItemInfo — the catalogue a page at a time: ItemStatus '0' delisted,
 * '1' listed, '2' all; an ItemList [{ItemNo}] restricts the answer to those products (unknown
 * ones are left out, an empty list restricts nothing). TotalCount (every matching product) comes
 * on every page; ItemList holds `pageSize` products a page in catalogue order.
 */
export const batchQueryItemInfo: Handler = (data, context) => {
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;

	const fields = new Fields(data);
	const pageNum = fields.wholeNumber('PageNum', { required: true, min: 1 });
	const status = fields.text('ItemStatus', { required: true, values: Object.values(ITEM_STATUS) });
	const wanted = new Set<string>();
	const list = data.ItemList;
	if (present(list)) {
		if (!Array.isArray(list)) fields.fail('ItemList', 'type', 'must be a list of {ItemNo}');
		else {
			list.forEach((entry, i) => {
				const itemNo = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).ItemNo : undefined;
				if (typeof itemNo !== 'string' || itemNo === '') fields.fail(`ItemList[${i}].ItemNo`, 'required', 'is required text');
				else if ([...itemNo].length > ID_LENGTHS.itemNo || !ALNUM.test(itemNo)) {
					fields.fail(`ItemList[${i}].ItemNo`, 'length', `must be at most ${ID_LENGTHS.itemNo} letters and digits`);
				} else wanted.add(itemNo);
			});
		}
	}
	const refusal = fields.refusal();
	if (refusal || pageNum === undefined) return refusal ?? answer('success', SUCCESS_MSG);

	const matching = context.products.filter(
		(p) =>
			(status === ITEM_STATUS.all || (status === ITEM_STATUS.listed) === p.listed) &&
			(wanted.size === 0 || wanted.has(p.itemNo)),
	);
	return answer('success', SUCCESS_MSG, {
		TotalCount: matching.length,
		[RESPONSE_LISTS.batchQueryItemInfo]: page(matching, pageNum, context.pageSize).map(itemView),
	});
};

import { ISSUE_FIELDS } from '../../../../../protocol/rules/issueFields';
import { issueTypeOf } from '../../../../../protocol/rules/issueTypes';
import type { Execution } from '../../operation';
import { checkedLines, checkedOrder, jsonParameter, toWireOrder, type IssueDraft } from './draft';

const KNOWN = new Set(ISSUE_FIELDS.map((f) => f.wire));

/**
 * Order Input › From JSON: the whole order from one expression, one evaluation per item instead
 * of one per field. IssueType in the JSON overrides the editor's Issue Type for that item; paper
 * tickets with a CustomerAddress are the ones mailed; fields the rule table does not know are
 * sent as given, with a hint.
 */
export function orderFromJson(x: Execution, itemIndex: number): IssueDraft {
	const order = checkedOrder(x, itemIndex, jsonParameter(x, itemIndex, 'orderJson', 'Order'));
	const { TicketInfo, ...fields } = order;
	if (fields.IssueType === undefined || fields.IssueType === '') fields.IssueType = x.ctx.getNodeParameter('issueType', itemIndex) as string;
	const unknown = Object.keys(fields).filter((key) => !KNOWN.has(key));
	if (unknown.length) x.hint(`Item ${itemIndex}: Order (JSON) holds ${unknown.join(', ')}, not a field of ECPay's Issue page as this node knows it; sent as given.`);
	const mail = issueTypeOf(String(fields.IssueType).trim())?.name === 'paper' && Boolean(fields.CustomerAddress);
	return toWireOrder(fields, checkedLines(x, itemIndex, TicketInfo ?? []), mail);
}

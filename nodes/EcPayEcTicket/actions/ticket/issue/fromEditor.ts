import type { IDataObject } from 'n8n-workflow';
import { isResourceLocatorValue } from 'n8n-workflow';

import { isRequired, paramOf } from '../../../../../protocol/rules/field';
import { ISSUE_FIELDS, LINE_FIELDS } from '../../../../../protocol/rules/issueFields';
import { issueTypeOf } from '../../../../../protocol/rules/issueTypes';
import type { Execution } from '../../operation';
import { plainText, readOrderNumber } from '../../sharedFields';
import { checkedLines, jsonParameter, situationOf, toWireOrder, type IssueDraft } from './draft';

/** The order fields the form reads besides the order number and IssueType: top level where required, else Additional Fields. */
const FORM_FIELDS = ISSUE_FIELDS.filter((f) => !['MerchantID', 'MerchantTradeNo', 'FreeTradeNo', 'IssueType', 'TicketInfo'].includes(f.wire));

/** An editor ticket line (itemNo, ticketAmount…) under ECPay's names (ItemNo, TicketAmount…); Item No picked or typed. */
const wireNamed = (line: IDataObject): IDataObject =>
	Object.fromEntries(LINE_FIELDS.filter((f) => paramOf(f) in line).map((f) => [f.wire, isResourceLocatorValue(line[paramOf(f)]) ? plainText(line[paramOf(f)]) : line[paramOf(f)]]));

/** Order Input › Define Below: the order as the form shows it for the chosen Issue Type. */
export function orderFromEditor(x: Execution, itemIndex: number): IssueDraft {
	const param = <T>(name: string, fallback?: T) => x.ctx.getNodeParameter(name, itemIndex, fallback) as T;
	const issueType = param<string>('issueType');
	const extra = param<IDataObject>('additionalFields', {});
	const mail = issueTypeOf(issueType)?.name === 'paper' && param<boolean>('mailToCustomer', false);
	const fields: IDataObject = { ...readOrderNumber(x, itemIndex), IssueType: issueType };
	// IsImmediate decides which other fields apply, so it is read first.
	const situation = () => situationOf(fields, mail);
	for (const spec of FORM_FIELDS) {
		if (spec.issueTypes && !spec.issueTypes.includes(issueType as never)) continue;
		fields[spec.wire] = isRequired(spec, situation()) ? param(paramOf(spec), '') : extra[paramOf(spec)];
	}
	const lines =
		param<string>('ticketsInput', 'fields') === 'json'
			? checkedLines(x, itemIndex, jsonParameter(x, itemIndex, 'ticketsJson', 'TicketInfo'))
			: ((param<IDataObject>('tickets', {}).line as IDataObject[] | undefined) ?? []).map(wireNamed);
	return toWireOrder(fields, lines, mail);
}

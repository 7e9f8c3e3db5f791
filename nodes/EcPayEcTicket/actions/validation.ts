import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Violation } from '../../../protocol/spec/issueRules';

/** Editor names of ECPay's wire fields, so an error names the field the user actually sees. */
const FIELD_LABELS: Record<string, string> = {
	MerchantID: 'Merchant ID (credential)',
	MerchantTradeNo: 'Merchant Trade No',
	FreeTradeNo: 'Free Trade No',
	IssueType: 'Issue Type',
	PrintType: 'Print Type',
	IsImmediate: 'Usable From',
	RefundNotifyURL: 'Refund Notify URL',
	UseStatusNotifyURL: 'Use Status Notify URL',
	StoreID: 'Store ID',
	Operator: 'Operator',
	CustomerName: 'Customer Name',
	CustomerPhone: 'Customer Phone',
	CustomerEmail: 'Customer Email',
	CustomerAddress: 'Customer Address',
	TicketInfo: 'Tickets',
	ItemNo: 'Item No',
	ItemName: 'Item Name',
	TicketPrice: 'Ticket Price',
	TicketAmount: 'Ticket Amount',
	StartDate: 'Start Date',
	ExpireDate: 'Expire Date',
	TicketNo: 'Ticket No',
	WriteOffNo: 'Write-Off No',
	CancelReason: 'Reason',
	BeginDate: 'Begin Date',
	EndDate: 'End Date',
	ReportType: 'Report Type',
	ItemList: 'Item Numbers',
	Order: 'Order (JSON)',
};

/**
 * `TicketInfo[1].ItemNo` → `Item No (ticket line 2, TicketInfo[1].ItemNo)`;
 * `ItemList[0].ItemNo` → `Item Numbers (entry 1, ItemList[0].ItemNo)`.
 */
export function describeField(field: string): string {
	const entry = /^(\w+)\[(\d+)\]\.?(\w*)$/.exec(field);
	if (entry?.[1] === 'TicketInfo') {
		const name = entry[3] ? FIELD_LABELS[entry[3]] ?? entry[3] : 'Ticket line';
		return `${name} (ticket line ${Number(entry[2]) + 1}, ${field})`;
	}
	if (entry) return `${FIELD_LABELS[entry[1]] ?? entry[1]} (entry ${Number(entry[2]) + 1}, ${field})`;
	return `${FIELD_LABELS[field] ?? field} (${field})`;
}

export function violationText(v: Violation): string {
	return `${describeField(v.field)} ${v.message}`;
}

/** Refuses an item before anything is sent: the message names the item, the field and the rule. */
export function throwIfInvalid(ctx: IExecuteFunctions, itemIndex: number, violations: Violation[]): void {
	if (violations.length === 0) return;
	const [first] = violations;
	const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
	throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${violationText(first)}${more}`, {
		itemIndex,
		description: `Nothing was sent to ECPay for this item. Every problem found:\n${violations
			.map((v) => `- ${violationText(v)} [rule: ${v.rule}]`)
			.join('\n')}`,
	});
}

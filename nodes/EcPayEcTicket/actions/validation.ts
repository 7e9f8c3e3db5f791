import { NodeOperationError } from 'n8n-workflow';

import type { FieldSpec, Violation } from '../../../protocol/rules/field';
import { ISSUE_FIELDS, LINE_FIELDS } from '../../../protocol/rules/issueFields';
import { REQUESTS } from '../../../protocol/rules/requests';
import { failureFacts } from '../transport/failure';
import type { Execution } from './operation';

/** Every wire field's editor label, from the rule tables, so an error names the field the user sees. */
const LABELS = new Map<string, string>([
	...[...ISSUE_FIELDS, ...LINE_FIELDS, ...Object.values(REQUESTS).flatMap((r): readonly FieldSpec[] => r.fields)]
		.reverse()
		.map((spec): [string, string] => [spec.wire, spec.label]),
	['Order', 'Order (JSON)'],
]);

/**
 * `TicketInfo[1].ItemNo` → `Item No (ticket line 2, TicketInfo[1].ItemNo)`;
 * `ItemList[0].ItemNo` → `Item No (entry 1, ItemList[0].ItemNo)`.
 */
export function describeField(field: string): string {
	const entry = /^(\w+)\[(\d+)\]\.?(\w*)$/.exec(field);
	if (entry) {
		const name = entry[3] ? LABELS.get(entry[3]) ?? entry[3] : entry[1] === 'TicketInfo' ? 'Ticket line' : LABELS.get(entry[1]) ?? entry[1];
		return `${name} (${entry[1] === 'TicketInfo' ? 'ticket line' : 'entry'} ${Number(entry[2]) + 1}, ${field})`;
	}
	return `${LABELS.get(field) ?? field} (${field})`;
}

export const violationText = (v: Violation): string => `${describeField(v.field)} ${v.message}`;

/** The error that refuses an item before anything is sent: it names the item, the field and the rule. */
function refusalOf(x: Execution, itemIndex: number, blocking: Violation[]): NodeOperationError {
	const [first] = blocking;
	const more = blocking.length > 1 ? ` (and ${blocking.length - 1} more)` : '';
	const error = new NodeOperationError(x.ctx.getNode(), `Item ${itemIndex}: ${violationText(first)}${more}`, {
		itemIndex,
		description: `Nothing was sent to ECPay for this item. Every problem found:\n${blocking
			.map((v) => `- ${violationText(v)} [rule: ${v.rule}]`)
			.join('\n')}`,
	});
	return failureFacts.attach(error, { kind: 'validation', field: first.field, rule: first.rule });
}

/**
 * Applies the rules' verdict to one item before anything is sent: official violations refuse the
 * item; inferred ones never block (ECPay's answer decides) and become an execution hint.
 */
export function enforce(x: Execution, itemIndex: number, violations: Violation[]): void {
	for (const v of violations.filter((w) => w.grade === 'inferred')) {
		x.hint(`Item ${itemIndex}: ${violationText(v)}. This rule is inferred, not ECPay's published text: the request was sent and ECPay's answer decides.`);
	}
	const blocking = violations.filter((v) => v.grade === 'official');
	if (blocking.length) throw refusalOf(x, itemIndex, blocking);
}

/** Refuses an item for a structural problem found while reading it (not JSON, not a list…). */
export function refuse(x: Execution, itemIndex: number, field: string, rule: Violation['rule'], message: string): never {
	throw refusalOf(x, itemIndex, [{ field, rule, message, grade: 'official' }]);
}

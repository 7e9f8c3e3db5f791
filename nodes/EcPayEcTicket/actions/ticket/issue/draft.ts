import type { IDataObject } from 'n8n-workflow';

import type { Situation } from '../../../../../protocol/rules/field';
import { ISSUE_FIELDS } from '../../../../../protocol/rules/issueFields';
import { startsLater } from '../../../../../protocol/rules/issue';
import { toWire, toWireLine } from '../../../../../protocol/wire';
import type { Execution } from '../../operation';
import { refuse } from '../../validation';

/** An order read from the editor or from JSON, in ECPay's wire form, and the situation its rules depend on. */
export interface IssueDraft {
	data: IDataObject;
	/** Paper tickets mailed to the customer. */
	mail: boolean;
}

export const situationOf = (data: IDataObject, mail: boolean): Situation => ({
	issueType: String(data.IssueType ?? ''),
	mail,
	startsLater: startsLater(data),
});

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** The order in wire form: each known field converted by its table entry, empty ones left out, ticket lines per IssueType. */
export function toWireOrder(fields: IDataObject, lines: IDataObject[], mail: boolean): IssueDraft {
	const data: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		const spec = ISSUE_FIELDS.find((f) => f.wire === key);
		const converted = spec ? toWire(spec, value) : value;
		if (!isEmpty(converted)) data[key] = converted as IDataObject[string];
	}
	const situation = situationOf(data, mail);
	data.TicketInfo = lines.map((line) => toWireLine(line, situation) as IDataObject);
	return { data, mail };
}

const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON text or an object from an expression; a parse failure is reported like a rule violation. */
export function jsonParameter(x: Execution, itemIndex: number, name: string, field: string): unknown {
	const value = x.ctx.getNodeParameter(name, itemIndex) as unknown;
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return refuse(x, itemIndex, field, 'type', 'must be valid JSON (it could not be parsed)');
	}
}

/** Ticket lines mapped from earlier nodes; structural problems are reported like rule violations. */
export function checkedLines(x: Execution, itemIndex: number, value: unknown): IDataObject[] {
	if (!Array.isArray(value)) return refuse(x, itemIndex, 'TicketInfo', 'type', 'must be an array of ticket lines');
	return value.map((line, i) =>
		isObject(line) ? line : refuse(x, itemIndex, `TicketInfo[${i}]`, 'type', 'must be an object such as {"ItemNo":"VQT04959","TicketAmount":1}'),
	);
}

/** The order object of Order Input › From JSON, refused unless it is an object. */
export function checkedOrder(x: Execution, itemIndex: number, value: unknown): IDataObject {
	return isObject(value) ? value : refuse(x, itemIndex, 'Order', 'type', 'must be a JSON object holding the order');
}

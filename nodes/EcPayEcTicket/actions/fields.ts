import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { paramOf, type FieldSpec } from '../../../protocol/rules/field';

/** An editor `displayOptions.show`. */
export type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/**
 * The editor property of one wire field, from its rule table: label, parameter name, type,
 * description (with the wire name), placeholder and `required` come from the table; `extra`
 * adds what only the editor knows (display conditions, option names, defaults).
 */
export function fieldProperty(spec: FieldSpec, extra: Partial<INodeProperties> = {}): INodeProperties {
	const property: INodeProperties = {
		displayName: spec.label,
		name: paramOf(spec),
		type: spec.type === 'wholeNumber' ? 'number' : 'string',
		default: spec.type === 'wholeNumber' ? 0 : '',
		description: spec.description,
		...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
		...(spec.required === true ? { required: true } : {}),
		...extra,
	};
	return property;
}

/** Option entries of a coded field (PrintType, IsImmediate…), labelled by the editor's words. */
export function codeOptions(labels: Record<string, string>, descriptions: Record<string, string> = {}): INodePropertyOptions[] {
	return Object.entries(labels).map(([value, name]) => ({ name, value, ...(descriptions[value] ? { description: descriptions[value] } : {}) }));
}

/** Sorts a collection's options by display name, as n8n's lint wants them. */
export const byDisplayName = (properties: INodeProperties[]): INodeProperties[] =>
	[...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** A fixed choice that shapes the form below it (no expression): Order Kind, Order Input, ECTicket Mode… */
export function choice(
	displayName: string,
	name: string,
	options: INodePropertyOptions[],
	selected: string,
	show: Show,
	description?: string,
): INodeProperties {
	return { displayName, name, type: 'options', noDataExpression: true, options, default: selected, displayOptions: { show }, ...(description ? { description } : {}) };
}

/** Define Below or From JSON: how an order, or its ticket lines, are given. */
export const inputChoice = (displayName: string, name: string, show: Show, below: string, fromJson: string): INodeProperties =>
	choice(
		displayName,
		name,
		[
			{ name: 'Define Below', value: 'fields', description: below },
			{ name: 'From JSON', value: 'json', description: fromJson },
		],
		'fields',
		show,
	);

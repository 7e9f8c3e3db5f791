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
		// Dates get n8n's date picker; protocol/wire.ts turns its ISO value into ECPay's yyyyMMdd.
		type: spec.type === 'wholeNumber' ? 'number' : spec.format === 'date' ? 'dateTime' : 'string',
		default: spec.type === 'wholeNumber' ? 0 : '',
		description: spec.description,
		...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
		...(spec.required === true ? { required: true } : {}),
		...extra,
	};
	return property;
}

/**
 * A number the editor checks as it is typed (a resource locator's regex: ECPay's official length,
 * and letters and digits only where that rule is official too), optionally with a searchable list
 * to pick from. Read with textParameter / plainText, which take the picked or typed value alike.
 */
export function locatorProperty(spec: FieldSpec, extra: Partial<INodeProperties> = {}, searchListMethod?: string): INodeProperties {
	const max = spec.length?.max ?? 50;
	const alnum = spec.format === 'alnum' && !spec.inferred?.format;
	const typed = {
		displayName: searchListMethod ? 'By Number' : spec.label,
		name: 'id',
		type: 'string' as const,
		...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
		validation: [
			{
				type: 'regex' as const,
				properties: {
					regex: alnum ? `^\\s*[A-Za-z0-9]{1,${max}}\\s*$` : `^\\s*\\S{1,${max}}\\s*$`,
					errorMessage: `${spec.label} (${spec.wire}) is at most ${max} ${alnum ? 'letters and digits' : 'characters, no spaces'}`,
				},
			},
		],
	};
	const list = searchListMethod
		? [{ displayName: 'From List', name: 'list', type: 'list' as const, typeOptions: { searchListMethod, searchable: true } }]
		: [];
	return {
		...fieldProperty(spec),
		type: 'resourceLocator',
		default: { mode: searchListMethod ? 'list' : 'id', value: '' },
		modes: [...list, typed],
		...extra,
	};
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

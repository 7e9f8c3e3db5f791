import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Endpoint } from '../../../protocol/spec/endpoints';
import { FIELD_RULES } from '../../../protocol/spec/fieldRules';
import { callEcTicket, requireRtnCode1 } from '../transport/request';
import { readable } from './readable';
import { textParameter } from './sharedFields';
import { throwIfInvalid } from './validation';

/** One call for one item: the verified answer, refused unless RtnCode 1, with labels and ISO dates. */
export async function ask(
	ctx: IExecuteFunctions,
	endpoint: Endpoint,
	data: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const answer = await callEcTicket(ctx, endpoint, data, { itemIndex });
	return readable(requireRtnCode1(ctx, answer, endpoint, itemIndex));
}

/** `{ [wireName]: value }` of one text parameter, refused before sending unless it passes its rule. */
export function readChecked(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	wireName: keyof typeof FIELD_RULES,
): IDataObject {
	const value = textParameter(ctx, parameter, itemIndex);
	throwIfInvalid(ctx, itemIndex, FIELD_RULES[wireName](wireName, value));
	return { [wireName]: value };
}

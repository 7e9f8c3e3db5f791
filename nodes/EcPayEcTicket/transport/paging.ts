import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Endpoint } from '../../../protocol/spec/endpoints';
import { PAGE_SIZE } from '../../../protocol/spec/operations';
import { callEcTicket, requireRtnCode1 } from './request';

export interface Pages {
	/** The first page's Data without its list: order fields, TotalCount… */
	first: IDataObject;
	entries: IDataObject[];
}

/**
 * Follows PageNum from 1 until the list is complete (TotalCount reached, or a short or empty page
 * when ECPay gives no TotalCount) or `limit` entries were collected.
 */
export async function fetchPages(
	ctx: IExecuteFunctions,
	endpoint: Endpoint,
	data: IDataObject,
	listKey: string,
	itemIndex: number,
	limit = Infinity,
): Promise<Pages> {
	const entries: IDataObject[] = [];
	let first: IDataObject | undefined;
	for (let page = 1; ; page++) {
		const answer = requireRtnCode1(
			ctx,
			await callEcTicket(ctx, endpoint, { ...data, PageNum: page }, { itemIndex }),
			endpoint,
			itemIndex,
		);
		const list = Array.isArray(answer[listKey]) ? (answer[listKey] as IDataObject[]) : [];
		if (!first) {
			first = { ...answer };
			delete first[listKey];
		}
		entries.push(...list);
		const total = typeof first.TotalCount === 'number' ? first.TotalCount : undefined;
		if (entries.length >= limit || list.length === 0) break;
		// TotalCount (page 1) says when the list is complete; without it, a short page does.
		if (total !== undefined ? entries.length >= total : list.length < PAGE_SIZE) break;
	}
	return { first, entries: entries.slice(0, limit) };
}

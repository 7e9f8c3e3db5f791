import type { IDataObject } from 'n8n-workflow';

import { PAGE_SIZE } from '../../../protocol/rules/answers';
import type { Endpoint } from '../../../protocol/rules/endpoints';
import type { EcTicketClient } from './client';
import { callEcTicket, requireRtnCode1 } from './request';

export interface Pages {
	/** The first page's Data without its list: order fields, TotalCount… */
	first: IDataObject;
	entries: IDataObject[];
	/** Whether `limit` cut the list short of everything ECPay holds. */
	cut: boolean;
}

/**
 * Follows PageNum from 1 until the list is complete (TotalCount reached, or a short or empty page
 * when ECPay gives no TotalCount) or `limit` entries were collected.
 */
export async function fetchPages(
	client: EcTicketClient,
	endpoint: Endpoint,
	data: IDataObject,
	listKey: string,
	itemIndex: number,
	limit = Infinity,
): Promise<Pages> {
	const entries: IDataObject[] = [];
	let first: IDataObject | undefined;
	let complete = false;
	for (let page = 1; ; page++) {
		const answer = requireRtnCode1(client, await callEcTicket(client, endpoint, { ...data, PageNum: page }, itemIndex), endpoint, itemIndex);
		const list = Array.isArray(answer[listKey]) ? (answer[listKey] as IDataObject[]) : [];
		if (!first) {
			first = { ...answer };
			delete first[listKey];
		}
		entries.push(...list);
		const total = typeof first.TotalCount === 'number' ? first.TotalCount : undefined;
		// TotalCount (page 1) says when the list is complete; without it, a short or empty page does.
		complete = list.length === 0 || (total !== undefined ? entries.length >= total : list.length < PAGE_SIZE);
		if (complete || entries.length >= limit) break;
	}
	return { first, entries: entries.slice(0, limit), cut: entries.length > limit || (!complete && entries.length >= limit) };
}

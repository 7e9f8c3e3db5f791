import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { PAGE_SIZE, readable, RESPONSE_LISTS } from '../../../protocol/rules/answers';
import { ITEM_STATUS_FILTER } from '../../../protocol/rules/codes';
import { ENDPOINTS } from '../../../protocol/rules/endpoints';
import { EcTicketClient } from '../transport/client';
import { callEcTicket, requireRtnCode1 } from '../transport/request';

/**
 * Item No › From List: the merchant's listed products, a page of BatchQueryItemInfo at a time,
 * searchable by number or name (ECPay has no search, so each page is filtered here).
 */
export async function searchProducts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await EcTicketClient.forExecution(this);
	const page = Number(paginationToken ?? 1);
	const data = { ItemStatus: ITEM_STATUS_FILTER.listed, PageNum: page };
	const answer = requireRtnCode1(client, await callEcTicket(client, ENDPOINTS.batchQueryItemInfo, data, 0), ENDPOINTS.batchQueryItemInfo, 0);
	const list = Array.isArray(answer[RESPONSE_LISTS.batchQueryItemInfo]) ? (answer[RESPONSE_LISTS.batchQueryItemInfo] as IDataObject[]) : [];
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = list
		.map((entry) => readable(entry) as IDataObject)
		.filter((p) => !wanted || `${p.ItemNo} ${p.ItemName}`.toLowerCase().includes(wanted))
		.map((p) => ({
			name: `${p.ItemName} (${p.ItemNo})`,
			value: String(p.ItemNo),
			description: [p.TicketTypeLabel, typeof p.Price === 'number' && p.Price > 0 ? `NT$${p.Price}` : ''].filter(Boolean).join(' · '),
		}));
	const total = typeof answer.TotalCount === 'number' ? answer.TotalCount : undefined;
	const more = total !== undefined ? page * PAGE_SIZE < total : list.length >= PAGE_SIZE;
	return { results, ...(more ? { paginationToken: String(page + 1) } : {}) };
}

import type { IDataObject } from 'n8n-workflow';

import { readable } from '../../../protocol/rules/answers';
import { REQUESTS, validateRequest, type RequestName } from '../../../protocol/rules/requests';
import { callEcTicket, requireRtnCode1 } from '../transport/request';
import type { Execution } from './operation';
import { enforce } from './validation';

/** One read for one item: the verified answer, refused unless RtnCode 1, with labels and ISO dates where certain. */
export async function ask(x: Execution, request: RequestName, data: IDataObject, itemIndex: number): Promise<IDataObject> {
	const { endpoint } = REQUESTS[request];
	const answer = await callEcTicket(x.client, endpoint, data, itemIndex);
	return readable(requireRtnCode1(x.client, answer, endpoint, itemIndex)) as IDataObject;
}

/** Checks an item's request Data against its endpoint's rules (official ones block) and returns it. */
export function checked(x: Execution, itemIndex: number, request: RequestName, data: IDataObject, cancel = false): IDataObject {
	enforce(x, itemIndex, validateRequest(request, data, { cancel }));
	return data;
}

import type { IDataObject } from 'n8n-workflow';

import { ask, checked } from '../ask';
import type { Operation } from '../operation';
import { optionsField, readTicketIdentifier, ticketIdentifierFields } from '../sharedFields';

const show = { resource: ['ticket'], operation: ['get'] };

export const get: Operation<IDataObject> = {
	value: 'get',
	name: 'Get',
	action: 'Get a ticket',
	description: "Get one ticket's status (unused, redeemed, refunded, expired) and details by ticket number or write-off number",
	properties: [...ticketIdentifierFields(show), optionsField(show)],

	// QueryTicketStatus takes both fields, the unused one empty (as ECPay's own example does).
	prepare: (x, itemIndex) => ({ TicketNo: '', WriteOffNo: '', ...checked(x, itemIndex, 'queryTicketStatus', readTicketIdentifier(x, itemIndex)) }),

	run: (x, data, itemIndex) => ask(x, 'queryTicketStatus', data, itemIndex),
};

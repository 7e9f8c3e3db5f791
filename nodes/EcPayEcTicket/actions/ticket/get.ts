import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { checkFields, FIELD_RULES } from '../../../../protocol/spec/fieldRules';
import { ask } from '../ask';
import type { Operation } from '../operation';
import { optionsField, readTicketIdentifier, ticketIdentifierFields } from '../sharedFields';
import { throwIfInvalid } from '../validation';

const show = { resource: ['ticket'], operation: ['get'] };

export const get: Operation<IDataObject> = {
	value: 'get',
	name: 'Get',
	action: 'Get a ticket',
	description: 'Get one ticket\'s status (unused, redeemed, refunded, expired) and details by ticket number or write-off number',
	properties: [...ticketIdentifierFields(show), optionsField(show)],

	prepare(ctx, itemIndex) {
		const id = readTicketIdentifier(ctx, itemIndex);
		throwIfInvalid(ctx, itemIndex, checkFields(id, { TicketNo: FIELD_RULES.TicketNo, WriteOffNo: FIELD_RULES.WriteOffNo }, Object.keys(id)));
		// QueryTicketStatus takes both fields, the unused one empty (as ECPay's own example does).
		return { TicketNo: '', WriteOffNo: '', ...id };
	},

	run: (ctx, data, itemIndex) => ask(ctx, ENDPOINTS.queryTicketStatus, data, itemIndex),
};

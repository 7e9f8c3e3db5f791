import type { IDataObject } from 'n8n-workflow';

import { ask } from '../ask';
import type { Operation } from '../operation';
import { optionsField } from '../sharedFields';

const show = { resource: ['merchant'], operation: ['getEscrowDays'] };

export const getEscrowDays: Operation<IDataObject> = {
	value: 'getEscrowDays',
	name: 'Get Escrow Days',
	action: 'Get the escrow days of the merchant',
	description: 'Get how many days ECPay holds the money of pickup vouchers in escrow (performance guarantee), the period in which they can be refunded',
	properties: [optionsField(show)],

	prepare: () => ({}),

	run: (x, data, itemIndex) => ask(x, 'escrowDay', data, itemIndex),
};

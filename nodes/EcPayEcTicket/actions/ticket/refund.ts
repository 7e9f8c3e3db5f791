import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { checkFields, FIELD_RULES } from '../../../../protocol/spec/fieldRules';
import { REFUND_ACTION } from '../../../../protocol/spec/operations';
import { ask } from '../ask';
import type { Operation } from '../operation';
import { optionsField, readTicketIdentifier, ticketIdentifierFields } from '../sharedFields';
import { throwIfInvalid } from '../validation';

/** Refund and Cancel Refund: both are /api/Ticket/Refund, told apart by Action (INFERRED). */
function refundOperation(
	value: 'refund' | 'cancelRefund',
	meta: Pick<Operation, 'name' | 'action' | 'description'>,
): Operation<IDataObject> {
	const show = { resource: ['ticket'], operation: [value] };
	return {
		value,
		...meta,
		properties: [
			...ticketIdentifierFields(show),
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show },
				options: [
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'string',
						default: '',
						description: 'Who did it, for your records (Operator, up to 10 letters and digits)',
					},
					{
						displayName: 'Reason',
						name: 'cancelReason',
						type: 'string',
						default: '',
						description: 'Why (CancelReason, up to 100 characters)',
					},
				],
			},
			optionsField(show),
		],

		prepare(ctx, itemIndex) {
			const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const id = readTicketIdentifier(ctx, itemIndex);
			const data: IDataObject = {
				...id,
				Action: value === 'refund' ? REFUND_ACTION.refund : REFUND_ACTION.cancelRefund,
			};
			if (extra.cancelReason) data.CancelReason = String(extra.cancelReason).trim();
			if (extra.operator) data.Operator = String(extra.operator).trim();
			throwIfInvalid(
				ctx,
				itemIndex,
				checkFields(
					data,
					{
						TicketNo: FIELD_RULES.TicketNo,
						WriteOffNo: FIELD_RULES.WriteOffNo,
						CancelReason: FIELD_RULES.CancelReason,
						Operator: FIELD_RULES.Operator,
					},
					Object.keys(id),
				),
			);
			return data;
		},

		run: (ctx, data, itemIndex) => ask(ctx, ENDPOINTS.refund, data, itemIndex),
	};
}

export const refund = refundOperation('refund', {
	name: 'Refund',
	action: 'Refund a ticket',
	description: 'Refund an unused pickup voucher within the escrow period; ECPay returns its face value to the customer',
});

export const cancelRefund = refundOperation('cancelRefund', {
	name: 'Cancel Refund',
	action: 'Cancel the refund of a ticket',
	description: 'Undo a refund so the ticket is unused again',
});

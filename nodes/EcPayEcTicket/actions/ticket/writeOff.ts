import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../protocol/spec/endpoints';
import { checkFields, FIELD_RULES } from '../../../../protocol/spec/fieldRules';
import { WRITE_OFF_ACTION } from '../../../../protocol/spec/operations';
import { ask } from '../ask';
import type { Operation } from '../operation';
import { optionsField, textParameter, writeOffNoField } from '../sharedFields';
import { throwIfInvalid } from '../validation';

/** Redeem and Cancel Redemption: both are /api/Ticket/WriteOff, told apart by Action. */
function writeOffOperation(
	value: 'redeem' | 'cancelRedemption',
	meta: Pick<Operation, 'name' | 'action' | 'description'>,
): Operation<IDataObject> {
	const show = { resource: ['ticket'], operation: [value] };
	const cancelling = value === 'cancelRedemption';
	const extra: INodeProperties[] = [
		...(cancelling
			? [{
					displayName: 'Cancel Reason',
					name: 'cancelReason',
					type: 'string' as const,
					default: '',
					description: 'Why the redemption is cancelled (CancelReason, up to 100 characters)',
				}]
			: []),
		{
			displayName: 'Operator',
			name: 'operator',
			type: 'string',
			default: '',
			description: 'Who did it, for your records (Operator, up to 10 letters and digits)',
		},
		{
			displayName: 'Store ID',
			name: 'storeId',
			type: 'string',
			default: '',
			description: 'The branch where it happened (StoreID), as created in the ECPay vendor back office',
		},
	];
	return {
		value,
		...meta,
		properties: [
			writeOffNoField(show),
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show },
				options: extra,
			},
			optionsField(show),
		],

		prepare(ctx, itemIndex) {
			const extraFields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const data: IDataObject = {
				WriteOffNo: textParameter(ctx, 'writeOffNo', itemIndex),
				Action: cancelling ? WRITE_OFF_ACTION.cancelRedemption : WRITE_OFF_ACTION.redeem,
			};
			if (extraFields.cancelReason) data.CancelReason = String(extraFields.cancelReason).trim();
			if (extraFields.storeId) data.StoreID = String(extraFields.storeId).trim();
			if (extraFields.operator) data.Operator = String(extraFields.operator).trim();
			throwIfInvalid(
				ctx,
				itemIndex,
				checkFields(data, {
					WriteOffNo: FIELD_RULES.WriteOffNo,
					CancelReason: FIELD_RULES.CancelReason,
					StoreID: FIELD_RULES.StoreID,
					Operator: FIELD_RULES.Operator,
				}, ['WriteOffNo']),
			);
			return data;
		},

		run: (ctx, data, itemIndex) => ask(ctx, ENDPOINTS.writeOff, data, itemIndex),
	};
}

export const redeem = writeOffOperation('redeem', {
	name: 'Redeem',
	action: 'Redeem a ticket',
	description: 'Mark a ticket as used (write-off) by its write-off number, as a store does when the customer uses it',
});

export const cancelRedemption = writeOffOperation('cancelRedemption', {
	name: 'Cancel Redemption',
	action: 'Cancel the redemption of a ticket',
	description: 'Undo a redemption so the ticket is unused again',
});

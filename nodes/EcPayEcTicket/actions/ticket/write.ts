import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { REFUND_ACTION, WRITE_OFF_ACTION } from '../../../../protocol/rules/codes';
import { REQUESTS, type RequestName } from '../../../../protocol/rules/requests';
import { readable } from '../../../../protocol/rules/answers';
import { writeOnce, type WriteEffect } from '../../transport/writeOnce';
import { checked } from '../ask';
import { choice, fieldProperty, type Show } from '../fields';
import type { Operation } from '../operation';
import { optionsField, readTicketIdentifier, textParameter, ticketIdentifierFields, writeOffNoField } from '../sharedFields';

interface Prepared {
	request: RequestName;
	data: IDataObject;
}

/** Refunds of issuance-only orders have their own endpoint (/api/issuance/Refund, from ECPay's sample code). */
const modeField = (show: Show): INodeProperties =>
	choice(
		'ECTicket Mode',
		'apiMode',
		[
			{ name: 'Escrow, Redeem After Use', value: 'escrow', description: 'Tickets issued with the usual contract (/api/Ticket/Refund)' },
			{
				name: 'Issuance Only',
				value: 'issuanceOnly',
				description: "Tickets of an issuance-only contract (/api/issuance/Refund, known from ECPay's sample code: check on Stage first)",
			},
		],
		'escrow',
		show,
		'Which ECTicket contract issued the ticket',
	);

const spec = (request: RequestName, wire: string) => REQUESTS[request].fields.find((f) => f.wire === wire) as (typeof REQUESTS)[RequestName]['fields'][number];

interface WriteKind {
	value: 'redeem' | 'cancelRedemption' | 'refund' | 'cancelRefund';
	effect: WriteEffect;
	request: 'writeOff' | 'refund';
	/** The endpoint of the issuance-only contract, when it has its own. */
	issuanceOnly?: 'issuanceRefund';
	action: string;
	meta: Pick<Operation, 'name' | 'action' | 'description'>;
}

/**
 * The four writes on one ticket: Redeem and Cancel Redemption (/api/Ticket/WriteOff, found by its
 * write-off number), Refund and Cancel Refund (/api/Ticket/Refund, by ticket or write-off number),
 * told apart by Action. Operator is always sent (ECPay's sample marks it required) and a reason
 * with every cancellation; both have defaults. A write whose answer is lost is checked, never
 * blindly re-sent (transport/writeOnce.ts).
 */
function writeOperation({ value, effect, request, issuanceOnly, action, meta }: WriteKind): Operation<Prepared> {
	const show = { resource: ['ticket'], operation: [value] };
	const cancelling = value.startsWith('cancel');
	const byWriteOffNo = request === 'writeOff';
	const properties: INodeProperties[] = [
		...(byWriteOffNo ? [writeOffNoField(show)] : ticketIdentifierFields(show)),
		fieldProperty(spec(request, 'Operator'), { default: 'n8n', displayOptions: { show } }),
		...(cancelling ? [fieldProperty(spec(request, 'CancelReason'), { default: 'Cancelled in n8n', displayOptions: { show } })] : []),
		...(byWriteOffNo
			? [
					{
						displayName: 'Additional Fields',
						name: 'additionalFields',
						type: 'collection' as const,
						placeholder: 'Add Field',
						default: {},
						displayOptions: { show },
						options: [fieldProperty(spec(request, 'StoreID'))],
					},
				]
			: []),
		...(issuanceOnly ? [modeField(show)] : []),
		optionsField(show),
	];
	return {
		value,
		...meta,
		properties,

		prepare(x, itemIndex) {
			const data: IDataObject = {
				...(byWriteOffNo ? { WriteOffNo: textParameter(x, 'writeOffNo', itemIndex) } : readTicketIdentifier(x, itemIndex)),
				Action: action,
				Operator: textParameter(x, 'operator', itemIndex),
			};
			if (cancelling) data.CancelReason = textParameter(x, 'cancelReason', itemIndex);
			const storeId = byWriteOffNo ? String((x.ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject).storeId ?? '').trim() : '';
			if (storeId) data.StoreID = storeId;
			for (const key of Object.keys(data)) if (data[key] === '') delete data[key];
			const to = issuanceOnly && x.ctx.getNodeParameter('apiMode', itemIndex, 'escrow') === 'issuanceOnly' ? issuanceOnly : request;
			return { request: to, data: checked(x, itemIndex, to, data, cancelling) };
		},

		run: async (x, { request: to, data }, itemIndex) => readable(await writeOnce(x.client, REQUESTS[to].endpoint, data, effect, itemIndex)) as IDataObject,
	};
}

export const redeem = writeOperation({
	value: 'redeem',
	effect: 'redeemed',
	request: 'writeOff',
	action: WRITE_OFF_ACTION.redeem,
	meta: { name: 'Redeem', action: 'Redeem a ticket', description: 'Mark a ticket as used (write-off) by its write-off number, as a store does when the customer uses it' },
});

export const cancelRedemption = writeOperation({
	value: 'cancelRedemption',
	effect: 'unredeemed',
	request: 'writeOff',
	action: WRITE_OFF_ACTION.cancelRedemption,
	meta: { name: 'Cancel Redemption', action: 'Cancel the redemption of a ticket', description: 'Undo a redemption so the ticket is unused again' },
});

export const refund = writeOperation({
	value: 'refund',
	effect: 'refunded',
	request: 'refund',
	issuanceOnly: 'issuanceRefund',
	action: REFUND_ACTION.refund,
	meta: {
		name: 'Refund',
		action: 'Refund a ticket',
		description: 'Refund an unused pickup voucher within the escrow period; ECPay returns its face value to the customer',
	},
});

export const cancelRefund = writeOperation({
	value: 'cancelRefund',
	effect: 'unrefunded',
	request: 'refund',
	issuanceOnly: 'issuanceRefund',
	action: REFUND_ACTION.cancelRefund,
	meta: { name: 'Cancel Refund', action: 'Cancel the refund of a ticket', description: 'Undo a refund so the ticket is unused again' },
});

import { checkFields, present, type FieldSpec, type Grade, type Situation, type Violation } from './field';
import { ENDPOINTS, type Endpoint } from './endpoints';
import { ISSUE_FIELDS, LINE_FIELDS } from './issueFields';

/**
 * The request Data of every endpoint beyond Issue, as data. The official pages could be read only
 * up to their request fields (EVIDENCE.md): names and String(n) lengths are official where the
 * page lists them, everything else is marked inferred with its evidence.
 */
const SKILL = 'ECPay-API-Skill guides/09-ecticket.md';
const RYTASS = 'Rytass ecpay-ticket client';

const orderNo = (page: string, required?: true): FieldSpec[] => [
	{ ...pick('MerchantTradeNo'), required, source: `${page}: MerchantTradeNo String(25); letters and digits per the Issue page` },
	...(required ? [] : [{ ...pick('FreeTradeNo'), source: `${page}: FreeTradeNo String(20); letters and digits per the Issue page` }]),
];

function pick(wire: string): FieldSpec {
	const spec = [...ISSUE_FIELDS, ...LINE_FIELDS].find((f) => f.wire === wire);
	if (!spec) throw new Error(`No Issue field ${wire}`);
	return spec;
}

export const TICKET_NO: FieldSpec = {
	wire: 'TicketNo',
	type: 'text',
	length: { max: 16 },
	format: 'alnum',
	grade: 'official',
	source: 'QueryTicketStatus page: TicketNo String(16); official example CB2SY20220302153',
	inferred: { format: 'letters and digits: the official example' },
	label: 'Ticket No',
	description: 'The ticket number (TicketNo, up to 16 letters and digits), e.g. from Order › Get',
	placeholder: 'CB2SY20220302153',
};

export const WRITE_OFF_NO: FieldSpec = {
	wire: 'WriteOffNo',
	type: 'text',
	length: { max: 18 },
	format: 'alnum',
	grade: 'official',
	source: 'QueryTicketStatus and WriteOff pages: WriteOffNo String(18), read by scanning the ticket\'s barcode',
	inferred: { format: `letters and digits: ${SKILL} (WriteOffNo LEU4loiSZ9TDTWAtxL)` },
	label: 'Write-Off No',
	description: 'The write-off number (WriteOffNo, up to 18 letters and digits) printed on the ticket or shown in the customer\'s e-ticket: the number a store scans to redeem it',
	placeholder: 'LEU4loiSZ9TDTWAtxL',
};

const action = (source: string): FieldSpec => ({
	wire: 'Action',
	type: 'text',
	values: ['1', '2'],
	required: true,
	grade: 'inferred',
	source,
	label: 'Action',
	description: '1 acts, 2 cancels (Action)',
});

const operator = (source: string): FieldSpec => ({
	wire: 'Operator',
	type: 'text',
	length: { max: 10 },
	format: 'alnum',
	required: true,
	grade: 'inferred',
	source,
	label: 'Operator',
	description: 'Who did it, for your records (Operator, up to 10 letters and digits)',
});

const cancelReason = (source: string): FieldSpec => ({
	wire: 'CancelReason',
	type: 'text',
	length: { max: 50 },
	required: [{ cancel: true }],
	grade: 'inferred',
	source,
	label: 'Cancel Reason',
	description: 'Why it is cancelled (CancelReason, up to 50 characters)',
});

const pageNum = (page: string): FieldSpec => ({
	wire: 'PageNum',
	type: 'wholeNumber',
	range: { min: 1 },
	required: true,
	grade: 'official',
	source: `${page}: PageNum Int`,
	label: 'Page',
	description: 'Page number (PageNum)',
});

export const PAYMENT_PROVIDER: FieldSpec = {
	wire: 'PaymentProvider',
	type: 'text',
	values: ['1', '2'],
	required: true,
	grade: 'inferred',
	source: `${SKILL}: PaymentProvider required, 1 = ECPay payment, 2 = other`,
	label: 'Payment Provider',
	description: 'Who collected the payment of this issuance-only order (PaymentProvider): ECPay, or another provider',
};

export const ITEM_NO: FieldSpec = {
	...pick('ItemNo'),
	required: true,
	issueTypes: undefined,
	source: 'QueryItemInfo page: ItemNo String(8); letters and digits per the Issue page',
	description: 'The product number (ItemNo, up to 8 letters and digits) shown in the ECPay vendor back office under Product Management',
};

const date = (wire: string, grade: Grade, source: string, label: string, required?: true): FieldSpec => ({
	wire,
	type: 'text',
	format: 'date',
	required,
	grade,
	source,
	label,
	description: `${label} of the report (${wire}; pick a date or map yyyyMMdd or yyyy-MM-dd)`,
});

export interface RequestTable {
	endpoint: Endpoint;
	fields: readonly FieldSpec[];
	/** Exactly one of these two fields ("" counts as absent), e.g. TicketNo or WriteOffNo. */
	oneOf?: readonly [string, string];
}

/** Every endpoint's request Data but Issue's own fields (issueFields.ts), by the node's name for it. */
export const REQUESTS = {
	queryIssueResult: { endpoint: ENDPOINTS.queryIssueResult, fields: orderNo('QueryIssueResult page'), oneOf: ['MerchantTradeNo', 'FreeTradeNo'] },
	queryTicketStatus: { endpoint: ENDPOINTS.queryTicketStatus, fields: [TICKET_NO, WRITE_OFF_NO], oneOf: ['TicketNo', 'WriteOffNo'] },
	queryOrderInfo: {
		endpoint: ENDPOINTS.queryOrderInfo,
		fields: [...orderNo('QueryOrderInfo page'), pageNum('QueryOrderInfo page')],
		oneOf: ['MerchantTradeNo', 'FreeTradeNo'],
	},
	writeOff: {
		endpoint: ENDPOINTS.writeOff,
		fields: [
			{ ...WRITE_OFF_NO, required: true },
			action(`${SKILL} and ${RYTASS}: 1 redeem, 2 cancel`),
			cancelReason(`${RYTASS}: at most 50, required when cancelling`),
			{ ...pick('StoreID'), grade: 'inferred', source: `${RYTASS}: the branch of the redemption`, label: 'Store ID', description: 'The branch where it happened (StoreID), as created in the ECPay vendor back office' },
			operator(`${SKILL} ("必填", letters and digits) and ${RYTASS} (at most 10)`),
		],
	},
	refund: {
		endpoint: ENDPOINTS.refund,
		fields: [TICKET_NO, WRITE_OFF_NO, action('by analogy with WriteOff'), cancelReason('by analogy with WriteOff'), operator('by analogy with WriteOff')],
		oneOf: ['TicketNo', 'WriteOffNo'],
	},
	issuanceRefund: {
		endpoint: ENDPOINTS.issuanceRefund,
		fields: [TICKET_NO, WRITE_OFF_NO, action(`${SKILL} lists the endpoint; fields by analogy with Refund`), cancelReason('by analogy with WriteOff'), operator('by analogy with WriteOff')],
		oneOf: ['TicketNo', 'WriteOffNo'],
	},
	issuanceIssue: { endpoint: ENDPOINTS.issuanceOnlyIssue, fields: [PAYMENT_PROVIDER] },
	queryRefundInfo: { endpoint: ENDPOINTS.queryRefundInfo, fields: orderNo('QueryRefundInfo page', true) },
	queryPrintData: {
		endpoint: ENDPOINTS.queryPrintData,
		fields: [{ ...pick('MerchantTradeNo'), required: true, grade: 'inferred', source: 'PROTOCOL.md §5: MerchantTradeNo (inferred)' }],
	},
	queryItemInfo: { endpoint: ENDPOINTS.queryItemInfo, fields: [ITEM_NO] },
	batchQueryItemInfo: {
		endpoint: ENDPOINTS.batchQueryItemInfo,
		fields: [
			pageNum('BatchQueryItemInfo page'),
			{
				wire: 'ItemStatus',
				type: 'text',
				values: ['0', '1', '2'],
				required: true,
				grade: 'official',
				source: 'BatchQueryItemInfo page: ItemStatus String(1), 0 delisted / 1 listed / 2 all',
				label: 'Status',
				description: 'Which products to list (ItemStatus)',
			},
			{ wire: 'ItemList', type: 'list', grade: 'official', source: 'BatchQueryItemInfo page: ItemList [{ItemNo}]', label: 'Item Numbers', description: 'Only these product numbers (ItemList)' },
		],
	},
	escrowDay: { endpoint: ENDPOINTS.escrowDay, fields: [] },
	orderDetail: {
		endpoint: ENDPOINTS.orderDetail,
		fields: [
			{
				wire: 'ReportType',
				type: 'wholeNumber',
				values: [1, 2],
				required: true,
				grade: 'official',
				source: 'OrderDetail page: ReportType Int, 1 orders / 2 tickets',
				label: 'Report Type',
				description: 'Orders or tickets (ReportType)',
			},
			date('BeginDate', 'official', 'OrderDetail page: BeginDate String(8) yyyyMMdd', 'Begin Date', true),
			date('EndDate', 'inferred', 'PROTOCOL.md §5: EndDate (inferred), not before BeginDate', 'End Date'),
		],
	},
} as const satisfies Record<string, RequestTable>;

export type RequestName = keyof typeof REQUESTS;

/** The rules of one endpoint's request Data; [] when it may be sent. */
export function validateRequest(name: RequestName, data: Record<string, unknown>, situation: Situation = {}): Violation[] {
	const table: RequestTable = REQUESTS[name];
	const violations = checkFields(table.fields, data, situation);
	if (table.oneOf) {
		const [a, b] = table.oneOf;
		const grade = table.fields.find((f) => f.wire === a)?.grade ?? 'official';
		if (present(data[a]) && present(data[b])) violations.push({ field: b, rule: 'oneOf', message: `must be left empty when ${a} is given`, grade });
		else if (!present(data[a]) && !present(data[b])) {
			// The one of the two that was asked for (an empty field) is named; otherwise the pair.
			const asked = b in data && !(a in data) ? b : a;
			violations.push(a in data !== b in data ? { field: asked, rule: 'oneOf', message: 'is required', grade } : { field: a, rule: 'oneOf', message: `or ${b} is required`, grade });
		}
	}
	if (name === 'batchQueryItemInfo' && Array.isArray(data.ItemList)) {
		data.ItemList.forEach((entry, i) => {
			const item = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
			violations.push(...checkFields([ITEM_NO], item, situation, `ItemList[${i}].`));
		});
	}
	if (name === 'orderDetail' && !violations.length && present(data.EndDate) && String(data.EndDate) < String(data.BeginDate)) {
		violations.push({ field: 'EndDate', rule: 'dateOrder', message: `must not be before the begin date (${String(data.BeginDate)})`, grade: 'inferred' });
	}
	return violations;
}

/** The official violations among `violations`: these block a request; the inferred ones only warn. */
export const blocking = (violations: Violation[]): Violation[] => violations.filter((v) => v.grade === 'official');

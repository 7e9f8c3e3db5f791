import type { BusinessData } from '../../protocol/envelope';
import type { Violation } from '../../protocol/rules/field';
import type { Branch } from '../config';
import type { Dialect } from '../dialect';
import type { NotificationCenter } from '../notifications';
import type { Product } from '../products';
import { RTN_CODES, RULE_RTN_CODES, type RtnCodeName } from '../rtnCodes';
import type { Order, TicketStore } from '../store';

/** What an endpoint handler sees once the envelope was admitted. */
export interface HandlerContext {
	/** The envelope's MerchantID; the business Data must name the same merchant. */
	merchantId: string;
	branches: readonly Branch[];
	products: readonly Product[];
	store: TicketStore;
	/** The simulator clock, in ms. */
	now: number;
	/** `now` as a Taiwan date, yyyyMMdd: expiry, StartDate and escrow are compared with it. */
	today: string;
	/** The merchant's escrow days. */
	escrowDays: number;
	/** Entries a page of TicketList / ItemList. */
	pageSize: number;
	notifications: NotificationCenter;
	/** Which reading of the inferred facts to answer with (dialect.ts); most of it is applied to the answer afterwards. */
	dialect: Dialect;
}

export interface HandlerAnswer {
	/** The business Data to seal into the response; always has RtnCode and RtnMsg. */
	data: BusinessData;
	/** Rule violations behind a refusal, for the request log. */
	violations?: Violation[];
	/** The order the answer is about, for the fields a dialect adds (dialect.ts dialectAnswer). */
	order?: Order;
}

export type Handler = (data: BusinessData, context: HandlerContext) => HandlerAnswer;

export const SUCCESS_MSG = '成功';

export function answer(name: RtnCodeName, rtnMsg: string, fields: BusinessData = {}): HandlerAnswer {
	return { data: { RtnCode: RTN_CODES[name].code, RtnMsg: rtnMsg, ...fields } };
}

const RTN_MSG_MAX = 200;

/** The first violation decides the RtnCode; RtnMsg names as many as fit in String(200). */
export function refuseViolations(violations: Violation[]): HandlerAnswer {
	const parts = violations.map((v) => `${v.field}: ${v.message}`);
	let rtnMsg = parts[0];
	let shown = 1;
	while (shown < parts.length) {
		const rest = parts.length - shown - 1;
		const next = `${rtnMsg}; ${parts[shown]}`;
		const suffix = rest > 0 ? ` (+${rest} more)` : '';
		if ([...next + suffix].length > RTN_MSG_MAX) break;
		rtnMsg = next;
		shown++;
	}
	if (shown < parts.length) rtnMsg += ` (+${parts.length - shown} more)`;
	return {
		data: { RtnCode: RULE_RTN_CODES[violations[0].rule].code, RtnMsg: rtnMsg },
		violations,
	};
}

export const present = (value: unknown) => value !== undefined && value !== null && value !== '';

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Data.MerchantID must be present and equal to the envelope's MerchantID. */
export function checkMerchantId(data: BusinessData, context: HandlerContext): HandlerAnswer | undefined {
	const id = data.MerchantID;
	if (!present(id)) {
		return refuseViolations([{ field: 'MerchantID', rule: 'required', message: 'is required', grade: 'official' }]);
	}
	if (typeof id !== 'string') {
		return refuseViolations([{ field: 'MerchantID', rule: 'type', message: 'must be text', grade: 'official' }]);
	}
	if (id !== context.merchantId) {
		return answer(
			'merchantMismatch',
			`MerchantID: Data names merchant ${id} but the envelope was sent by ${context.merchantId}`,
		);
	}
	return undefined;
}

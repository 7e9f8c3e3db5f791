import type { BusinessData } from '../../protocol/envelope';
import { USABLE_FROM } from '../../protocol/rules/codes';
import { startsLater, taiwanDate, validateIssue } from '../../protocol/rules/issue';
import { issueTypeOf, type IssueTypeCode } from '../../protocol/rules/issueTypes';
import type { Product } from '../products';
import type { OrderLine, OrderMode, OrderRef } from '../store';
import { branchRefusal } from './fields';
import {
	answer,
	checkMerchantId,
	present,
	refuseViolations,
	SUCCESS_MSG,
	text,
	type Handler,
	type HandlerAnswer,
	type HandlerContext,
} from './handler';

type Line = Record<string, unknown>;

/** /api/Ticket/Issue — receive an order; paper tickets are issued at once, the rest by the scheduled job. */
export const issue: Handler = (data, context) => acceptIssue(data, context, { mode: 'escrow', paymentProvider: '' });

/** Issue in either mode: /api/Ticket/Issue (escrow) or /api/issuance/issue (issuance-only). */
export function acceptIssue(
	data: BusinessData,
	context: HandlerContext,
	how: { mode: OrderMode; paymentProvider: string },
): HandlerAnswer {
	const catalogue = new Map(context.products.map((p) => [p.itemNo, p]));
	const productOf = (line: Line) => (typeof line.ItemNo === 'string' ? catalogue.get(line.ItemNo) : undefined);
	const giftOrder = present(data.FreeTradeNo) && !present(data.MerchantTradeNo);
	const issueType = data.IssueType as IssueTypeCode;
	const serialNumbers = issueTypeOf(issueType)?.lines === 'namedAndPriced';

	const violations = validateIssue(data, {
		today: taiwanDate(new Date(context.now)),
		isGiftVoucher: (line) => {
			// A known pickup voucher in a gift order is reported as a kind mismatch below, not as a missing ExpireDate.
			if (giftOrder) return serialNumbers || productOf(line)?.kind !== 'pickup';
			if (serialNumbers) return false;
			return productOf(line)?.kind === 'gift';
		},
	});
	if (violations.length > 0) return refuseViolations(violations);
	const wrongMerchant = checkMerchantId(data, context);
	if (wrongMerchant) return wrongMerchant;

	const ref: OrderRef = { merchantTradeNo: text(data.MerchantTradeNo), freeTradeNo: text(data.FreeTradeNo) };
	if (context.store.isUsed(context.merchantId, ref)) {
		const [field, value] = ref.merchantTradeNo
			? ['MerchantTradeNo', ref.merchantTradeNo]
			: ['FreeTradeNo', ref.freeTradeNo];
		return answer('tradeNoUsed', `${field}: ${value} was already used; an order number can never be used again`);
	}

	const lines = data.TicketInfo as Line[];
	const resolved = serialNumbers ? serialNumberLines(lines, giftOrder) : catalogueLines(lines, data, catalogue, giftOrder);
	if (!Array.isArray(resolved)) return resolved;

	const storeId = text(data.StoreID);
	const wrongBranch = branchRefusal(storeId, context.branches);
	if (wrongBranch) return wrongBranch;

	const order = context.store.accept({
		...ref,
		merchantId: context.merchantId,
		issueType,
		printType: text(data.PrintType),
		isImmediate: issueTypeOf(issueType)?.name === 'electronic' ? text(data.IsImmediate) : USABLE_FROM.immediately,
		storeId,
		operator: text(data.Operator),
		customer: {
			name: text(data.CustomerName),
			phone: text(data.CustomerPhone),
			email: text(data.CustomerEmail),
			address: text(data.CustomerAddress),
		},
		refundNotifyUrl: text(data.RefundNotifyURL),
		useStatusNotifyUrl: text(data.UseStatusNotifyURL),
		lines: resolved,
		...how,
	});
	return answer('success', SUCCESS_MSG, {
		MerchantTradeNo: order.merchantTradeNo,
		FreeTradeNo: order.freeTradeNo,
		TicketTradeNo: order.ticketTradeNo,
		TicketData: order.lines.map((line) =>
			serialNumbers
				? { ItemName: line.itemName, TicketPrice: line.faceValue, TicketAmount: line.count }
				: { ItemNo: line.itemNo, TicketAmount: line.count },
		),
	});
}

/** IssueType 4 needs no listed product: the order names and prices its tickets itself. */
function serialNumberLines(lines: Line[], giftOrder: boolean): OrderLine[] {
	return lines.map((line) => ({
		itemNo: '',
		itemName: text(line.ItemName),
		ticketType: giftOrder ? 2 : 1,
		faceValue: line.TicketPrice as number,
		count: line.TicketAmount as number,
		startDate: '',
		expireDate: text(line.ExpireDate),
	}));
}

function catalogueLines(
	lines: Line[],
	data: BusinessData,
	catalogue: Map<string, Product>,
	giftOrder: boolean,
): OrderLine[] | HandlerAnswer {
	const resolved: OrderLine[] = [];
	for (const [i, line] of lines.entries()) {
		const itemNo = line.ItemNo as string;
		const field = `TicketInfo[${i}].ItemNo`;
		const product = catalogue.get(itemNo);
		if (!product) return answer('unknownItemNo', `${field}: ${itemNo} is not a product of this merchant`);
		if (!product.listed) return answer('delistedItem', `${field}: ${itemNo} is delisted and cannot be issued`);
		if (giftOrder && product.kind === 'pickup') {
			return answer(
				'kindMismatch',
				`${field}: ${itemNo} is a pickup voucher; an order holding pickup vouchers needs MerchantTradeNo, not FreeTradeNo`,
			);
		}
		resolved.push({
			itemNo,
			itemName: product.itemName,
			ticketType: product.kind === 'gift' ? 2 : 1,
			faceValue: product.price,
			count: line.TicketAmount as number,
			startDate: startsLater(data) ? text(line.StartDate) : '',
			expireDate: text(line.ExpireDate),
			failsIssuance: product.failsIssuance,
		});
	}
	if (!giftOrder && resolved.every((line) => line.ticketType === 2)) {
		return answer(
			'kindMismatch',
			'TicketInfo: every product is a gift voucher; a gift-voucher-only order needs FreeTradeNo, not MerchantTradeNo',
		);
	}
	return resolved;
}

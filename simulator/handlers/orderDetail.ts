import { REPORT_TYPE } from '../../protocol/rules/codes';
import { ORDER_DETAIL_INTERVAL_SECONDS } from '../../protocol/rules/timing';
import { answerDate, type Dialect } from '../dialect';
import { escrowLastDay, useStatusOf } from '../lifecycle';
import { daysBetween, slashedDay, taiwanDateTime, taiwanDay } from '../numbers';
import { ISSUED, type Order } from '../store';
import { issueDate, tally, tradeAmount } from '../views';
import { checkRequest } from './fields';
import { answer, checkMerchantId, SUCCESS_MSG, text, type Handler } from './handler';

/** BeginDate to EndDate may span at most 31 days, both ends included (simulator DECISION). */
export const REPORT_MAX_DAYS = 31;

const ORDER_COLUMNS = [
	'MerchantTradeNo',
	'FreeTradeNo',
	'TicketTradeNo',
	'IssueDate',
	'IssueType',
	'PrintType',
	'StoreID',
	'Operator',
	'TicketCount',
	'TradeAmount',
	'UnusedCount',
	'RedeemedCount',
	'RefundedCount',
	'ExpiredCount',
	'RefundedAmount',
	'EscrowExpiredDate',
] as const;

const TICKET_COLUMNS = [
	'MerchantTradeNo',
	'FreeTradeNo',
	'TicketTradeNo',
	'IssueDate',
	'TicketNo',
	'WriteOffNo',
	'ItemNo',
	'ItemName',
	'TicketType',
	'TicketAmount',
	'UseStatus',
	'StartDate',
	'ExpiredDate',
	'WriteOffDate',
	'RefundDate',
] as const;

/** RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled. */
const csvField = (value: unknown) => {
	const s = String(value ?? '');
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows: unknown[][]) => rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';

/**
 * /api/Ticket/OrderDetail — the order (ReportType 1) or ticket (ReportType 2) detail file of the
 * orders issued from BeginDate to EndDate (yyyyMMdd, Taiwan dates, both included; EndDate
 * defaults to BeginDate, INFERRED field). The CSV text comes in FileContent (header row, CRLF
 * lines), its name in FileName. One file a minute per merchant, measured with the simulator
 * clock: refused calls do not count.
 */
export const orderDetail: Handler = (data, context) => {
	const refusal = checkMerchantId(data, context) ?? checkRequest('orderDetail', data);
	if (refusal) return refusal;
	const reportType = data.ReportType as number;
	const begin = text(data.BeginDate);
	const end = text(data.EndDate) || begin;
	if (daysBetween(begin, end) + 1 > REPORT_MAX_DAYS) {
		return answer('reportRangeTooLong', `BeginDate to EndDate: at most ${REPORT_MAX_DAYS} days (asked ${daysBetween(begin, end) + 1})`);
	}

	const last = context.store.lastOrderDetailCall(context.merchantId);
	const retryAt = last === undefined ? undefined : last + ORDER_DETAIL_INTERVAL_SECONDS * 1000;
	if (retryAt !== undefined && context.now < retryAt) {
		const wait = Math.ceil((retryAt - context.now) / 1000);
		return answer(
			'orderDetailTooSoon',
			`OrderDetail: one call every ${ORDER_DETAIL_INTERVAL_SECONDS} s per merchant; retry at ${taiwanDateTime(retryAt)} (in ${wait} s)`,
		);
	}
	context.store.recordOrderDetailCall(context.merchantId, context.now);

	const orders = context.store
		.orders(context.merchantId)
		.filter((o) => o.status === ISSUED && taiwanDay(o.issueAt) >= begin && taiwanDay(o.issueAt) <= end)
		.sort((a, b) => a.issueAt - b.issueAt);
	const rows =
		reportType === REPORT_TYPE.orders
			? [[...ORDER_COLUMNS], ...orders.map((o) => orderRow(o, context.today, context.escrowDays, context.dialect))]
			: [[...TICKET_COLUMNS], ...orders.flatMap((o) => ticketRows(o, context.today, context.dialect))];
	const kind = reportType === REPORT_TYPE.orders ? 'Orders' : 'Tickets';
	return answer('success', SUCCESS_MSG, {
		FileName: `ECTicket_${kind}_${context.merchantId}_${begin}_${end}.csv`,
		FileContent: csv(rows),
	});
};

/** The file's date columns as the dialect writes dates (yyyyMMdd in alt). */
const dated = (columns: readonly string[], values: Record<string, unknown>, dialect: Dialect) =>
	columns.map((column) => {
		const value = values[column];
		return /Date$/.test(column) && typeof value === 'string' ? answerDate(dialect, value) : value;
	});

function orderRow(order: Order, today: string, escrowDays: number, dialect: Dialect): unknown[] {
	const counts = tally(order, today);
	const values: Record<(typeof ORDER_COLUMNS)[number], unknown> = {
		MerchantTradeNo: order.merchantTradeNo,
		FreeTradeNo: order.freeTradeNo,
		TicketTradeNo: order.ticketTradeNo,
		IssueDate: issueDate(order),
		IssueType: order.issueType,
		PrintType: order.printType,
		StoreID: order.storeId,
		Operator: order.operator,
		TicketCount: order.tickets.length,
		TradeAmount: tradeAmount(order),
		UnusedCount: counts.UnusedCount,
		RedeemedCount: counts.RedeemedCount,
		RefundedCount: counts.RefundedCount,
		ExpiredCount: counts.ExpiredCount,
		RefundedAmount: counts.RefundedAmount,
		EscrowExpiredDate: slashedDay(escrowLastDay(order, escrowDays)),
	};
	return dated(ORDER_COLUMNS, values, dialect);
}

function ticketRows(order: Order, today: string, dialect: Dialect): unknown[][] {
	return order.tickets.map((ticket) => {
		const values: Record<(typeof TICKET_COLUMNS)[number], unknown> = {
			...ticket,
			MerchantTradeNo: order.merchantTradeNo,
			FreeTradeNo: order.freeTradeNo,
			TicketTradeNo: order.ticketTradeNo,
			IssueDate: issueDate(order),
			UseStatus: useStatusOf(ticket, today),
		};
		return dated(TICKET_COLUMNS, values, dialect);
	});
}

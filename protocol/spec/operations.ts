/**
 * Facts about the ECTicket endpoints beyond Issue (PROTOCOL.md §5–§8), in one place because many
 * of them are INFERRED: the node and the simulator both read them from here, so correcting an
 * inference is a one-line change.
 */

/** QueryOrderInfo and BatchQueryItemInfo answer 200 entries a page (CONFIRMED for orders). */
export const PAGE_SIZE = 200;

/** WriteOff `Action` (INFERRED). */
export const WRITE_OFF_ACTION = { redeem: '1', cancelRedemption: '2' } as const;

/** Refund `Action` (INFERRED, by analogy with WriteOff). */
export const REFUND_ACTION = { refund: '1', cancelRefund: '2' } as const;

/** BatchQueryItemInfo `ItemStatus` (CONFIRMED). */
export const ITEM_STATUS = { delisted: '0', listed: '1', all: '2' } as const;

/** OrderDetail `ReportType` (CONFIRMED) and its one-call-a-minute limit per merchant. */
export const REPORT_TYPE = { orders: 1, tickets: 2 } as const;
export const ORDER_DETAIL_INTERVAL_SECONDS = 60;

/*
 * Request Data field names per endpoint, besides MerchantID (added by the credential); each
 * operation file of the node and each handler of the simulator uses them by these names:
 *   QueryTicketStatus   TicketNo, WriteOffNo (both sent, the unused one as "": the official vector does)
 *   QueryOrderInfo      MerchantTradeNo | FreeTradeNo, PageNum
 *   WriteOff            WriteOffNo, Action, CancelReason, StoreID, Operator
 *   Refund              TicketNo | WriteOffNo, Action, CancelReason, Operator
 *   QueryRefundInfo     MerchantTradeNo
 *   QueryPrintData      MerchantTradeNo
 *   QueryItemInfo       ItemNo
 *   BatchQueryItemInfo  PageNum, ItemStatus, ItemList [{ ItemNo }]
 *   EscrowDay           (nothing else)
 *   OrderDetail         ReportType, BeginDate, EndDate
 */

/**
 * Response Data (INFERRED unless noted). Lists: QueryOrderInfo `TicketList` (with `TotalCount` on
 * page 1), BatchQueryItemInfo `ItemList` (with `TotalCount`), QueryRefundInfo `RefundList`,
 * QueryPrintData `PrintList`. EscrowDay answers `EscrowDay` (days). OrderDetail answers the CSV
 * text in `FileContent` and its name in `FileName`.
 */
export const RESPONSE_LISTS = {
	queryOrderInfo: 'TicketList',
	batchQueryItemInfo: 'ItemList',
	queryRefundInfo: 'RefundList',
	queryPrintData: 'PrintList',
} as const;

export const TICKET_FIELDS = [
	'TicketNo',
	'UseStatus',
	'ItemNo',
	'ItemName',
	'TicketType',
	'TicketAmount',
	'StartDate',
	'WriteOffDate',
	'RefundDate',
	'ExpiredDate',
	'WriteOffNo',
] as const;

/** Lengths of ticket identifiers (CONFIRMED). */
export const ID_LENGTHS = { ticketNo: 16, writeOffNo: 18, itemNo: 8, ticketTradeNo: 16 } as const;

/** Escrow: pickup vouchers can be refunded while the order is within its escrow days. */
export const DEFAULT_ESCROW_DAYS = 30;

/**
 * Notification Data (PROTOCOL.md §7, INFERRED): every notification carries MerchantID,
 * MerchantTradeNo/FreeTradeNo and TicketTradeNo; a use-status notification adds the ticket
 * (TicketNo, WriteOffNo, UseStatus, and WriteOffDate or RefundDate); a refund notification adds
 * RefundAmount and Remark (and the refunded TicketNo).
 */
export const NOTIFICATION_FIELDS = {
	useStatus: ['MerchantID', 'MerchantTradeNo', 'FreeTradeNo', 'TicketTradeNo', 'TicketNo', 'WriteOffNo', 'UseStatus', 'WriteOffDate', 'RefundDate'],
	refund: ['MerchantID', 'MerchantTradeNo', 'TicketTradeNo', 'TicketNo', 'RefundAmount', 'RefundDate', 'Remark'],
} as const;

/** ECPay resends an unacknowledged notification up to 4 times, 5–15 minutes apart. */
export const NOTIFICATION_RETRIES = 4;

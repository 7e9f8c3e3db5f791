/** ECTicket hosts and API paths (PROTOCOL.md §1 and §5). */
export const HOSTS = {
	stage: 'https://ecticket-stage.ecpay.com.tw',
	production: 'https://ecticket.ecpay.com.tw',
} as const;

export const ENDPOINTS = {
	issue: '/api/Ticket/Issue',
	issuanceOnlyIssue: '/api/issuance/issue',
	queryIssueResult: '/api/Ticket/QueryIssueResult',
	queryTicketStatus: '/api/Ticket/QueryTicketStatus',
	queryOrderInfo: '/api/Ticket/QueryOrderInfo',
	writeOff: '/api/Ticket/WriteOff',
	refund: '/api/Ticket/Refund',
	queryRefundInfo: '/api/Ticket/QueryRefundInfo',
	queryPrintData: '/api/Ticket/QueryPrintData',
	queryItemInfo: '/api/Ticket/QueryItemInfo',
	batchQueryItemInfo: '/api/Ticket/BatchQueryItemInfo',
	escrowDay: '/api/Ticket/EscrowDay',
	orderDetail: '/api/Ticket/OrderDetail',
} as const;

export type Endpoint = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];

/** ECPay rejects a call that arrives more than 10 minutes after its RqHeader.Timestamp. */
export const TIMESTAMP_WINDOW_SECONDS = 600;

/** The scheduled issuance job is expected to finish within 5 minutes (ticket-issue-api.txt). */
export const ISSUANCE_JOB_SECONDS = 300;

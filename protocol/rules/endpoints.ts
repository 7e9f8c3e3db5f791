/** ECTicket hosts and API paths (PROTOCOL.md §1 and §5: official). */
export const HOSTS = {
	stage: 'https://ecticket-stage.ecpay.com.tw',
	production: 'https://ecticket.ecpay.com.tw',
} as const;

export const ENDPOINTS = {
	issue: '/api/Ticket/Issue',
	issuanceOnlyIssue: '/api/issuance/issue',
	/** Listed by ECPay-API-Skill as the issuance-only contract's ticket return (EVIDENCE.md). */
	issuanceRefund: '/api/issuance/Refund',
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

import type { RuleId } from '../protocol/rules/field';

/**
 * The simulator's own codes. ECPay's RtnCode appendix (p=29988) is not readable, so these are
 * NOT ECPay's numbers: only "1 = success" is shared with the real service (PROTOCOL.md §8).
 * simulator/README.md repeats this table; keep the two in step.
 */

/** Envelope-level refusals, answered in TransCode with no Data (HTTP 200). */
export const TRANS_CODES = {
	accepted: { code: 1, meaning: 'Envelope accepted; the answer is in Data' },
	shape: { code: 9001, meaning: 'The body is not a request envelope (not JSON, or a field missing or of the wrong type)' },
	unknownMerchant: { code: 9002, meaning: 'MerchantID is not a merchant of this simulator' },
	platformMismatch: { code: 9003, meaning: 'PlatformID does not match the merchant’s platform (ordinary merchants send null or "")' },
	timestamp: { code: 9004, meaning: 'RqHeader.Timestamp is outside the window (default 600 s) around the simulator’s clock' },
	base64: { code: 9005, meaning: 'Data is not Base64' },
	decrypt: { code: 9006, meaning: 'Data cannot be decrypted with the merchant’s HashKey/HashIV' },
	urlDecode: { code: 9007, meaning: 'The decrypted Data is not URL-encoded text' },
	checkMacValue: { code: 9008, meaning: 'CheckMacValue does not match the decrypted Data' },
	json: { code: 9009, meaning: 'The decrypted Data is not a JSON object' },
	injected: { code: 9999, meaning: 'Injected by a fault plan (transCode): the envelope was not processed' },
} as const;

export type TransCodeName = keyof typeof TRANS_CODES;

/** One business code per rule of protocol/rules/field.ts. */
export const RULE_RTN_CODES: Record<RuleId, { code: number; meaning: string }> = {
	required: { code: 2001, meaning: 'A required field is missing or empty' },
	oneOf: { code: 2002, meaning: 'Issue: both or neither of MerchantTradeNo and FreeTradeNo' },
	type: { code: 2003, meaning: 'A field has the wrong type (text, whole number, object, list), or PageNum is below 1' },
	length: { code: 2004, meaning: 'A field is too short or too long' },
	charset: { code: 2005, meaning: 'A field holds characters it may not hold' },
	enum: { code: 2006, meaning: 'A field is not one of its allowed values (IssueType, PrintType, IsImmediate, Action, ItemStatus, ReportType)' },
	url: { code: 2007, meaning: 'A notify URL is not an http(s) URL' },
	email: { code: 2008, meaning: 'CustomerEmail is not an email address' },
	mobile09: { code: 2009, meaning: 'CustomerPhone is not a Taiwan mobile number (09 + 8 digits)' },
	name: { code: 2010, meaning: 'CustomerName mixes Chinese and English' },
	duplicateItemNo: { code: 2011, meaning: 'The same ItemNo appears twice in one order' },
	ticketCount: { code: 2012, meaning: 'Too many tickets in one order (8 for IssueType 1, else 100)' },
	priceRange: { code: 2013, meaning: 'TicketPrice is outside NT$0 – 999,999,999' },
	date: { code: 2014, meaning: 'A date is not a real date written yyyyMMdd' },
	dateOrder: { code: 2015, meaning: 'StartDate is not after the issue date, ExpireDate is before the start, or OrderDetail’s EndDate is before its BeginDate' },
};

/** Business-level answers, in the decrypted Data's RtnCode. */
export const RTN_CODES = {
	success: { code: 1, meaning: 'Success (for Issue: the order was received, not yet issued)' },
	merchantMismatch: { code: 3001, meaning: 'Data.MerchantID differs from the envelope’s MerchantID' },
	unknownItemNo: { code: 3002, meaning: 'ItemNo is not in the merchant’s product catalogue' },
	delistedItem: { code: 3003, meaning: 'The product is delisted' },
	kindMismatch: { code: 3004, meaning: 'Product kind does not fit the order: a pickup voucher in a FreeTradeNo order, or a MerchantTradeNo order with only gift vouchers' },
	unknownStore: { code: 3005, meaning: 'StoreID is not a branch of the merchant, or the branch is inactive' },
	tradeNoUsed: { code: 3006, meaning: 'MerchantTradeNo / FreeTradeNo was already used (numbers are never reusable, even after a failed issuance)' },
	orderNotFound: { code: 3007, meaning: 'No order has this MerchantTradeNo / FreeTradeNo' },
	queryOneOf: { code: 3008, meaning: 'A query needs exactly one of MerchantTradeNo and FreeTradeNo ("" counts as absent)' },
	ticketOneOf: { code: 3009, meaning: 'QueryTicketStatus / Refund need exactly one of TicketNo and WriteOffNo ("" counts as absent)' },
	ticketNotFound: { code: 3010, meaning: 'No ticket of this merchant has this TicketNo / WriteOffNo' },
	notYetUsable: { code: 3011, meaning: 'WriteOff: the ticket’s StartDate is after today, it cannot be redeemed yet' },
	alreadyRedeemed: { code: 3012, meaning: 'WriteOff: the ticket is already redeemed' },
	refundedNotRedeemable: { code: 3013, meaning: 'WriteOff: the ticket is refunded and cannot be redeemed' },
	ticketExpired: { code: 3014, meaning: 'WriteOff / Refund: the ticket is expired (its ExpiredDate is before today)' },
	notRedeemed: { code: 3015, meaning: 'WriteOff Action 2: the ticket is not redeemed, there is no redemption to cancel' },
	giftNotRefundable: { code: 3016, meaning: 'Refund: gift vouchers (TicketType 2) cannot be refunded' },
	redeemedNotRefundable: { code: 3017, meaning: 'Refund: the ticket is redeemed and cannot be refunded' },
	alreadyRefunded: { code: 3018, meaning: 'Refund: the ticket is already refunded' },
	notRefunded: { code: 3019, meaning: 'Refund Action 2: the ticket is not refunded, there is no refund to cancel' },
	escrowExpired: { code: 3020, meaning: 'Refund: the order’s escrow period is over (EscrowExpiredDate is before today)' },
	noEscrow: { code: 3021, meaning: 'Refund: the order was issued in issuance-only mode (/api/issuance/issue) and holds no money in escrow' },
	notPaperOrder: { code: 3022, meaning: 'QueryPrintData: the order is not a paper-ticket order (IssueType 2)' },
	orderDetailTooSoon: { code: 3023, meaning: 'OrderDetail: one file a minute per merchant; RtnMsg says when to retry' },
	reportRangeTooLong: { code: 3024, meaning: 'OrderDetail: BeginDate to EndDate spans more than 31 days' },
	escrowOrder: { code: 3025, meaning: '/api/issuance/Refund: the ticket belongs to an escrow order (/api/Ticket/Issue); refund it with /api/Ticket/Refund' },
} as const;

export type RtnCodeName = keyof typeof RTN_CODES;

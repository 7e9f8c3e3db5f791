import type { RuleId } from '../protocol/spec/issueRules';

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
} as const;

export type TransCodeName = keyof typeof TRANS_CODES;

/** One business code per rule of protocol/spec/issueRules.ts. */
export const RULE_RTN_CODES: Record<RuleId, { code: number; meaning: string }> = {
	required: { code: 2001, meaning: 'A required field is missing or empty' },
	oneOf: { code: 2002, meaning: 'Issue: both or neither of MerchantTradeNo and FreeTradeNo' },
	type: { code: 2003, meaning: 'A field has the wrong type (text, whole number, object)' },
	length: { code: 2004, meaning: 'A field is too short or too long' },
	charset: { code: 2005, meaning: 'A field holds characters it may not hold' },
	enum: { code: 2006, meaning: 'A field is not one of its allowed values (IssueType, PrintType, IsImmediate)' },
	url: { code: 2007, meaning: 'A notify URL is not an http(s) URL' },
	email: { code: 2008, meaning: 'CustomerEmail is not an email address' },
	mobile09: { code: 2009, meaning: 'CustomerPhone is not a Taiwan mobile number (09 + 8 digits)' },
	name: { code: 2010, meaning: 'CustomerName mixes Chinese and English' },
	duplicateItemNo: { code: 2011, meaning: 'The same ItemNo appears twice in one order' },
	ticketCount: { code: 2012, meaning: 'Too many tickets in one order (8 for IssueType 1, else 100)' },
	priceRange: { code: 2013, meaning: 'TicketPrice is outside NT$0 – 999,999,999' },
	date: { code: 2014, meaning: 'A date is not a real date written yyyyMMdd' },
	dateOrder: { code: 2015, meaning: 'StartDate is not after the issue date, or ExpireDate is before the start' },
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
} as const;

export type RtnCodeName = keyof typeof RTN_CODES;

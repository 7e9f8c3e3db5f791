/**
 * ECPay's timing, the one place the package's assumptions about it live. Official facts come from
 * ECPay's pages; the rest is inferred (EVIDENCE.md) and easy to correct here.
 */

/** Official: ECPay rejects a call that arrives more than 10 minutes after its RqHeader.Timestamp. */
export const TIMESTAMP_WINDOW_SECONDS = 600;

/** Official (Issue page): the scheduled issuance job is expected to finish within 5 minutes. */
export const ISSUANCE_JOB_SECONDS = 300;

/**
 * How Wait for Issuance asks (a choice, not ECPay's fact): the frontier of the batch every
 * `pollSeconds`, for the job's 5 minutes plus `graceSeconds` (protocol/frontier.ts).
 */
export const ISSUANCE_WAIT = { pollSeconds: 10, graceSeconds: 30 } as const;

/** Official: OrderDetail answers one call a minute per merchant. */
export const ORDER_DETAIL_INTERVAL_SECONDS = 60;

/** Official: an unacknowledged notification is resent 5–15 minutes later, up to 4 times that day. */
export const NOTIFICATION_RETRIES = 4;

/** Inferred (ECPay-API-Skill, all ECPay APIs): calling too often is answered HTTP 403 and blocked for about 30 minutes. */
export const RATE_LIMIT = { httpStatus: 403, blockMinutes: 30 } as const;

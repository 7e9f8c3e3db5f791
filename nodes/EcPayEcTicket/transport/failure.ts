import type { IDataObject } from 'n8n-workflow';

/**
 * What kind of failure stopped an item, for workflows that branch on it (Continue On Fail):
 * validation (nothing was sent), refused (ECPay said no: RtnCode or TransCode), rate-limited
 * (HTTP 403), unverifiable (an answer that failed its checks), network (no usable answer).
 */
export type FailureKind = 'validation' | 'refused' | 'rate-limited' | 'unverifiable' | 'network';

export interface FailureFacts extends IDataObject {
	kind: FailureKind;
}

const KEY = 'ecticket';

/** The facts ride in the error's `context`, which n8n keeps with the error. */
export const failureFacts = {
	attach<E extends { context: IDataObject }>(error: E, facts: FailureFacts): E {
		error.context[KEY] = facts;
		return error;
	},
	of(error: unknown): FailureFacts | undefined {
		const context = (error as { context?: IDataObject } | undefined)?.context;
		return context?.[KEY] as FailureFacts | undefined;
	},
};

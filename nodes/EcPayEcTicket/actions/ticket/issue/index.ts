import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../../../../protocol/rules/endpoints';
import type { Violation } from '../../../../../protocol/rules/field';
import { taiwanDate, validateIssue } from '../../../../../protocol/rules/issue';
import { validateRequest } from '../../../../../protocol/rules/requests';
import { DEFAULT_CONCURRENCY } from '../../../transport/concurrency';
import { DEFAULT_POLL_SECONDS, DEFAULT_WAIT_SECONDS, orderNumberOf, waitForIssuance } from '../../../transport/issuance';
import { issueOnce } from '../../../transport/issueOnce';
import type { Execution, Operation, Outcome } from '../../operation';
import { textParameter } from '../../sharedFields';
import { enforce } from '../../validation';
import type { IssueDraft } from './draft';
import { issueProperties } from './fields';
import { orderFromEditor } from './fromEditor';
import { orderFromJson } from './fromJson';

export interface IssueRequest {
	endpoint: typeof ENDPOINTS.issue | typeof ENDPOINTS.issuanceOnlyIssue;
	data: IDataObject;
}

/** The order number the user chose must be filled: said about that field, not the other one. */
function chosenOrderNumberMissing(x: Execution, itemIndex: number, data: IDataObject): Violation[] {
	const field = x.ctx.getNodeParameter('orderKind', itemIndex) === 'gift' ? 'FreeTradeNo' : 'MerchantTradeNo';
	return data[field] ? [] : [{ field, rule: 'required', message: 'is required', grade: 'official' }];
}

function violationsOf(x: Execution, itemIndex: number, { data, mail }: IssueDraft, fromJson: boolean): Violation[] {
	const missing = fromJson ? [] : chosenOrderNumberMissing(x, itemIndex, data);
	const rules = validateIssue({ MerchantID: x.client.merchant.merchantId, ...data }, { today: taiwanDate(), mailPaperTickets: mail });
	return [...missing, ...rules.filter((v) => !(missing.length && v.rule === 'oneOf'))];
}

export const issue: Operation<IssueRequest> = {
	value: 'issue',
	name: 'Issue',
	action: 'Issue tickets',
	description: 'Issue electronic, paper, convenience-store or serial-number tickets for an order',
	properties: issueProperties,

	prepare(x, itemIndex) {
		const fromJson = x.ctx.getNodeParameter('orderInput', itemIndex, 'fields') === 'json';
		const draft = fromJson ? orderFromJson(x, itemIndex) : orderFromEditor(x, itemIndex);
		enforce(x, itemIndex, violationsOf(x, itemIndex, draft, fromJson));
		if (x.ctx.getNodeParameter('apiMode', itemIndex, 'escrow') !== 'issuanceOnly') return { endpoint: ENDPOINTS.issue, data: draft.data };
		const data = { ...draft.data, PaymentProvider: textParameter(x, 'paymentProvider', itemIndex) };
		enforce(x, itemIndex, validateRequest('issuanceIssue', data));
		return { endpoint: ENDPOINTS.issuanceOnlyIssue, data };
	},

	async run(x, { endpoint, data }, itemIndex) {
		if (x.ctx.getNodeParameter('validateOnly', itemIndex, false)) return validateOnly(x, endpoint, data);
		return issueOnce(x.client, endpoint, data, itemIndex);
	},

	async finish(x, outcomes: Outcome[]) {
		const seconds = (name: string, itemIndex: number, fallback: number) =>
			(x.ctx.getNodeParameter(`options.${name}`, itemIndex, fallback) as number) * 1000;
		const answers = outcomes.flatMap((outcome, itemIndex) => (outcome?.ok ? [{ itemIndex, response: outcome.rows[0].json }] : []));
		const stateOf = (response: IDataObject) => (response.issuance as IDataObject | undefined)?.state;
		const waiting = answers.filter(
			({ itemIndex, response }) =>
				['received', 'processing'].includes(String(stateOf(response))) && x.ctx.getNodeParameter('waitForIssuance', itemIndex, true),
		);
		if (waiting.length) {
			await waitForIssuance(
				x.client,
				waiting.map((w) => ({ ...w, timeoutMs: seconds('waitTimeout', w.itemIndex, DEFAULT_WAIT_SECONDS), pollMs: seconds('pollInterval', w.itemIndex, DEFAULT_POLL_SECONDS) })),
				x.ctx.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as number,
			);
		}
		hintStates(x, answers.map((a) => a.response));
	},
};

/**
 * Validate Only: the item passed every rule (prepare) and its request is built and signed as it
 * would be sent, but nothing leaves: issuances cannot be undone and order numbers never reused.
 */
function validateOnly(x: Execution, endpoint: IssueRequest['endpoint'], data: IDataObject): IDataObject {
	const envelope = x.client.merchant.seal(data);
	return {
		...orderNumberOf(data),
		validateOnly: true,
		issuance: { state: 'notSent' },
		url: `${x.client.merchant.baseUrl}${endpoint}`,
		request: { MerchantID: x.client.merchant.merchantId, ...data },
		envelope: envelope as unknown as IDataObject,
	};
}

/** Execution hints for what a no-code user might read as done when it is not. */
function hintStates(x: Execution, responses: IDataObject[]): void {
	const count = (test: (r: IDataObject, state: unknown) => boolean) => responses.filter((r) => test(r, (r.issuance as IDataObject | undefined)?.state)).length;
	const received = count((_, state) => state === 'received');
	const processing = count((_, state) => state === 'processing');
	const before = count((r) => r.issuedBefore === true);
	const notSent = count((_, state) => state === 'notSent');
	if (notSent) x.hint(`Validate Only: ${notSent} order(s) passed every rule and were signed, but nothing was sent to ECPay. Turn Validate Only off to issue them.`);
	if (received) {
		x.hint(`${received} order(s) were only received by ECPay, not issued yet (issuance.state "received"): ECPay's scheduled job issues them within about 5 minutes and can still fail. Turn on Wait for Issuance, or check later with Ticket › Get Issuance Result, before telling the customer.`);
	}
	const limited = responses.filter((r) => (r.issuance as IDataObject | undefined)?.rateLimited === true);
	if (limited.length) {
		const after = (limited[0].issuance as IDataObject).checkAgainAfter;
		x.hint(`ECPay's rate limit (HTTP 403) stopped the wait: ${limited.length} order(s) were not confirmed (issuance.state "processing", rateLimited). Check them with Ticket › Get Issuance Result after ${after}.`);
	}
	if (processing > limited.length) x.hint(`${processing - limited.length} order(s) were still processing when the wait ended (issuance.state "processing"): check later with Ticket › Get Issuance Result.`);
	if (before) x.hint(`${before} order(s) had been issued before under the same number (issuedBefore): ECPay refused issuing them again, and the output shows the order ECPay holds.`);
}

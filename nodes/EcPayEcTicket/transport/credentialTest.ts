import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import {
	baseUrlOf,
	codecOf,
	signEcTicketRequest,
	type EcTicketCredentials,
} from '../../../credentials/EcPayEcTicketApi.credentials';
import { EnvelopeError, openResponse } from '../../../protocol/envelope';
import { ENDPOINTS } from '../../../protocol/spec/endpoints';

/** An order number nobody uses: the question is only whether ECPay accepts our signature. */
const PROBE = { MerchantTradeNo: 'N8nCredentialTest' };

/**
 * Sends one signed QueryIssueResult and verifies the answer with the same keys: a refused
 * envelope (TransCode ≠ 1) means the MerchantID or keys are wrong; an answer that does not
 * verify means the HashKey/HashIV are. An RtnCode for the unknown order proves the keys work.
 */
export async function testEcTicketCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = credential.data as unknown as EcTicketCredentials;
	let codec;
	try {
		codec = codecOf(credentials);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	const baseUrl = baseUrlOf(credentials);
	if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
		return { status: 'Error', message: 'The Base URL must start with http:// or https://' };
	}
	const signed = await signEcTicketRequest(credential.data ?? {}, {
		url: ENDPOINTS.queryIssueResult,
		body: PROBE,
	});
	let body: string;
	try {
		const response = await fetch(baseUrl + ENDPOINTS.queryIssueResult, {
			method: 'POST',
			headers: signed.headers as Record<string, string>,
			body: JSON.stringify(signed.body),
			signal: AbortSignal.timeout(15_000),
		});
		body = await response.text();
		if (response.status === 403) {
			return { status: 'Error', message: 'ECPay answered HTTP 403: this merchant is rate limited. Wait about 30 minutes.' };
		}
		if (!response.ok) return { status: 'Error', message: `${baseUrl} answered HTTP ${response.status}` };
	} catch (error) {
		return { status: 'Error', message: `Could not reach ${baseUrl}: ${(error as Error).message}` };
	}
	try {
		openResponse(codec, body);
	} catch (error) {
		if (error instanceof EnvelopeError && error.check === 'transCode') {
			return {
				status: 'Error',
				message: `${error.message}. Check the Merchant ID, Hash Key, Hash IV and the environment.`,
			};
		}
		const check = error instanceof EnvelopeError ? error.check : 'unexpected';
		return {
			status: 'Error',
			message: `ECPay's answer could not be verified with this Hash Key and Hash IV (${check}): check both keys.`,
		};
	}
	return { status: 'OK', message: `Signed request accepted for merchant ${credentials.merchantId}` };
}

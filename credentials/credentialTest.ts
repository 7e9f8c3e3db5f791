import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { EnvelopeError } from '../protocol/envelope';
import { ENDPOINTS } from '../protocol/rules/endpoints';
import { Merchant, type EcTicketCredentials } from './merchant';

/** An order number nobody uses: the question is only whether ECPay accepts our signature. */
const PROBE = { MerchantTradeNo: 'N8nCredentialTest' };

/**
 * Sends one signed QueryIssueResult and verifies the answer with the same keys: a refused
 * envelope (TransCode ≠ 1) means the MerchantID or keys are wrong; an answer that does not
 * verify means the HashKey/HashIV are. Any RtnCode for the unknown order proves the keys work.
 * n8n offers credential tests only its deprecated request helper, so this one uses fetch.
 */
export async function testEcTicketCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	let merchant: Merchant;
	try {
		merchant = new Merchant(credential.data as unknown as EcTicketCredentials);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	const url = merchant.baseUrl + ENDPOINTS.queryIssueResult;
	let body: string;
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { Accept: 'text/html', 'Content-Type': 'application/json' },
			body: JSON.stringify(merchant.seal(PROBE)),
			signal: AbortSignal.timeout(15_000),
		});
		body = await response.text();
		if (response.status === 403) {
			return { status: 'Error', message: 'ECPay answered HTTP 403: this merchant is rate limited. Wait about 30 minutes.' };
		}
		if (!response.ok) return { status: 'Error', message: `${merchant.baseUrl} answered HTTP ${response.status}` };
	} catch (error) {
		return { status: 'Error', message: `Could not reach ${merchant.baseUrl}: ${(error as Error).message}` };
	}
	try {
		merchant.open(body);
	} catch (error) {
		if (error instanceof EnvelopeError && error.check === 'transCode') {
			return { status: 'Error', message: `${error.message}. Check the Merchant ID, Hash Key, Hash IV and the environment.` };
		}
		const check = error instanceof EnvelopeError ? error.check : 'unexpected';
		return { status: 'Error', message: `ECPay's answer could not be verified with this Hash Key and Hash IV (${check}): check both keys.` };
	}
	return { status: 'OK', message: `Signed request accepted for merchant ${merchant.merchantId}` };
}

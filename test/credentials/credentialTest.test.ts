import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import type { EcTicketCredentials } from '../../credentials/merchant';
import { testEcTicketCredential } from '../../credentials/credentialTest';
import { ENDPOINTS } from '../../protocol/rules/endpoints';
import { TRANS_CODES } from '../../simulator/rtnCodes';
import {
	credentials,
	MERCHANT,
	requests,
	startSim,
	useSimulator,
	WRONG_IV,
	WRONG_KEY,
} from '../node/fixtures';

const notUsed = async (): Promise<never> => {
	throw new Error('The credential test must not use the helpers');
};
const ignore = () => {};

/** n8n's credential-test context; testEcTicketCredential does not use it, so any use fails the test. */
const context: ICredentialTestFunctions = {
	logger: { error: ignore, warn: ignore, info: ignore, debug: ignore },
	helpers: {
		request: notUsed,
		getSSHClient: notUsed,
		updateLastUsed: () => {
			throw new Error('The credential test must not use the helpers');
		},
	},
};

const sim = useSimulator();

function test$(data: EcTicketCredentials): Promise<INodeCredentialTestResult> {
	const credential: ICredentialsDecrypted = {
		id: 'cred-1',
		name: 'ECTicket',
		type: 'ecPayEcTicketApi',
		data: { ...data },
	};
	return testEcTicketCredential.call(context, credential);
}

const SECRETS = [MERCHANT.hashKey, MERCHANT.hashIV, WRONG_KEY, WRONG_IV];
const expectNoSecrets = (result: INodeCredentialTestResult) => {
	for (const secret of SECRETS) expect(JSON.stringify(result)).not.toContain(secret);
};

/** The credential test's own calls since `before`. */
const probes = (before: number) => requests(sim).slice(before).filter((r) => r.path === ENDPOINTS.queryIssueResult);

describe('ECPay ECTicket credential test', () => {
	it('accepts the right keys after a real signed QueryIssueResult', async () => {
		const before = requests(sim).length;
		const result = await test$(credentials(sim));
		expect(result).toEqual({ status: 'OK', message: expect.stringContaining(MERCHANT.merchantId) });

		// The simulator admitted a correctly signed, decryptable call and answered it.
		const calls = probes(before);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({
			method: 'POST',
			httpStatus: 200,
			merchantId: MERCHANT.merchantId,
			transCode: TRANS_CODES.accepted.code,
			encoder: 'rfc3986',
			data: { MerchantID: MERCHANT.merchantId, MerchantTradeNo: expect.any(String) },
		});
		expect(typeof calls[0].rtnCode).toBe('number');
	});

	it.each([
		['a wrong Merchant ID', { merchantId: '2000132' }, TRANS_CODES.unknownMerchant.code],
		['a wrong Hash Key', { hashKeySecret: WRONG_KEY }, undefined],
		['a wrong Hash IV', { hashIvSecret: WRONG_IV }, undefined],
		['both keys swapped', { hashKeySecret: MERCHANT.hashIV, hashIvSecret: MERCHANT.hashKey }, undefined],
	])('refuses %s, telling what to check, without showing the keys', async (_name, overrides, transCode) => {
		const before = requests(sim).length;
		const result = await test$(credentials(sim, overrides));
		expect(result.status).toBe('Error');
		for (const what of ['Merchant ID', 'Hash Key', 'Hash IV']) expect(result.message).toContain(what);
		expectNoSecrets(result);

		// The call was made and the simulator refused its envelope.
		const calls = probes(before);
		expect(calls).toHaveLength(1);
		expect(calls[0].transCode).not.toBe(TRANS_CODES.accepted.code);
		if (transCode !== undefined) expect(calls[0].transCode).toBe(transCode);
		expect(result.message).toContain(`TransCode ${calls[0].transCode}`);
	});

	it.each([
		['Hash Key', { hashKeySecret: MERCHANT.hashKey.slice(0, 15) }, 'HashKey'],
		['Hash IV', { hashIvSecret: MERCHANT.hashIV.slice(0, 15) }, 'HashIV'],
	])('refuses a %s of 15 characters without calling ECPay', async (_name, overrides, field) => {
		const before = requests(sim).length;
		const result = await test$(credentials(sim, overrides));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(field);
		expect(result.message).toContain('16 ');
		expectNoSecrets(result);
		expect(JSON.stringify(result)).not.toContain(MERCHANT.hashKey.slice(0, 15));
		expect(JSON.stringify(result)).not.toContain(MERCHANT.hashIV.slice(0, 15));
		expect(requests(sim).length).toBe(before);
	});

	it('says it could not reach an unreachable server', async () => {
		const closed = await startSim();
		const url = closed.url;
		await closed.close();
		const result = await test$(credentials(sim, { baseUrl: url }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`Could not reach ${url}`);
		expectNoSecrets(result);
	});

	it('reports the HTTP status of a server that is not ECTicket', async () => {
		const before = requests(sim).length;
		const result = await test$(credentials(sim, { baseUrl: `${sim.url}/not-ecticket` }));
		expect(result).toEqual({ status: 'Error', message: `${sim.url}/not-ecticket answered HTTP 404` });
		expect(requests(sim).slice(before).map((r) => r.httpStatus)).toEqual([404]);
	});

	it('refuses a custom Base URL that is not http(s)', async () => {
		const before = requests(sim).length;
		const result = await test$(credentials(sim, { baseUrl: 'ftp://127.0.0.1' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('http://');
		expect(requests(sim).length).toBe(before);
	});
});

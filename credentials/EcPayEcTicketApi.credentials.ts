import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { HOSTS } from '../protocol/rules/endpoints';
import { Merchant, type EcTicketCredentials } from './merchant';

/**
 * n8n's way of signing a request with this credential (httpRequestWithAuthentication, e.g. from
 * an HTTP Request node): the body is ECTicket business Data, sent as the signed envelope. The
 * package's own nodes sign through one Merchant per execution instead.
 */
async function signEcTicketRequest(
	raw: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const merchant = new Merchant(raw as unknown as EcTicketCredentials);
	return {
		...requestOptions,
		baseURL: merchant.baseUrl,
		method: 'POST',
		headers: { ...requestOptions.headers, Accept: 'text/html', 'Content-Type': 'application/json' },
		body: merchant.seal((requestOptions.body ?? {}) as Record<string, unknown>),
	};
}

export class EcPayEcTicketApi implements ICredentialType {
	name = 'ecPayEcTicketApi';

	displayName = 'ECPay ECTicket API';

	icon: Icon = { light: 'file:../nodes/EcPayEcTicket/ecpay.svg', dark: 'file:../nodes/EcPayEcTicket/ecpay.dark.svg' };

	documentationUrl = 'https://developers.ecpay.com.tw/?p=29973';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Stage (Test)', value: 'stage', description: HOSTS.stage },
				{ name: 'Production', value: 'production', description: HOSTS.production },
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'Another ECTicket-compatible server, such as the local simulator',
				},
			],
			default: 'stage',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:7071',
			description: 'Scheme, host and port of the ECTicket server, without a path',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Merchant ID',
			name: 'merchantId',
			type: 'string',
			default: '',
			placeholder: '3085676',
			description: 'The MerchantID ECPay gave you (up to 10 characters)',
			required: true,
		},
		{
			displayName: 'Hash Key',
			name: 'hashKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The HashKey from the ECPay vendor back office (16 characters). Used as the AES key and in CheckMacValue.',
			required: true,
		},
		{
			displayName: 'Hash IV',
			name: 'hashIvSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The HashIV from the ECPay vendor back office (16 characters)',
			required: true,
		},
		{
			displayName: 'Platform ID',
			name: 'platformId',
			type: 'string',
			default: '',
			description:
				'Only for platform merchants: the platform MerchantID ECPay gave you. Leave empty as an ordinary merchant.',
		},
	];

	authenticate = signEcTicketRequest;
}

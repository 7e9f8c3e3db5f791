import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { codecFor, type Codec } from '../protocol/crypto';
import { sealRequest } from '../protocol/envelope';
import { HOSTS } from '../protocol/spec/endpoints';

export interface EcTicketCredentials {
	environment: 'stage' | 'production' | 'custom';
	baseUrl?: string;
	merchantId: string;
	hashKeySecret: string;
	hashIvSecret: string;
	platformId?: string;
}

export function baseUrlOf(credentials: EcTicketCredentials): string {
	if (credentials.environment === 'custom') return (credentials.baseUrl ?? '').replace(/\/+$/, '');
	return HOSTS[credentials.environment] ?? HOSTS.stage;
}

export function codecOf(credentials: EcTicketCredentials): Codec {
	return codecFor({ hashKey: credentials.hashKeySecret, hashIV: credentials.hashIvSecret });
}

/**
 * Turns a request whose body is ECTicket business Data into the signed envelope ECPay expects:
 * MerchantID added to the Data, Data encrypted, CheckMacValue over the plaintext, a fresh timestamp.
 */
export async function signEcTicketRequest(
	raw: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const credentials = raw as unknown as EcTicketCredentials;
	const data = { MerchantID: credentials.merchantId, ...(requestOptions.body as object) };
	const envelope = sealRequest(codecOf(credentials), credentials, data);
	return {
		...requestOptions,
		baseURL: baseUrlOf(credentials),
		method: 'POST',
		headers: { ...requestOptions.headers, Accept: 'text/html', 'Content-Type': 'application/json' },
		body: envelope,
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

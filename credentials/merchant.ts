import { Codec, keysProblem } from '../protocol/crypto';
import { openResponse, sealRequest, type BusinessData, type Opened, type RequestEnvelope, type ResponseEnvelope } from '../protocol/envelope';
import { HOSTS } from '../protocol/rules/endpoints';

/** The decrypted ECPay ECTicket API credential, as n8n hands it to a node. */
export interface EcTicketCredentials {
	environment: 'stage' | 'production' | 'custom';
	baseUrl?: string;
	merchantId: string;
	hashKeySecret: string;
	hashIvSecret: string;
	platformId?: string;
}

export function baseUrlOf(credentials: EcTicketCredentials): string {
	if (credentials.environment === 'custom') return (credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	return HOSTS[credentials.environment] ?? HOSTS.stage;
}

/** Why a credential cannot be used (keys of the wrong shape, no usable base URL), or undefined. */
export function credentialProblem(credentials: EcTicketCredentials): string | undefined {
	const keys = keysProblem({ hashKey: credentials.hashKeySecret, hashIV: credentials.hashIvSecret });
	if (keys) return keys;
	if (!/^https?:\/\/[^/\s]+/.test(baseUrlOf(credentials))) return 'The Base URL must start with http:// or https://';
	return undefined;
}

/**
 * One merchant as ECTicket knows it: its IDs, where its ECTicket server is, and its keys as a
 * Codec (built once, kept out of enumerable properties). Everything that signs a request or
 * opens an answer goes through one of these.
 */
export class Merchant {
	readonly merchantId: string;
	readonly platformId: string | null;
	readonly baseUrl: string;
	readonly codec: Codec;

	/** Throws the credential's problem (never its keys) when it cannot be used. */
	constructor(credentials: EcTicketCredentials) {
		const problem = credentialProblem(credentials);
		if (problem) throw new Error(problem);
		this.merchantId = String(credentials.merchantId ?? '').trim();
		this.platformId = credentials.platformId?.trim() || null;
		this.baseUrl = baseUrlOf(credentials);
		this.codec = new Codec({ hashKey: credentials.hashKeySecret, hashIV: credentials.hashIvSecret });
	}

	/** The signed envelope of a request: MerchantID added to the Data, a fresh timestamp. */
	seal(data: BusinessData): RequestEnvelope {
		return sealRequest(this.codec, this, { MerchantID: this.merchantId, ...data });
	}

	/** A verified, decrypted answer; throws an EnvelopeError naming the check that failed. */
	open(body: unknown): Opened<ResponseEnvelope> {
		return openResponse(this.codec, body);
	}

	toJSON(): string {
		return `[Merchant ${this.merchantId}]`;
	}
}

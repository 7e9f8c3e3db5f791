import express from 'express';
import { Codec } from '../../protocol/crypto';
import {
	openRequest,
	openResponse,
	sealResponse,
	type BusinessData,
	type Opened,
	type RequestEnvelope,
	type ResponseEnvelope,
} from '../../protocol/envelope';
import { codec, MERCHANT_ID } from './client';

/** One notification as a merchant's notify URL received it. */
export interface Received {
	path: string;
	contentType: string;
	/** The raw body text. */
	raw: string;
	/**
	 * The envelope opened with the test merchant's keys: request-shaped (dialect standard) or
	 * response-shaped with TransCode 1 (dialect alt).
	 */
	opened: Opened<RequestEnvelope | ResponseEnvelope>;
}

export interface Reply {
	status?: number;
	contentType?: string;
	body: string;
	/** Never answer (the simulator times out). */
	hang?: boolean;
}

/** How the receiver answers the nth request (1-based) it gets. */
export type Answer = (received: Received, n: number) => Reply;

/** The acknowledgement PROTOCOL.md §7 makes the default: an envelope whose Data is {RtnCode: 1, RtnMsg}. */
export const envelopeAck = (data: BusinessData = { RtnCode: 1, RtnMsg: '成功' }, keys: Codec = codec): Reply => ({
	contentType: 'application/json',
	body: JSON.stringify(sealResponse(keys, { merchantId: MERCHANT_ID }, data)),
});

export const plainAck = (body = '1|OK'): Reply => ({ contentType: 'text/plain', body });

/** A notification envelope, either shape (by its header); anything else throws. */
function openNotification(raw: string): Opened<RequestEnvelope | ResponseEnvelope> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		parsed = undefined;
	}
	const responseShaped = typeof parsed === 'object' && parsed !== null && 'RpHeader' in parsed && !('RqHeader' in parsed);
	return responseShaped ? openResponse(codec, raw) : openRequest(codec, raw);
}

/** An express app on 127.0.0.1:0 standing in for the merchant's notify URLs. */
export async function startReceiver(answer: Answer = () => envelopeAck()) {
	const received: Received[] = [];
	const app = express();
	app.use(express.text({ type: () => true }));
	app.post('/{*path}', (req, res) => {
		const raw = typeof req.body === 'string' ? req.body : '';
		const entry: Received = {
			path: req.path,
			contentType: req.get('content-type') ?? '',
			raw,
			opened: openNotification(raw),
		};
		received.push(entry);
		const reply = answer(entry, received.length);
		if (reply.hang) return;
		res.status(reply.status ?? 200).type(reply.contentType ?? 'text/plain').send(reply.body);
	});
	const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		received,
		/** Data of every notification received at `path`. */
		dataAt: (path: string) => received.filter((r) => r.path === path).map((r) => r.opened.data),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

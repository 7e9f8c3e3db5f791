import { Codec } from '../../protocol/crypto';
import {
	openResponse,
	sealRequest,
	type BusinessData,
	type ResponseEnvelope,
	type Sender,
} from '../../protocol/envelope';
import { ENDPOINTS } from '../../protocol/rules/endpoints';
import { defaultConfig, type SimulatorConfig } from '../../simulator/config';
import { startSimulator } from '../../simulator/server';

/** The test merchant of PROTOCOL.md §9, as the simulator seeds it. */
export const MERCHANT = defaultConfig().merchants[0];
export const MERCHANT_ID = MERCHANT.merchantId;
export const codec = new Codec(MERCHANT);
/** A second merchant for tests that need two; its keys are made up. */
export const OTHER_MERCHANT = { merchantId: '2000132', hashKey: 'abcdefghijklmnop', hashIV: 'ponmlkjihgfedcba' };

/** 2025-06-02 10:00 in Taiwan. */
export const START = Date.UTC(2025, 5, 2, 2, 0, 0);
export const TODAY = '20250602';
export const TOMORROW = '20250603';

let seq = 0;
/** A fresh order number (alphanumeric, 20 characters at most so it also fits FreeTradeNo). */
export const tradeNo = (prefix = 'SIM') => `${prefix}${Date.now().toString(36)}${++seq}`.toUpperCase();

export interface CallOptions {
	codec?: Codec;
	sender?: Sender;
	/** RqHeader.Timestamp; defaults to the simulator clock. */
	timestamp?: number;
}

export type TestSimulator = Awaited<ReturnType<typeof startTestSimulator>>;

/**
 * For suites whose tests each start their own simulator: the returned function starts one with
 * `defaults` and the test's overrides (notifications paused unless asked for), and it is closed
 * after that test.
 */
export function simulatorPerTest(defaults: Partial<SimulatorConfig> = {}) {
	let running: TestSimulator | undefined;
	afterEach(async () => {
		await running?.close();
		running = undefined;
	});
	return async (overrides: Partial<SimulatorConfig> = {}): Promise<TestSimulator> =>
		(running = await startTestSimulator({ notifyIntervalMs: 0, ...defaults, ...overrides }));
}

/** A simulator on a random port whose clock only moves when the test says so. */
export async function startTestSimulator(overrides: Partial<SimulatorConfig> = {}) {
	const clock = { ms: START };
	const running = await startSimulator({ port: 0, now: () => clock.ms, ...overrides });

	const post = (path: string, body: string, contentType = 'application/json') =>
		fetch(running.url + path, { method: 'POST', headers: { 'Content-Type': contentType }, body });

	/** Seals `data` as the test merchant would, posts it and returns the raw response envelope. */
	const send = async (path: string, data: BusinessData, options: CallOptions = {}) => {
		const envelope = sealRequest(
			options.codec ?? codec,
			options.sender ?? { merchantId: MERCHANT_ID },
			data,
			options.timestamp ?? Math.floor(clock.ms / 1000),
		);
		const response = await post(path, JSON.stringify(envelope));
		expect(response.status).toBe(200);
		return (await response.json()) as ResponseEnvelope;
	};

	/** Like send, but expects TransCode 1 and returns the verified, decrypted business Data. */
	const call = async (path: string, data: BusinessData, options: CallOptions = {}) => {
		const envelope = await send(path, data, options);
		expect({ TransCode: envelope.TransCode, TransMsg: envelope.TransMsg }).toEqual({ TransCode: 1, TransMsg: '' });
		return openResponse(options.codec ?? codec, envelope).data;
	};

	/** An endpoint called as the test merchant, MerchantID filled in. */
	const api =
		(path: string) =>
		(data: BusinessData = {}, options?: CallOptions) =>
			call(path, { MerchantID: MERCHANT_ID, ...data }, options);

	/**
	 * WriteOff and Refund as the node sends them: an Operator always, and a CancelReason with
	 * Action 2 (the rule tables require both, from ECPay's sample code); a test overrides them.
	 */
	const write =
		(path: string) =>
		(data: BusinessData = {}, options?: CallOptions) =>
			api(path)({ Operator: 'tester', ...(data.Action === '2' ? { CancelReason: 'test' } : {}), ...data }, options);

	/** A JSON call to one of the simulator's own /_simulator/ paths. */
	const control = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
		const response = await fetch(`${running.url}/_simulator/${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};

	const issue = (data: BusinessData, options?: CallOptions) => call(ENDPOINTS.issue, data, options);

	/** Issues an order, lets the issuance job run if it must, and returns the order with its tickets. */
	const issued = async (data: BusinessData) => {
		const answer = await issue(data);
		expect(answer).toMatchObject({ RtnCode: 1 });
		if (data.IssueType !== '2') clock.ms += running.simulator.config.issueDelayMs;
		const ref = { merchantTradeNo: String(data.MerchantTradeNo ?? ''), freeTradeNo: String(data.FreeTradeNo ?? '') };
		const order = running.simulator.store.findOrder(String(data.MerchantID), ref);
		if (!order) throw new Error('the order was not recorded');
		return order;
	};

	return {
		...running,
		clock,
		advance: (ms: number) => {
			clock.ms += ms;
		},
		post,
		send,
		call,
		control,
		issue,
		issued,
		queryIssueResult: api(ENDPOINTS.queryIssueResult),
		issuanceIssue: (data: BusinessData, options?: CallOptions) => call(ENDPOINTS.issuanceOnlyIssue, data, options),
		queryTicketStatus: api(ENDPOINTS.queryTicketStatus),
		queryOrderInfo: api(ENDPOINTS.queryOrderInfo),
		writeOff: write(ENDPOINTS.writeOff),
		refund: write(ENDPOINTS.refund),
		queryRefundInfo: api(ENDPOINTS.queryRefundInfo),
		queryPrintData: api(ENDPOINTS.queryPrintData),
		queryItemInfo: api(ENDPOINTS.queryItemInfo),
		batchQueryItemInfo: api(ENDPOINTS.batchQueryItemInfo),
		escrowDay: api(ENDPOINTS.escrowDay),
		orderDetail: api(ENDPOINTS.orderDetail),
	};
}

/** One day in ms. */
export const DAY = 86_400_000;

/** Valid Issue Data for each IssueType, shaped like the examples of the official page. */
export const orders = {
	convenienceStore: (no = tradeNo()): BusinessData => ({
		MerchantID: MERCHANT_ID,
		MerchantTradeNo: no,
		IssueType: '1',
		UseStatusNotifyURL: 'http://www.happybuy123.com.tw/notifyurl',
		Operator: 'AngelaChan',
		CustomerEmail: 'abc@gmail.com',
		TicketInfo: [
			{ ItemNo: 'VQT04959', TicketAmount: 4 },
			{ ItemNo: 'VNS21400', TicketAmount: 4 },
		],
	}),
	paper: (no = tradeNo()): BusinessData => ({
		MerchantID: MERCHANT_ID,
		MerchantTradeNo: no,
		IssueType: '2',
		PrintType: '2',
		Operator: 'AngelaChan',
		CustomerName: '王珊珊',
		TicketInfo: [
			{ ItemNo: 'VQT04959', TicketAmount: 10 },
			{ ItemNo: 'VNS21400', TicketAmount: 10 },
		],
	}),
	electronic: (no = tradeNo()): BusinessData => ({
		MerchantID: MERCHANT_ID,
		MerchantTradeNo: no,
		IssueType: '3',
		IsImmediate: '2',
		Operator: 'AngelaChan',
		CustomerName: '王珊珊',
		CustomerPhone: '0912345678',
		CustomerEmail: 'abc@gmail.com',
		TicketInfo: [
			{ ItemNo: 'VQT04959', TicketAmount: 8, StartDate: TOMORROW },
			{ ItemNo: 'VNS21400', TicketAmount: 6, StartDate: TOMORROW },
		],
	}),
	serialNumber: (no = tradeNo()): BusinessData => ({
		MerchantID: MERCHANT_ID,
		MerchantTradeNo: no,
		IssueType: '4',
		Operator: 'AngelaChan',
		TicketInfo: [
			{ ItemName: '五星渡假飯店假日住宿券', TicketPrice: 6600, TicketAmount: 2 },
			{ ItemName: 'SPA課程體驗券', TicketPrice: 3200, TicketAmount: 4 },
		],
	}),
	gift: (no = tradeNo('GFT')): BusinessData => ({
		MerchantID: MERCHANT_ID,
		FreeTradeNo: no,
		IssueType: '3',
		IsImmediate: '1',
		Operator: 'AngelaChan',
		CustomerName: 'Angela Chan',
		CustomerPhone: '0912345678',
		CustomerEmail: 'abc@gmail.com',
		TicketInfo: [
			{ ItemNo: 'CK851236', TicketAmount: 2, ExpireDate: '20251231' },
			{ ItemNo: 'GIFT0001', TicketAmount: 1, ExpireDate: '20251231' },
		],
	}),
};

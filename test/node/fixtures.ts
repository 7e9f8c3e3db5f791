/**
 * Shared helpers of the node and credential suites: a real simulator on a random port, the test
 * merchant's credential, valid parameters per IssueType, and readers of the simulator's request log.
 * Nothing here mocks the node, the credential or the simulator.
 */
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { EcTicketCredentials } from '../../credentials/merchant';
import { ENDPOINTS } from '../../protocol/rules/endpoints';
import { defaultConfig, type SimulatorConfig } from '../../simulator/config';
import { startSimulator } from '../../simulator/server';
import type { ReceivedRequest } from '../../simulator/simulator';
import type { Ticket } from '../../simulator/store';
import { runEcTicketNode, type RunResult } from '../harness/workflow';
import { SIM_DIALECT } from '../harness/simDialect';

/** The test merchant of PROTOCOL.md §9, exactly as the simulator seeds it. */
export const MERCHANT = defaultConfig().merchants[0];

/** Keys of the right shape (16 ASCII characters) that are not the merchant's. */
export const WRONG_KEY = [...MERCHANT.hashKey].reverse().join('');
export const WRONG_IV = [...MERCHANT.hashIV].reverse().join('');

export type Sim = Awaited<ReturnType<typeof startSimulator>>;

/** The simulator dialect of this run: ECTICKET_SIM_DIALECT, default standard (simulator/dialect.ts). */
export { SIM_DIALECT };

type CountKind = 'unused' | 'redeemed' | 'refunded' | 'expired';

/**
 * What the suites may expect of the simulator's answers in this run's dialect
 * (simulator/README.md "Dialects"): only what the two dialects answer differently.
 */
export interface DialectExpectations {
	/** WriteOffDate, RefundDate and IssueDate as the simulator writes them. */
	stamp: RegExp;
	/** The ISO form the node adds beside such a stamp of the Taiwan day `dashed` (yyyy-MM-dd; any day when absent). */
	stampIso: (dashed?: string) => RegExp;
	/** Exactly the ISO form the node must add beside the stamp `stamp`. */
	isoOf: (stamp: string) => string;
	/** Whether a stamp has a time of day (an instant), or is a date only. */
	stampHasTime: boolean;
	/** EscrowExpiredDate of the Taiwan day `dashed` (yyyy-MM-dd). */
	day: (dashed: string) => string;
	/** QueryOrderInfo's count and amount field names. */
	counts: Record<CountKind, { count: string; amount: string }>;
	/** The fields only this dialect adds to QueryOrderInfo (for an order of the main API). */
	orderExtras: IDataObject;
	/** The field no client knows of, in every answer Data and list entry ({} in standard). */
	unknown: IDataObject;
	/** Whether QueryIssueResult answers TicketTradeNo. */
	issueResultHasTicketTradeNo: boolean;
	/** A use-status notification's UseStatus after each ticket event; undefined: the event is not notified. */
	notifiedUseStatus: { redeem: number; refund: number; cancel?: number };
	/**
	 * The UseStatusLabel the trigger can add to a redemption's notification: 'redeemed', or none
	 * when the code (alt: the skill's 1 = redeemed) disagrees with the USE_STATUS table.
	 */
	notifiedRedeemLabel?: string;
	/** Whether the plain text 1|OK acknowledges a notification. */
	plainAckAccepted: boolean;
}

const anyDay = '\\d{4}-\\d{2}-\\d{2}';
const DIALECTS: Record<typeof SIM_DIALECT, DialectExpectations> = {
	standard: {
		stamp: /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/,
		stampIso: (dashed = anyDay) => new RegExp(`^${dashed}T\\d{2}:\\d{2}:\\d{2}\\+08:00$`),
		isoOf: (stamp) => `${stamp.slice(0, 10).replace(/\//g, '-')}T${stamp.slice(11)}+08:00`,
		stampHasTime: true,
		day: (dashed) => dashed.replace(/-/g, '/'),
		counts: {
			unused: { count: 'UnusedCount', amount: 'UnusedAmount' },
			redeemed: { count: 'RedeemedCount', amount: 'RedeemedAmount' },
			refunded: { count: 'RefundedCount', amount: 'RefundedAmount' },
			expired: { count: 'ExpiredCount', amount: 'ExpiredAmount' },
		},
		orderExtras: {},
		unknown: {},
		issueResultHasTicketTradeNo: true,
		notifiedUseStatus: { redeem: 2, refund: 3, cancel: 1 },
		notifiedRedeemLabel: 'redeemed',
		plainAckAccepted: true,
	},
	alt: {
		stamp: /^\d{8}$/,
		stampIso: (dashed = anyDay) => new RegExp(`^${dashed}$`),
		isoOf: (stamp) => `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6)}`,
		stampHasTime: false,
		day: (dashed) => dashed.replace(/-/g, ''),
		counts: {
			unused: { count: 'UnUsedCount', amount: 'UnUsedAmount' },
			redeemed: { count: 'RedeemCount', amount: 'RedeemAmount' },
			refunded: { count: 'RefundCount', amount: 'RefundAmount' },
			expired: { count: 'ExpiredCount', amount: 'ExpiredAmount' },
		},
		orderExtras: { TotalRefundFee: 0, PaymentProvider: '', Remark: '' },
		unknown: { SimDialect: 'alt' },
		issueResultHasTicketTradeNo: false,
		notifiedUseStatus: { redeem: 1, refund: 2 },
		plainAckAccepted: false,
	},
};

/** This run's dialect expectations. */
export const DIALECT = DIALECTS[SIM_DIALECT];

/** QueryOrderInfo's counts and amounts under this dialect's names: e.g. orderCounts({ redeemed: [1, 680] }). */
export function orderCounts(values: Partial<Record<CountKind, [count: number, amount: number]>>): IDataObject {
	return Object.fromEntries(
		Object.entries(values).flatMap(([kind, [count, amount]]) => [
			[DIALECT.counts[kind as CountKind].count, count],
			[DIALECT.counts[kind as CountKind].amount, amount],
		]),
	);
}

/** A simulator on a random port with a short issuance job (real clock), in this run's dialect. */
export function startSim(overrides: Partial<SimulatorConfig> = {}): Promise<Sim> {
	return startSimulator({ port: 0, issueDelayMs: 300, dialect: SIM_DIALECT, ...overrides });
}

/**
 * The suite's simulator: started before its tests, closed after them. The returned object stands
 * for the running simulator (it forwards to it), so tests use it like the simulator itself.
 */
export function useSimulator(overrides: Partial<SimulatorConfig> = {}): Sim {
	let running: Sim | undefined;
	beforeAll(async () => {
		running = await startSim(overrides);
	});
	afterAll(() => running?.close());
	return new Proxy({} as Sim, {
		get(_, key) {
			if (!running) throw new Error('The simulator starts in beforeAll: use it inside a test');
			const value = running[key as keyof Sim];
			return typeof value === 'function' ? value.bind(running) : value;
		},
	});
}

/** The credential of the test merchant pointed at the simulator. */
export function credentials(sim: Sim, overrides: Partial<EcTicketCredentials> = {}): EcTicketCredentials {
	return {
		environment: 'custom',
		baseUrl: sim.url,
		merchantId: MERCHANT.merchantId,
		hashKeySecret: MERCHANT.hashKey,
		hashIvSecret: MERCHANT.hashIV,
		...overrides,
	};
}

let sequence = 0;
/** A fresh order number: letters and digits, at most 20 characters (fits FreeTradeNo too). */
export function tradeNo(prefix = 'T'): string {
	sequence += 1;
	return `${prefix}${Date.now().toString(36)}${sequence}`.toUpperCase().slice(0, 20);
}

/** A date `days` after today in Taiwan (GMT+8), as yyyy-MM-dd and as yyyyMMdd. */
export function taiwanDay(days = 0): { dashed: string; wire: string } {
	const dashed = new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
	return { dashed, wire: dashed.replace(/-/g, '') };
}

/** Valid Issue parameters for each IssueType; tests override what they are about. */
export function issueParams(issueType: '1' | '2' | '3' | '4', overrides: INodeParameters = {}): INodeParameters {
	const common: INodeParameters = {
		resource: 'ticket',
		operation: 'issue',
		issueType,
		orderKind: 'pickup',
		merchantTradeNo: tradeNo(`I${issueType}`),
		operator: 'tester',
		ticketsInput: 'fields',
		// The node waits for issuance by default; suites about anything else leave the wait out.
		waitForIssuance: false,
		options: { pollInterval: 1 },
	};
	const byType: Record<string, INodeParameters> = {
		'1': {
			customerEmail: 'buyer@example.com',
			tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 4 }, { itemNo: 'VNS21400', ticketAmount: 4 }] },
		},
		'2': {
			printType: '2',
			tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 10 }, { itemNo: 'VNS21400', ticketAmount: 10 }] },
		},
		'3': {
			isImmediate: '1',
			customerName: '王珊珊',
			customerPhone: '0912345678',
			customerEmail: 'abc@example.com',
			tickets: { line: [{ itemNo: 'VQT04959', ticketAmount: 8 }, { itemNo: 'VNS21400', ticketAmount: 6 }] },
		},
		'4': {
			tickets: {
				line: [
					{ itemName: '五星渡假飯店假日住宿券', ticketPrice: 6600, ticketAmount: 2 },
					{ itemName: 'SPA課程體驗券', ticketPrice: 3200, ticketAmount: 4 },
				],
			},
		},
	};
	return { ...common, ...byType[issueType], ...overrides };
}

/** Get Issuance Result parameters. */
export function queryParams(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'ticket', operation: 'getIssuanceResult', orderKind: 'pickup', ...overrides };
}

export interface RunOptions {
	items?: IDataObject[];
	onError?: INode['onError'];
	credentials?: Partial<EcTicketCredentials>;
}

/** Runs Items → ECPay ECTicket against the simulator through n8n-core's WorkflowExecute. */
export function run(sim: Sim, parameters: INodeParameters, options: RunOptions = {}): Promise<RunResult> {
	return runEcTicketNode({
		credentials: credentials(sim, options.credentials),
		parameters,
		items: options.items,
		onError: options.onError,
	});
}

/** Continue On Fail, as n8n stores it. */
export const CONTINUE: INode['onError'] = 'continueRegularOutput';

/** The node's output, failing the test with n8n's error when the node failed. */
export function outputOf(result: RunResult): INodeExecutionData[] {
	if (result.error) throw new Error(`The node failed: ${result.error.message}`);
	if (!result.output) throw new Error('The node produced no output');
	return result.output;
}

/** The error the node failed with, failing the test when it did not fail. */
export function errorOf(result: RunResult): NonNullable<RunResult['error']> {
	if (!result.error) throw new Error(`The node did not fail; output: ${JSON.stringify(result.output)}`);
	return result.error;
}

/** The calls the simulator received, optionally for one endpoint only. */
export function requests(sim: Sim, endpoint?: string): ReceivedRequest[] {
	return sim.simulator.requests.filter((r) => endpoint === undefined || r.path === endpoint);
}

export const issueCalls = (sim: Sim) => requests(sim, ENDPOINTS.issue);
export const queryCalls = (sim: Sim) => requests(sim, ENDPOINTS.queryIssueResult);

/** The decrypted business Data of the one Issue call for an order number. */
export function issuedData(sim: Sim, orderNo: string): IDataObject {
	const calls = issueCalls(sim).filter(
		(r) => r.data?.MerchantTradeNo === orderNo || r.data?.FreeTradeNo === orderNo,
	);
	if (calls.length !== 1) throw new Error(`Expected one Issue call for ${orderNo}, found ${calls.length}`);
	return calls[0].data as IDataObject;
}

/** The order number a logged call was about. */
export const orderNoOf = (r: ReceivedRequest): unknown => r.data?.MerchantTradeNo ?? r.data?.FreeTradeNo;

/** An object's `issuance` field, narrowed. */
export function issuanceOf(json: IDataObject): IDataObject {
	const issuance = json.issuance;
	if (typeof issuance !== 'object' || issuance === null || Array.isArray(issuance)) {
		throw new Error(`No issuance object in ${JSON.stringify(json)}`);
	}
	return issuance as IDataObject;
}

/* ---- Helpers of the suites beyond Issue / Get Issuance Result (ticket, order, product, merchant) ---- */

/** Parameters of any operation of a resource; tests add what the operation needs. */
export function opParams(resource: string, operation: string, overrides: INodeParameters = {}): INodeParameters {
	return { resource, operation, ...overrides };
}

/** The simulator's tickets of an order (issuance order), straight from its store: live objects, they follow later changes. */
export function ticketsOf(sim: Sim, no: string, gift = false): Ticket[] {
	const ref = gift ? { merchantTradeNo: '', freeTradeNo: no } : { merchantTradeNo: no, freeTradeNo: '' };
	const order = sim.simulator.store.findOrder(MERCHANT.merchantId, ref);
	if (!order) throw new Error(`The simulator holds no order ${no}`);
	return order.tickets;
}

/**
 * Issues a paper-ticket order (IssueType 2: issued at once) through the node and answers its
 * number and the simulator's tickets. `lines` are editor ticket lines ({itemNo, ticketAmount, …}).
 */
export async function paperOrder(
	sim: Sim,
	lines: INodeParameters[] = [{ itemNo: 'VQT04959', ticketAmount: 2 }, { itemNo: 'VNS21400', ticketAmount: 1 }],
	overrides: INodeParameters = {},
): Promise<{ no: string; tickets: Ticket[] }> {
	const no = tradeNo('PO');
	const output = outputOf(await run(sim, issueParams('2', { merchantTradeNo: no, tickets: { line: lines }, ...overrides })));
	if (output[0].json.RtnCode !== 1) throw new Error(`Issue failed: ${JSON.stringify(output[0].json)}`);
	return { no, tickets: ticketsOf(sim, no) };
}

/** The last call the simulator logged on an endpoint. */
export function lastCall(sim: Sim, endpoint: string): ReceivedRequest {
	const calls = requests(sim, endpoint);
	if (!calls.length) throw new Error(`No call on ${endpoint}`);
	return calls[calls.length - 1];
}

/** Moves the simulator's business clock forward by whole days (never back). */
export function advanceDays(sim: Sim, days: number): void {
	sim.advanceClock(days * 86400_000);
}

/** What a NodeApiError keeps of ECPay's answer (RtnCode, RtnMsg), as n8n recorded it. */
export function errorResponseOf(error: NonNullable<RunResult['error']>): IDataObject | undefined {
	return (error as { errorResponse?: IDataObject }).errorResponse;
}

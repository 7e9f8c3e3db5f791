import { ENDPOINTS } from '../../protocol/rules/endpoints';
import { batchQueryItemInfo } from './batchQueryItemInfo';
import { escrowDay } from './escrowDay';
import type { Handler } from './handler';
import { issuanceIssue } from './issuanceIssue';
import { issue } from './issue';
import { orderDetail } from './orderDetail';
import { queryIssueResult } from './queryIssueResult';
import { queryItemInfo } from './queryItemInfo';
import { queryOrderInfo } from './queryOrderInfo';
import { queryPrintData } from './queryPrintData';
import { queryRefundInfo } from './queryRefundInfo';
import { queryTicketStatus } from './queryTicketStatus';
import { issuanceRefund, refund } from './refund';
import { writeOff } from './writeOff';

/** Every ECTicket endpoint of protocol/rules/endpoints.ts, one handler each. */
const HANDLERS: Record<string, Handler> = {
	[ENDPOINTS.issue]: issue,
	[ENDPOINTS.issuanceOnlyIssue]: issuanceIssue,
	[ENDPOINTS.issuanceRefund]: issuanceRefund,
	[ENDPOINTS.queryIssueResult]: queryIssueResult,
	[ENDPOINTS.queryTicketStatus]: queryTicketStatus,
	[ENDPOINTS.queryOrderInfo]: queryOrderInfo,
	[ENDPOINTS.writeOff]: writeOff,
	[ENDPOINTS.refund]: refund,
	[ENDPOINTS.queryRefundInfo]: queryRefundInfo,
	[ENDPOINTS.queryPrintData]: queryPrintData,
	[ENDPOINTS.queryItemInfo]: queryItemInfo,
	[ENDPOINTS.batchQueryItemInfo]: batchQueryItemInfo,
	[ENDPOINTS.escrowDay]: escrowDay,
	[ENDPOINTS.orderDetail]: orderDetail,
};

/** ECPay paths the simulator knows of but does not simulate: they answer 501. */
export const NOT_SIMULATED = ['/api/Period/QueryOrderInfo'];

const byLowerPath = <T>(table: Record<string, T>) =>
	new Map(Object.entries(table).map(([path, value]) => [path.toLowerCase(), value]));
export const ROUTES = byLowerPath(HANDLERS);
export const ECPAY_PATHS = new Set([...Object.values(ENDPOINTS), ...NOT_SIMULATED].map((path) => path.toLowerCase()));

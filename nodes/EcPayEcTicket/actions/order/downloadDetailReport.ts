import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { REPORT_TYPE } from '../../../../protocol/rules/codes';
import { ENDPOINTS } from '../../../../protocol/rules/endpoints';
import { ORDER_DETAIL_INTERVAL_SECONDS } from '../../../../protocol/rules/timing';
import { toWireDate } from '../../../../protocol/wire';
import { apiError } from '../../transport/request';
import { ask, checked } from '../ask';
import type { Operation } from '../operation';
import { textParameter } from '../sharedFields';
import { parseCsv } from './csv';

const show = { resource: ['order'], operation: ['downloadDetailReport'] };

const lastCall = new WeakMap<IExecuteFunctions, number>();

/** ECPay allows one OrderDetail call a minute per merchant: the items of one run take turns. */
async function waitTurn(ctx: IExecuteFunctions): Promise<void> {
	const previous = lastCall.get(ctx);
	if (previous !== undefined) {
		const wait = previous + ORDER_DETAIL_INTERVAL_SECONDS * 1000 - Date.now();
		if (wait > 0) await sleep(wait);
	}
	lastCall.set(ctx, Date.now());
}

export const downloadDetailReport: Operation<IDataObject> = {
	value: 'downloadDetailReport',
	name: 'Download Detail Report',
	action: 'Download the order or ticket detail report',
	description: 'Download the CSV detail report of the orders or tickets of a date range (one call a minute)',
	maxConcurrency: 1,
	properties: [
		{
			displayName:
				'ECPay allows one detail report a minute per merchant. With several input items the node waits a minute between reports; running the workflow again within a minute is refused by ECPay.',
			name: 'rateLimitNotice',
			type: 'notice',
			default: '',
			displayOptions: { show },
		},
		{
			displayName: 'Report Type',
			name: 'reportType',
			type: 'options',
			options: [
				{ name: 'Orders', value: REPORT_TYPE.orders, description: 'One row per order' },
				{ name: 'Tickets', value: REPORT_TYPE.tickets, description: 'One row per ticket' },
			],
			default: 1,
			displayOptions: { show },
		},
		{
			displayName: 'Begin Date',
			name: 'beginDate',
			type: 'dateTime',
			required: true,
			default: '',
			placeholder: '20261101',
			description: 'First day of the report (pick a date or map yyyyMMdd or yyyy-MM-dd)',
			displayOptions: { show },
		},
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			required: true,
			default: '',
			placeholder: '20261130',
			description: 'Last day of the report (pick a date or map yyyyMMdd or yyyy-MM-dd), not before the begin date',
			displayOptions: { show },
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'CSV File', value: 'file', description: 'One item with the report as binary data' },
				{ name: 'Rows', value: 'rows', description: 'One item per CSV row, with the column names as fields' },
			],
			default: 'file',
			displayOptions: { show },
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'The name of the binary field the CSV file is put in',
			displayOptions: { show: { ...show, output: ['file'] } },
		},
	],

	prepare: (x, itemIndex) =>
		checked(x, itemIndex, 'orderDetail', {
			ReportType: Number(x.ctx.getNodeParameter('reportType', itemIndex)),
			BeginDate: toWireDate(textParameter(x, 'beginDate', itemIndex)),
			EndDate: toWireDate(textParameter(x, 'endDate', itemIndex)),
		} as IDataObject),

	async run(x, data, itemIndex) {
		await waitTurn(x.ctx);
		const answer = await ask(x, 'orderDetail', data, itemIndex);
		if (typeof answer.FileContent !== 'string') {
			throw apiError(x.client, itemIndex, 'unverifiable', 'The report answer has no FileContent', `Endpoint ${ENDPOINTS.orderDetail}: the answer holds ${Object.keys(answer).join(', ')}.`);
		}
		const rows = parseCsv(answer.FileContent);
		if (x.ctx.getNodeParameter('output', itemIndex, 'file') === 'rows') return rows;
		const fileName = typeof answer.FileName === 'string' && answer.FileName ? answer.FileName : `ecticket-${String(data.BeginDate)}-${String(data.EndDate)}.csv`;
		const binary = await x.ctx.helpers.prepareBinaryData(Buffer.from(answer.FileContent, 'utf8'), fileName, 'text/csv');
		return {
			json: { FileName: fileName, ReportType: data.ReportType, BeginDate: data.BeginDate, EndDate: data.EndDate, rowCount: rows.length },
			binary: { [x.ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string]: binary },
		};
	},
};

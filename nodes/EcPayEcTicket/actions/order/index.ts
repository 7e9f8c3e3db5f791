import { resource, type Operation } from '../operation';
import { downloadDetailReport } from './downloadDetailReport';
import { get } from './get';
import { getRefundInfo } from './getRefundInfo';

export const order = resource('order', [get, getRefundInfo, downloadDetailReport] as Operation[], 'get');

import { resource, type Operation } from '../operation';
import { get } from './get';
import { getIssuanceResult } from './getIssuanceResult';
import { getPrintData } from './getPrintData';
import { issue } from './issue';
import { cancelRedemption, cancelRefund, redeem, refund } from './write';

export const ticket = resource('ticket', [issue, getIssuanceResult, get, redeem, cancelRedemption, refund, cancelRefund, getPrintData] as Operation[], 'issue');

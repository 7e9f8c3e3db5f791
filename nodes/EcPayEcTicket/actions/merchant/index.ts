import { resource, type Operation } from '../operation';
import { getEscrowDays } from './getEscrowDays';

export const merchant = resource('merchant', [getEscrowDays] as Operation[], 'getEscrowDays');

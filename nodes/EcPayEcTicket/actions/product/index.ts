import { resource, type Operation } from '../operation';
import { get } from './get';
import { getAll } from './getAll';

export const product = resource('product', [get, getAll] as Operation[], 'getAll');

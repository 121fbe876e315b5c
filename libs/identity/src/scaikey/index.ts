export * from './scaikey.client';
export * from './scaikey.types';
